"""Staff create organisations, make managers they pick with the person chooser, and
read the cohorts and the export log in the Wagtail admin."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from partners.models import ExportRecord, Membership, Organisation
from tests.factories.accounts import UserFactory
from tests.partners import scenario as build_scenario


@pytest.fixture
def scenario(db) -> build_scenario.Scenario:
    return build_scenario.build()


@pytest.fixture
def admin_client(client, scenario):
    admin = UserFactory(email="admin@academy.example", superuser=True)
    client.force_login(admin)
    return client


def test_staff_add_an_organisation(admin_client, scenario):
    response = admin_client.post(
        reverse("partner_organisations:add"),
        {
            "name": "Gamma Prosecution Service",
            "kind": "prosecution_service",
            "country": "FR",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    assert Organisation.objects.get(name="Gamma Prosecution Service").country == "FR"


def test_staff_make_a_manager_of_the_person_they_choose(admin_client, scenario):
    person = UserFactory(email="new.manager@alpha.example")

    response = admin_client.post(
        reverse("partner_memberships:add"),
        {
            "organisation": scenario.organisation_a.pk,
            "user": person.pk,
            "role": "manager",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    membership = Membership.objects.get(user=person)
    assert membership.organisation == scenario.organisation_a
    assert membership.role == Membership.Role.MANAGER


def test_no_person_an_unknown_one_or_a_second_membership_is_refused(
    admin_client, scenario
):
    url = reverse("partner_memberships:add")
    data = {"organisation": scenario.organisation_a.pk, "role": "manager"}

    nobody = admin_client.post(url, {**data, "user": ""})
    unknown = admin_client.post(url, {**data, "user": 999_999})
    twice = admin_client.post(url, {**data, "user": scenario.bao.pk})

    assert nobody.status_code == HTTPStatus.OK
    assert "This field is required." in nobody.content.decode()
    assert "Select a valid choice." in unknown.content.decode()
    assert "already exists" in twice.content.decode()
    assert Membership.objects.filter(user=scenario.bao).count() == 1


def test_the_membership_form_shows_the_members_name_and_address(admin_client, scenario):
    membership = Membership.objects.get(user=scenario.bao)

    html = admin_client.get(
        reverse("partner_memberships:edit", args=[membership.pk])
    ).content.decode()

    assert f"{scenario.bao.get_full_name()} (bao@alpha.example)" in html
    assert f'value="{scenario.bao.pk}"' in html


def test_the_organisation_page_counts_members_and_links_the_dashboard(
    admin_client, scenario
):
    html = admin_client.get(
        reverse("partner_organisations:inspect", args=[scenario.organisation_a.pk])
    ).content.decode()

    assert "Trainee: 3" in html
    assert "Manager: 1" in html
    assert "Alpha 2026" in html
    assert reverse("partners:dashboard", args=[scenario.organisation_a.pk]) in html
    # the progress report, inside the admin: 3 members, all enrolled, Amina done
    assert "<td>3</td><td>3</td>" in html
    assert "1 (33%)" in html


def test_the_export_log_is_read_only(admin_client, scenario):
    record = ExportRecord.objects.create(
        organisation=scenario.organisation_a,
        by=scenario.manager_a,
        what="trainees",
        file_format="csv",
        filters={"country": "KE"},
    )

    listing = admin_client.get(reverse("partner_exports:index")).content.decode()
    inspect = admin_client.get(reverse("partner_exports:inspect", args=[record.pk]))

    assert "Alpha Police Academy" in listing
    assert "trainees" in listing
    assert inspect.status_code == HTTPStatus.OK
    assert "KE" in inspect.content.decode()
    for view, args in [("add", []), ("edit", [record.pk]), ("delete", [record.pk])]:
        response = admin_client.get(reverse(f"partner_exports:{view}", args=args))
        assert response.status_code != HTTPStatus.OK, view
    assert admin_client.get(reverse("partner_cohorts:add")).status_code != (
        HTTPStatus.OK
    )
