"""An organisation with one manager and one cohort on the demo-style course, for the
tests of joining and importing trainees."""

from datetime import date

import pytest

from tests.partners.builders import make_cohort, make_manager, make_organisation


@pytest.fixture
def academy(db):
    return make_organisation("Police Academy")


@pytest.fixture
def manager(academy):
    return make_manager(academy, "manager@example.org")


@pytest.fixture
def cohort(academy, course):
    return make_cohort(
        academy, "Intake 1", [course], date(2026, 3, 1), date(2026, 6, 30)
    )


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client
