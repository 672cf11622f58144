"""An organisation with one manager and one cohort on the demo-style course, for the
tests of joining and importing trainees."""

from datetime import date

import pytest

from tests.factories.partners import CohortFactory, ManagerFactory, OrganisationFactory


@pytest.fixture
def academy(db):
    return OrganisationFactory(name="Police Academy")


@pytest.fixture
def manager(academy):
    return ManagerFactory(organisation=academy, email="manager@example.org")


@pytest.fixture
def cohort(academy, course):
    return CohortFactory(
        organisation=academy,
        name="Intake 1",
        courses=[course],
        start_date=date(2026, 3, 1),
        end_date=date(2026, 6, 30),
    )


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client
