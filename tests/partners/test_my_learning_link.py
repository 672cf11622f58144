"""A manager finds their organisation's dashboard from My learning."""

from django.urls import reverse

from partners.models import Membership, Organisation
from tests.factories.accounts import TraineeFactory


def test_my_learning_links_a_manager_to_the_dashboard(client, db):
    manager = TraineeFactory(email="mariam@example.org")
    academy = Organisation.objects.create(
        name="Demo Police Academy", country="KE", kind="police_academy"
    )
    Membership.objects.create(
        organisation=academy, user=manager, role=Membership.Role.MANAGER
    )
    client.force_login(manager)

    html = client.get(reverse("learning:dashboard")).content.decode()

    assert reverse("partners:dashboard", args=[academy.pk]) in html
    assert "Demo Police Academy" in html


def test_trainees_see_no_organisation_link(client, trainee):
    academy = Organisation.objects.create(
        name="Demo Police Academy", country="KE", kind="police_academy"
    )
    Membership.objects.create(organisation=academy, user=trainee)
    client.force_login(trainee)

    html = client.get(reverse("learning:dashboard")).content.decode()

    assert "You manage:" not in html
