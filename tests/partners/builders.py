"""Builders for partner organisations, their managers, cohorts and trainees in tests."""

from datetime import date

from accounts.models import User
from courses.models import CoursePage
from partners.models import Cohort, CohortMember, Membership, Organisation
from tests.factories.accounts import TraineeFactory


def make_organisation(name: str, country: str = "KE") -> Organisation:
    return Organisation.objects.create(
        name=name, country=country, kind=Organisation.Kind.POLICE_ACADEMY
    )


def make_manager(organisation: Organisation, email: str) -> User:
    """A verified user who manages `organisation`."""
    manager = TraineeFactory(email=email)
    Membership.objects.create(
        organisation=organisation, user=manager, role=Membership.Role.MANAGER
    )
    return manager


def make_cohort(
    organisation: Organisation,
    name: str,
    courses: list[CoursePage],
    start: date,
    end: date,
) -> Cohort:
    cohort = Cohort.objects.create(
        organisation=organisation, name=name, start_date=start, end_date=end
    )
    cohort.courses.set(courses)
    return cohort


def add_trainee(
    organisation: Organisation, cohort: Cohort | None, email: str, **profile
) -> User:
    """A verified trainee of `organisation`, in `cohort` if one is given; `profile`
    overrides the factory's profile fields (country, job_role, names…)."""
    trainee = TraineeFactory(email=email)
    if profile:
        User.objects.filter(pk=trainee.pk).update(**profile)
        trainee.refresh_from_db()
    Membership.objects.create(organisation=organisation, user=trainee)
    if cohort is not None:
        CohortMember.objects.create(cohort=cohort, user=trainee)
    return trainee
