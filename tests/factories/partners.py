"""Partner organisations, their managers, cohorts and trainees."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from partners.models import Cohort, CohortMember, Membership, Organisation
from tests.factories.accounts import TraineeFactory


class OrganisationFactory(DjangoModelFactory):
    """A Kenyan police academy unless told otherwise."""

    name = factory.Sequence(lambda n: f"Organisation {n}")
    country = "KE"
    kind = Organisation.Kind.POLICE_ACADEMY

    class Meta:
        model = Organisation


class MembershipFactory(DjangoModelFactory):
    """A trainee's place in an organisation (`role=Membership.Role.MANAGER` for a
    manager's)."""

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(TraineeFactory)
    role = Membership.Role.TRAINEE

    class Meta:
        model = Membership


class CohortFactory(DjangoModelFactory):
    """A cohort that started 30 days ago and ends in 30 days; `courses=[...]` are the
    courses it takes."""

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))

    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    @factory.post_generation
    def courses(cohort, create, extracted, **kwargs):
        if create and extracted:
            cohort.courses.set(extracted)


class CohortMemberFactory(DjangoModelFactory):
    """A trainee's place in a cohort."""

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(TraineeFactory)

    class Meta:
        model = CohortMember


class ManagerFactory(TraineeFactory):
    """A verified trainee who manages `organisation`."""

    membership = factory.RelatedFactory(
        MembershipFactory,
        factory_related_name="user",
        organisation=factory.SelfAttribute("..organisation"),
        role=Membership.Role.MANAGER,
    )

    class Params:
        organisation = factory.SubFactory(OrganisationFactory)


class OrganisationTraineeFactory(TraineeFactory):
    """A verified trainee of `organisation`, and of `cohort` if one is given (the
    organisation is then the cohort's)."""

    membership = factory.RelatedFactory(
        MembershipFactory,
        factory_related_name="user",
        organisation=factory.SelfAttribute("..organisation"),
    )
    cohort_member = factory.Maybe(
        "cohort",
        yes_declaration=factory.RelatedFactory(
            CohortMemberFactory,
            factory_related_name="user",
            cohort=factory.SelfAttribute("..cohort"),
        ),
    )

    class Params:
        cohort = None
        organisation = factory.Maybe(
            "cohort",
            yes_declaration=factory.SelfAttribute("cohort.organisation"),
            no_declaration=factory.SubFactory(OrganisationFactory),
        )
