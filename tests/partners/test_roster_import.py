"""Managers add trainees from a CSV file: every problem is listed row by row before
anything is written, the import is all or nothing, existing accounts are matched and
never duplicated, and everyone added gets an e-mail (new people a working link to
choose a password)."""

import re
from datetime import date
from http import HTTPStatus

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from accounts.models import User
from learning.models import Enrolment
from partners import roster, services
from partners.models import CohortMember, Membership
from partners.roster import Person, parse_roster
from tests.factories.partners import (
    CohortFactory,
    OrganisationFactory,
    OrganisationTraineeFactory,
)

HEADER = "email,name,country,role\n"
GOOD_ROWS = (
    "amina.kariuki@example.org,Amina Kariuki,KE,investigator\n"
    "jean.mbeki@example.org,Jean Mbeki,Uganda,Prosecutor\n"
)


def csv_file(text: str, encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile("trainees.csv", text.encode(encoding), "text/csv")


# The parser


def test_a_good_file_reads_codes_english_names_and_labels():
    parsed = parse_roster((HEADER + GOOD_ROWS).encode())
    assert parsed.ok
    assert parsed.people == [
        Person("amina.kariuki@example.org", "Amina Kariuki", "KE", "investigator"),
        Person("jean.mbeki@example.org", "Jean Mbeki", "UG", "prosecutor"),
    ]
    assert (parsed.people[0].first_name, parsed.people[0].last_name) == (
        "Amina",
        "Kariuki",
    )


def test_excel_files_with_a_bom_semicolons_and_any_header_case_are_read():
    text = (
        "\ufeffRole;E-Mail;EMAIL;Name;Country;Notes\r\n"
        "Judge;x;Nguyen.Van.A@Example.ORG;Nguyễn  Văn A;Viet Nam;from the ministry\r\n"
        "\r\n"
        ";;;;;\r\n"
        "forensic_examiner;;tran@example.org;Trần Thị B;VNM;\r\n"
    )
    parsed = parse_roster(text.encode())
    assert parsed.ok
    assert [(row.number, *row.person()) for row in parsed.rows] == [
        (2, "nguyen.van.a@example.org", "Nguyễn Văn A", "VN", "judge"),
        (5, "tran@example.org", "Trần Thị B", "VN", "forensic_examiner"),
    ]


def test_every_problem_is_listed_with_its_row_number():
    text = HEADER + (
        "amina@example.org,Amina,KE,investigator\n"  # row 2: fine
        "not-an-address,Bad Address,KE,judge\n"  # 3
        "AMINA@example.org,Amina Again,KE,judge\n"  # 4
        "c@example.org,,KE,judge\n"  # 5
        "d@example.org,Dee,Keniya,judge\n"  # 6
        "e@example.org,Eve,KE,police\n"  # 7
        ",Nobody,,\n"  # 8
        f"f@example.org,{'x' * 151},KE,judge\n"  # 9
    )
    parsed = parse_roster(text.encode())
    assert not parsed.ok
    problems = {row.number: row.problems for row in parsed.rows}
    assert problems[2] == []
    assert problems[3] == ["“not-an-address” is not a valid e-mail address."]
    assert problems[4] == ["The same e-mail address is on row 2."]
    assert problems[5] == ["The name is missing."]
    assert problems[6][0].startswith("Unknown country “Keniya”")
    assert problems[7][0].startswith("Unknown role “police”: write one of investigator")
    assert problems[8] == [
        "The e-mail address is missing.",
        "The country is missing.",
        "The role is missing.",
    ]
    assert problems[9] == ["The name is longer than 150 characters."]
    assert [row.number for row in parsed.problem_rows] == [3, 4, 5, 6, 7, 8, 9]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"email,name,role\na@example.org,A,judge\n", "Missing: country."),
        (b"a@example.org,A,KE,judge\n", "Missing: email, name, country"),
        (HEADER.encode(), "no trainees"),
        (b"", "Missing: email"),
        ((HEADER + "a@example.org,Zoë,KE,judge\n").encode("cp1252"), "not in UTF-8"),
        (HEADER.encode() + b" " * roster.MAX_BYTES, "larger than 2 MB"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(data, problem):
    parsed = parse_roster(data)
    assert not parsed.ok
    assert problem in " ".join(parsed.file_problems)


def test_more_than_the_row_limit_is_refused(monkeypatch):
    monkeypatch.setattr(roster, "MAX_ROWS", 2)
    parsed = parse_roster((HEADER + GOOD_ROWS + "c@example.org,C,KE,judge\n").encode())
    assert not parsed.ok
    assert "more than 2 trainees" in parsed.file_problems[0]


# The import pages


def import_url(organisation, cohort=None) -> str:
    url = reverse("partners:import", args=[organisation.pk])
    return f"{url}?cohort={cohort.pk}" if cohort else url


def preview(client, organisation, text: str, cohort=None):
    return client.post(
        import_url(organisation),
        {"file": csv_file(text), "cohort": cohort.pk if cohort else ""},
    )


def test_the_preview_lists_the_problems_and_writes_nothing(
    manager_client, academy, cohort
):
    people_before = User.objects.count()
    text = HEADER + GOOD_ROWS + "bad-address,Bad,KE,judge\n"
    response = preview(manager_client, academy, text, cohort)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "1 row has a problem: nothing has been imported" in html
    assert "Rows with problems: 4." in html
    assert "“bad-address” is not a valid e-mail address." in html
    assert 'name="sealed"' not in html  # nothing to confirm
    assert User.objects.count() == people_before
    assert not CohortMember.objects.exists()
    assert mail.outbox == []


def test_a_good_file_is_shown_with_existing_accounts_and_can_be_confirmed(
    manager_client, academy, cohort
):
    OrganisationTraineeFactory(
        organisation=OrganisationFactory(name="Ministry"),
        email="jean.mbeki@example.org",
    )
    response = preview(manager_client, academy, HEADER + GOOD_ROWS, cohort)
    html = response.content.decode()
    assert "2 people are ready to import" in html
    assert "1 new account will be created" in html
    assert html.count("Existing account") == 1 and html.count("New account") == 1
    assert "Import 2 people" in html
    assert not Membership.objects.filter(organisation=academy, role="trainee").exists()


def confirm(client, organisation, text: str, cohort=None):
    """Preview `text`, then confirm with the sealed people the preview gave."""
    html = preview(client, organisation, text, cohort).content.decode()
    sealed = re.search(r'name="sealed" value="([^"]+)"', html).group(1)
    return client.post(import_url(organisation), {"sealed": sealed}, follow=True)


def client_post_sealed(client, organisation, sealed: str):
    return client.post(import_url(organisation), {"sealed": sealed})


def test_confirming_creates_accounts_matches_existing_ones_and_enrols(
    manager_client, academy, cohort, course, manager, django_capture_on_commit_callbacks
):
    ministry = OrganisationFactory(name="Ministry")
    jean = OrganisationTraineeFactory(
        organisation=ministry, email="Jean.Mbeki@Example.org", first_name="Jean-Pierre"
    )
    User.objects.filter(pk=jean.pk).update(email="Jean.Mbeki@Example.org")
    text = HEADER + GOOD_ROWS + "MANAGER@example.org,Mgr,KE,other\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(manager_client, academy, text, cohort)

    assert response.redirect_chain[-1][0] == reverse(
        "partners:cohort", args=[academy.pk, cohort.pk]
    )
    assert (
        "Import complete. 1 new account was created and sent an invitation by "
        "e-mail. 2 existing accounts were matched (their profiles are unchanged). "
        "3 people were added to the cohort “Intake 1”."
    ) in response.content.decode()

    amina = User.objects.get(email="amina.kariuki@example.org")
    assert (amina.first_name, amina.last_name, amina.certificate_name) == (
        "Amina",
        "Kariuki",
        "Amina Kariuki",
    )
    assert (amina.country.code, amina.job_role) == ("KE", "investigator")
    assert not amina.has_usable_password()
    assert User.objects.filter(email__iexact="jean.mbeki@example.org").count() == 1
    jean.refresh_from_db()
    assert (jean.first_name, jean.country.code) == ("Jean-Pierre", "KE")  # unchanged
    assert set(
        Membership.objects.filter(organisation=academy).values_list(
            "user__email", "role"
        )
    ) == {
        ("amina.kariuki@example.org", "trainee"),
        ("Jean.Mbeki@Example.org", "trainee"),
        ("manager@example.org", "manager"),  # a manager stays a manager
    }
    assert Membership.objects.filter(organisation=ministry, user=jean).exists()
    assert set(cohort.members.all()) == {amina, jean, manager}
    assert (
        Enrolment.objects.filter(
            course_key=course.translation_key, left_at__isnull=True
        ).count()
        == 3
    )


def test_everyone_added_is_e_mailed_and_the_invitation_link_sets_a_password(
    manager_client, client, academy, cohort, django_capture_on_commit_callbacks
):
    OrganisationTraineeFactory(
        organisation=OrganisationFactory(name="Ministry"),
        email="jean.mbeki@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        confirm(manager_client, academy, HEADER + GOOD_ROWS, cohort)

    invitation, added = sorted(mail.outbox, key=lambda message: message.to[0])
    assert invitation.to == ["amina.kariuki@example.org"]
    assert invitation.subject == "Police Academy invites you to Convention Academy"
    assert "Dear Amina Kariuki" in invitation.body
    assert "Intake 1" in invitation.body and "Cybercrime basics" in invitation.body
    assert added.to == ["jean.mbeki@example.org"]
    assert added.subject == "You were added to Intake 1"
    assert "password" not in added.body

    link = re.search(r"http://testserver(/\S*/password/reset/key/\S+)", invitation.body)
    client.logout()
    page = client.get(link.group(1), follow=True)
    assert page.status_code == HTTPStatus.OK
    set_password_url = page.redirect_chain[-1][0]
    done = client.post(
        set_password_url,
        {"password1": "a long passphrase 2026", "password2": "a long passphrase 2026"},
    )
    assert done.status_code == HTTPStatus.FOUND
    login = client.post(
        reverse("account_login"),
        {"login": "Amina.Kariuki@example.org", "password": "a long passphrase 2026"},
    )
    assert login["Location"] == reverse("learning:dashboard")
    assert client.get(link.group(1), follow=True).context["token_fail"]  # used once


def test_an_import_that_fails_half_way_leaves_nothing(
    academy, cohort, monkeypatch, django_capture_on_commit_callbacks
):
    enrolled = []

    def enrol_then_fail(user, course):
        if enrolled:
            raise IntegrityError("UNIQUE constraint failed")
        enrolled.append(user)

    monkeypatch.setattr(services.learning, "enrol", enrol_then_fail)
    people = parse_roster((HEADER + GOOD_ROWS).encode()).people
    users_before = User.objects.count()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(IntegrityError),
    ):
        services.import_roster(academy, people, cohort)
    assert enrolled  # the first person was admitted before the failure
    assert User.objects.count() == users_before
    assert not Membership.objects.filter(organisation=academy, role="trainee").exists()
    assert not CohortMember.objects.exists()
    assert mail.outbox == []


def test_importing_the_same_people_again_changes_nothing(
    academy, cohort, django_capture_on_commit_callbacks
):
    people = parse_roster((HEADER + GOOD_ROWS).encode()).people
    with django_capture_on_commit_callbacks(execute=True):
        services.import_roster(academy, people, cohort)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = services.import_roster(academy, people, cohort)
    assert result == services.ImportResult(created=0, matched=2, added_to_cohort=0)
    assert CohortMember.objects.count() == 2
    assert mail.outbox == []


def test_without_a_cohort_people_only_join_the_organisation(
    manager_client, academy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(manager_client, academy, HEADER + GOOD_ROWS)
    assert response.redirect_chain[-1][0] == reverse(
        "partners:dashboard", args=[academy.pk]
    )
    assert Membership.objects.filter(organisation=academy, role="trainee").count() == 2
    assert not Enrolment.objects.exists()
    assert "Your courses" not in mail.outbox[0].body


def test_an_altered_or_misplaced_confirmation_is_refused(
    manager_client, academy, manager
):
    sealed = roster.seal(
        academy.pk, None, parse_roster((HEADER + GOOD_ROWS).encode()).people
    )
    altered = client_post_sealed(manager_client, academy, sealed[:-2] + "xx")
    assert altered.status_code == HTTPStatus.BAD_REQUEST
    other = OrganisationFactory(name="Other Academy")
    Membership.objects.create(organisation=other, user=manager, role="manager")
    misplaced = client_post_sealed(manager_client, other, sealed)
    assert misplaced.status_code == HTTPStatus.BAD_REQUEST
    assert not Membership.objects.filter(role="trainee").exists()


def test_an_old_confirmation_asks_for_the_file_again(
    manager_client, academy, monkeypatch
):
    sealed = roster.seal(
        academy.pk, None, parse_roster((HEADER + GOOD_ROWS).encode()).people
    )
    monkeypatch.setattr(roster, "SEAL_MAX_AGE_MINUTES", -1)
    response = client_post_sealed(manager_client, academy, sealed)
    assert response["Location"] == import_url(academy)
    assert not Membership.objects.filter(role="trainee").exists()


def test_the_cohort_comes_preselected_and_must_be_the_organisations_own(
    manager_client, academy, cohort, course
):
    page = manager_client.get(import_url(academy, cohort))
    assert page.context["form"].initial["cohort"] == cohort
    other = CohortFactory(
        organisation=OrganisationFactory(name="Other Academy"),
        name="Theirs",
        courses=[course],
        start_date=date(2026, 1, 1),
        end_date=date(2026, 2, 1),
    )
    assert manager_client.get(import_url(academy, other)).status_code == (
        HTTPStatus.NOT_FOUND
    )
    response = preview(manager_client, academy, HEADER + GOOD_ROWS, other)
    assert "Select a valid choice" in response.content.decode()
