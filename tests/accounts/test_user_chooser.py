"""Staff pick a person with a searchable chooser, not a list of every account: it
finds people by name, name on certificates or e-mail address, pages the results,
and opens only to those who may grant accommodations or memberships."""

import json
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts.choosers import user_chooser_viewset
from accounts.models import User
from partners.models import Membership
from quizzes.models import Accommodation
from tests.factories.accounts import TraineeFactory
from tests.factories.partners import OrganisationFactory
from tests.factories.quizzes import QuestionFactory, QuizPageFactory

CHOOSE = reverse("user_chooser:choose")
RESULTS = reverse("user_chooser:choose_results")
PER_PAGE = user_chooser_viewset.per_page
MANY = 3000
# The chooser modal asks with XMLHttpRequest: the admin refuses it with a 403 (and
# sends a page request to the dashboard with a message instead).
MODAL = {"x-requested-with": "XMLHttpRequest"}


def staff_with(*permissions: str) -> User:
    """Someone who may use the admin, with the given "app.codename" permissions."""
    group = Group.objects.create(name=f"Staff with {', '.join(permissions) or '-'}")
    for permission in ["wagtailadmin.access_admin", *permissions]:
        app_label, codename = permission.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    user = User.objects.create_user(f"staff{group.pk}@un.example", "pw")
    user.groups.add(group)
    return user


@pytest.fixture
def people(db) -> dict[str, User]:
    """Two Ahmeds and a Linh, one of them with a name on certificates in Arabic
    script, and an account that has been deactivated."""
    return {
        "hassan": User.objects.create_user(
            "ahmed.hassan@police.example", first_name="Ahmed", last_name="Hassan"
        ),
        "nour": User.objects.create_user(
            "a.nour@justice.example",
            first_name="Ahmed",
            last_name="Nour",
            certificate_name="أحمد نور",
        ),
        "linh": User.objects.create_user(
            "linh.tran@moj.example",
            first_name="Linh",
            last_name="Tran",
            is_active=False,
        ),
    }


@pytest.fixture
def editor_client(client, db):
    """Staff who may grant and change accommodations, and nothing on users."""
    client.force_login(
        staff_with("quizzes.add_accommodation", "quizzes.change_accommodation")
    )
    return client


@pytest.fixture
def many_people(db) -> None:
    User.objects.bulk_create(
        User(
            email=f"person{n:05}@example.org",
            first_name=f"First{n:05}",
            last_name=f"Last{n % 97:02}",
            password="!",
        )
        for n in range(MANY)
    )


def modal(response) -> dict:
    assert response.status_code == HTTPStatus.OK
    return json.loads(response.content)


def rows(html: str) -> int:
    """How many people a listing offers (each has one link that chooses them)."""
    return html.count("data-chooser-modal-choice")


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("ahmed", {"hassan", "nour"}),
        ("HASSAN", {"hassan"}),
        ("نور", {"nour"}),
        ("@justice", {"nour"}),
        ("Linh.Tran@MOJ", {"linh"}),
        ("nour ahmed", {"nour"}),
        ("ahmed tran", set()),
    ],
)
def test_search_finds_people_by_name_certificate_name_or_e_mail(
    editor_client, people, query, found
):
    html = editor_client.get(RESULTS, {"q": query}).content.decode()

    assert {key for key, person in people.items() if person.email in html} == found
    assert rows(html) == len(found)


def test_the_listing_tells_namesakes_apart_and_marks_inactive_accounts(
    editor_client, people
):
    html = modal(editor_client.get(CHOOSE))["html"]

    assert "Choose a person" in html
    assert 'placeholder="Name or e-mail address"' in html
    for person in people.values():
        assert person.email in html
    assert "أحمد نور" in html
    assert html.count("Inactive") == 1
    # last name order: Hassan, Nour, Tran
    positions = [html.index(people[key].email) for key in ["hassan", "nour", "linh"]]
    assert positions == sorted(positions)


def test_choosing_returns_the_persons_id_name_and_e_mail(editor_client, people):
    nour = people["nour"]

    chosen = modal(editor_client.get(reverse("user_chooser:chosen", args=[nour.pk])))

    assert chosen["step"] == "chosen"
    assert chosen["result"]["id"] == str(nour.pk)
    assert chosen["result"]["title"] == "Ahmed Nour (a.nour@justice.example)"
    listing = modal(editor_client.get(CHOOSE))["html"]
    assert reverse("user_chooser:chosen", args=[nour.pk]) in listing


@pytest.mark.parametrize(
    "permission",
    [
        "quizzes.add_accommodation",
        "quizzes.change_accommodation",
        "partners.add_membership",
        "partners.change_membership",
    ],
)
def test_who_may_grant_accommodations_or_memberships_may_choose_people(
    client, people, permission
):
    client.force_login(staff_with(permission))

    assert people["hassan"].email in modal(client.get(CHOOSE))["html"]


@pytest.mark.parametrize(
    "permission",
    [
        None,  # an instructor, say: the admin, but no accommodations
        "quizzes.view_accommodation",
        "partners.view_membership",
        "quizzes.add_question",
    ],
)
def test_other_admin_users_are_refused_every_chooser_view(client, people, permission):
    client.force_login(staff_with(*filter(None, [permission])))
    hassan = people["hassan"].pk

    for url, query in [
        (CHOOSE, {}),
        (RESULTS, {"q": "ahmed"}),
        (reverse("user_chooser:chosen", args=[hassan]), {}),
        (reverse("user_chooser:chosen_multiple"), {"id": hassan}),
        (reverse("user_chooser:create"), {}),
    ]:
        response = client.get(url, query, headers=MODAL)
        assert response.status_code == HTTPStatus.FORBIDDEN, url
        assert people["hassan"].email not in response.content.decode()
        assert client.get(url, query)["Location"] == reverse("wagtailadmin_home")


def test_a_visitor_is_sent_to_log_in(client, people):
    response = client.get(CHOOSE)

    assert response.status_code == HTTPStatus.FOUND
    assert "login" in response["Location"]


def test_nobody_creates_an_account_from_the_chooser(admin_client, people):
    html = modal(admin_client.get(CHOOSE))["html"]

    assert reverse("user_chooser:create") not in html
    create = admin_client.post(
        reverse("user_chooser:create"), {"email": "x@y.example"}, headers=MODAL
    )
    assert create.status_code == HTTPStatus.FORBIDDEN
    assert not User.objects.filter(email="x@y.example").exists()


def test_thousands_of_people_cost_one_page_and_a_few_queries(
    editor_client, many_people, django_assert_max_num_queries
):
    # The person, their permissions (2), their admin profile, then the count and
    # the page: the same six queries for 3 000 people as for 100 000.
    with django_assert_max_num_queries(6):
        first = modal(editor_client.get(CHOOSE))["html"]
    with django_assert_max_num_queries(6):
        search = editor_client.get(RESULTS, {"q": "last07"}).content.decode()
    with django_assert_max_num_queries(6):
        last = editor_client.get(RESULTS, {"p": MANY // PER_PAGE}).content.decode()

    assert rows(first) == rows(search) == rows(last) == PER_PAGE
    assert "There are 31 matches" in search  # Last07: n % 97 == 7, 31 of 3000
    assert "person02999@example.org" not in first


@pytest.mark.parametrize(
    "add_view", ["wagtailsnippets_quizzes_accommodation:add", "partner_memberships:add"]
)
def test_admin_forms_offer_the_chooser_not_a_list_of_everyone(
    admin_client, many_people, add_view
):
    response = admin_client.get(reverse(add_view))
    html = response.content.decode()

    assert response.status_code == HTTPStatus.OK
    assert CHOOSE in html and "Choose a person" in html
    assert html.count("<option") < 20
    assert "@example.org" not in html


def test_an_accommodation_is_granted_to_the_chosen_trainee(editor_client, course):
    quiz = QuizPageFactory(parent=course, questions=[QuestionFactory()])
    trainee = TraineeFactory(email="amina@example.org")
    User.objects.create_user("amina.other@example.org", first_name="Amina")
    found = editor_client.get(RESULTS, {"q": "amina@example"}).content.decode()
    chosen_url = reverse("user_chooser:chosen", args=[trainee.pk])
    assert rows(found) == 1 and chosen_url in found
    chosen = modal(editor_client.get(chosen_url))["result"]

    created = editor_client.post(
        reverse("wagtailsnippets_quizzes_accommodation:add"),
        {
            "learner": chosen["id"],
            "quiz": quiz.pk,
            "extra_attempts": 1,
            "extra_minutes": 0,
            "note": "Power cut during the first attempt",
        },
    )

    assert created.status_code == HTTPStatus.FOUND
    accommodation = Accommodation.objects.get()
    assert accommodation.learner == trainee and accommodation.extra_attempts == 1
    edit = editor_client.get(
        reverse("wagtailsnippets_quizzes_accommodation:edit", args=[accommodation.pk])
    )
    assert "Amina K. (amina@example.org)" in edit.content.decode()


def test_a_membership_is_given_to_the_chosen_person(client, people):
    client.force_login(staff_with("partners.add_membership"))
    academy = OrganisationFactory(name="Police Academy")
    chosen = modal(
        client.get(reverse("user_chooser:chosen", args=[people["hassan"].pk]))
    )["result"]

    created = client.post(
        reverse("partner_memberships:add"),
        {"organisation": academy.pk, "user": chosen["id"], "role": "manager"},
    )

    assert created.status_code == HTTPStatus.FOUND
    membership = Membership.objects.get()
    assert membership.user == people["hassan"]
    assert membership.role == Membership.Role.MANAGER
