"""A manager sees only their own organisation's people, in every page and export.

The URLs are read from the resolver, so a partner page added later is covered as
soon as it exists: every URL of the `partners` namespace that takes an
`organisation_id` is requested as anonymous, a trainee of A, a manager of A, a
manager of B and staff.
"""

import io
import itertools
import zipfile
from collections.abc import Callable, Iterator
from http import HTTPStatus

import openpyxl
import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from courses.authoring import instructors_group
from partners import exports
from tests.factories.accounts import UserFactory
from tests.partners import scenario as build_scenario
from tests.partners.scenario import Scenario

# How to fill each URL argument with organisation A's objects. A partner URL with an
# argument missing here fails the matrix until it is added.
ARGUMENTS: dict[str, Callable[[Scenario], list]] = {
    "organisation_id": lambda s: [s.organisation_a.pk],
    "cohort_id": lambda s: [s.cohort_a.pk],
    "user_id": lambda s: [s.amina.pk],
    "report": lambda s: list(exports.REPORTS),
    "file_format": lambda s: list(exports.FILE_FORMATS),
}
# The same arguments pointing at organisation B's objects.
FOREIGN_IDS: dict[str, Callable[[Scenario], int]] = {
    "cohort_id": lambda s: s.cohort_b.pk,
    "user_id": lambda s: s.zeynep.pk,
}
# Parameters that a page might use to search or filter, all pointing at B.
PROBES: dict[str, Callable[[Scenario], object]] = {
    "cohort": lambda s: s.cohort_b.pk,
    # Words of B's trainee's name, not the whole name: pages may echo them back.
    "q": lambda s: "zeynep",
    "search": lambda s: "beta",
    "user": lambda s: s.zeynep.pk,
    "user_id": lambda s: s.zeynep.pk,
    "trainee": lambda s: s.zeynep.pk,
    "course": lambda s: s.course.pk,
    "country": lambda s: "GH",
    "job_role": lambda s: "judge",
    "page": lambda s: 2,
}
ADMIN_INDEXES = [
    "partner_organisations:index",
    "partner_memberships:index",
    "partner_cohorts:index",
    "partner_exports:index",
]


def patterns(resolver: URLResolver) -> Iterator[URLPattern]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from patterns(entry)
        else:
            yield entry


def organisation_patterns() -> list[URLPattern]:
    """Every URL of the partners namespace that shows one organisation's data."""
    _prefix, partners = get_resolver().namespace_dict["partners"]
    return [
        pattern
        for pattern in patterns(partners)
        if "organisation_id" in pattern.pattern.converters
    ]


def urls_of(s: Scenario, foreign: str = "") -> Iterator[str]:
    """Each partner URL filled with A's objects (or with B's `foreign` argument)."""
    for pattern in organisation_patterns():
        names = list(pattern.pattern.converters)
        missing = set(names) - set(ARGUMENTS)
        if missing:
            pytest.fail(f"partners:{pattern.name} takes {missing}: add to ARGUMENTS")
        if foreign and foreign not in names:
            continue
        choices = [ARGUMENTS[name](s) for name in names]
        for values in itertools.product(*choices):
            kwargs = dict(zip(names, values, strict=True))
            if foreign:
                kwargs[foreign] = FOREIGN_IDS[foreign](s)
            yield reverse(f"partners:{pattern.name}", kwargs=kwargs)


@pytest.fixture
def scenario(db) -> Scenario:
    return build_scenario.build()


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_matrix_covers_every_partner_page():
    names = {pattern.name for pattern in organisation_patterns()}

    assert {
        "dashboard",
        "trainee",
        "exports",
        "export",
        "cohort_certificates",
    } <= names


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", HTTPStatus.FOUND),
        ("trainee of A", HTTPStatus.NOT_FOUND),
        ("manager of A", HTTPStatus.OK),
        ("manager of B", HTTPStatus.NOT_FOUND),
        ("staff", HTTPStatus.OK),
    ],
)
def test_who_may_open_each_partner_page(scenario, role, expected):
    user = {
        "anonymous": None,
        "trainee of A": scenario.amina,
        "manager of A": scenario.manager_a,
        "manager of B": scenario.manager_b,
        "staff": scenario.staff,
    }[role]
    client = client_for(user)
    login = resolve_url(settings.LOGIN_URL)

    wrong = []
    for url in urls_of(scenario):
        response = client.get(url)
        if response.status_code != expected or (
            expected == HTTPStatus.FOUND and not response.url.startswith(login)
        ):
            wrong.append((url, response.status_code))

    assert not wrong, f"{role} got: {wrong}"


@pytest.mark.parametrize("argument", list(FOREIGN_IDS))
def test_ids_of_another_organisation_are_not_found(scenario, argument):
    client = client_for(scenario.manager_a)

    found = [
        url
        for url in urls_of(scenario, foreign=argument)
        if client.get(url).status_code != HTTPStatus.NOT_FOUND
    ]

    assert not found


def visible_text(response) -> str:
    """What a person could read in the response, whatever its format."""
    if response.streaming:
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    content_type = response.get("Content-Type", "")
    if content_type == exports.FILE_FORMATS["xlsx"].content_type:
        workbook = openpyxl.load_workbook(io.BytesIO(body))
        return str([list(sheet.values) for sheet in workbook])
    if content_type == "application/zip":
        return str(zipfile.ZipFile(io.BytesIO(body)).namelist())
    return body.decode()


def test_no_search_or_filter_surfaces_another_organisations_people(scenario):
    client = client_for(scenario.manager_a)
    probes = {name: probe(scenario) for name, probe in PROBES.items()}
    secrets = [
        scenario.zeynep.email,
        scenario.zeynep.first_name,
        scenario.zeynep.certificate_name,
        "zeynep-beta",
        exports.pseudonym(scenario.organisation_a, scenario.zeynep),
    ]

    leaks = []
    for url in urls_of(scenario):
        for params in [probes, {**probes, "pseudonymous": "1"}]:
            text = visible_text(client.get(url, params))
            leaks += [(url, secret) for secret in secrets if secret in text]

    assert not leaks


def test_a_filter_on_another_organisations_cohort_is_refused(scenario):
    client = client_for(scenario.manager_a)
    url = reverse("partners:dashboard", args=[scenario.organisation_a.pk])

    response = client.get(url, {"cohort": scenario.cohort_b.pk})

    assert "Select a valid choice" in response.content.decode()


def test_the_partner_home_lists_only_the_managers_organisation(scenario):
    response = client_for(scenario.manager_a).get(reverse("partners:home"))

    assert response.url == reverse(
        "partners:dashboard", args=[scenario.organisation_a.pk]
    )


@pytest.mark.parametrize("role", ["anonymous", "manager of A", "instructor"])
def test_the_partner_admin_is_for_staff_only(scenario, role):
    if role == "instructor":
        user = UserFactory(email="instructor@academy.example", is_staff=True)
        user.groups.add(instructors_group())
    else:
        user = {"anonymous": None, "manager of A": scenario.manager_a}[role]
    client = client_for(user)

    for name in ADMIN_INDEXES:
        assert client.get(reverse(name)).status_code == HTTPStatus.FOUND, name
    if role == "instructor":
        home = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Partner organisations" not in home


def test_superusers_see_every_organisation_in_the_admin(scenario):
    admin = UserFactory(email="admin@academy.example")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = client_for(admin)

    assert (
        "Partner organisations"
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    for name in ADMIN_INDEXES:
        assert client.get(reverse(name)).status_code == HTTPStatus.OK, name
    listing = client.get(reverse("partner_organisations:index")).content.decode()
    assert "Alpha Police Academy" in listing
    assert "Beta Ministry" in listing
