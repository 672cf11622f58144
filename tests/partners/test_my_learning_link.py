"""A manager finds their organisation's dashboard from My learning."""

from django.urls import reverse

from tests.factories.partners import (
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
)


def test_my_learning_links_a_manager_to_the_dashboard(client, db):
    academy = OrganisationFactory(name="Demo Police Academy")
    manager = ManagerFactory(organisation=academy, email="mariam@example.org")
    client.force_login(manager)

    html = client.get(reverse("learning:dashboard")).content.decode()

    assert reverse("partners:dashboard", args=[academy.pk]) in html
    assert "Demo Police Academy" in html


def test_trainees_see_no_organisation_link(client, trainee):
    academy = OrganisationFactory(name="Demo Police Academy")
    MembershipFactory(organisation=academy, user=trainee)
    client.force_login(trainee)

    html = client.get(reverse("learning:dashboard")).content.decode()

    assert "You manage:" not in html
