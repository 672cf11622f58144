"""Two partner organisations with known people, for the export and isolation tests.

Organisation A (a police academy) has a manager and a cohort of three trainees in one
course: Amina finished it (certified), Bảo is enrolled, and a third trainee, who gave
no country, agency, job role or gender, has a name that a spreadsheet would run as a
formula. Organisation B (a ministry) has a manager and one certified trainee, Zeynep,
whom nobody at A must ever see.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts.models import User
from courses.models import CoursePage
from learning import services as learning
from partners.access import STAFF_PERMISSION
from partners.models import Cohort, Organisation
from tests.factories.courses import CoursePageFactory
from tests.factories.learning import finish_course
from tests.partners.builders import (
    add_trainee,
    make_cohort,
    make_manager,
    make_organisation,
)

FORMULA_NAME = '=HYPERLINK("http://evil.example","Click")'


def make_person(email: str, **profile) -> User:
    """A bare account with only the given profile fields."""
    return User.objects.create_user(email, "correct horse battery", **profile)


def in_cohort(cohort: Cohort, email: str, **profile) -> User:
    """A trainee of the cohort's organisation with only the given `profile`."""
    blank = {"first_name": "", "last_name": "", "country": "", "agency": ""}
    return add_trainee(
        cohort.organisation, cohort, email, **{"job_role": "", **blank, **profile}
    )


def make_cohort_for(organisation: Organisation, course: CoursePage, name: str):
    today = timezone.localdate()
    return make_cohort(
        organisation,
        name,
        [course],
        today - timedelta(days=30),
        today + timedelta(days=30),
    )


def make_staff() -> User:
    staff = make_person("staff@academy.example", is_staff=True)
    app_label, codename = STAFF_PERMISSION.split(".")
    staff.user_permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    return staff


@dataclass
class Scenario:
    course: CoursePage
    organisation_a: Organisation
    manager_a: User
    cohort_a: Cohort
    amina: User
    bao: User
    formula: User
    organisation_b: Organisation
    manager_b: User
    cohort_b: Cohort
    zeynep: User
    staff: User


def build() -> Scenario:
    course = CoursePageFactory(modules=1, modules__lessons=1)
    organisation_a = make_organisation("Alpha Police Academy")
    cohort_a = make_cohort_for(organisation_a, course, "Alpha 2026")
    amina = in_cohort(
        cohort_a,
        "amina@alpha.example",
        first_name="Amina",
        last_name="Kamau",
        certificate_name="أمينة كامل",
        country="KE",
        agency="National Police Service",
        job_role=User.JobRole.INVESTIGATOR,
        gender=User.Gender.WOMAN,
    )
    bao = in_cohort(
        cohort_a,
        "bao@alpha.example",
        first_name="Bảo",
        last_name="Nguyễn",
        certificate_name="Nguyễn Văn Bảo",
        country="VN",
        agency="Cybercrime Unit",
        job_role=User.JobRole.PROSECUTOR,
        gender=User.Gender.MAN,
    )
    formula = in_cohort(
        cohort_a, "formula@alpha.example", certificate_name=FORMULA_NAME
    )
    finish_course(amina, course)
    learning.enrol(bao, course)
    learning.enrol(formula, course)

    organisation_b = make_organisation("Beta Ministry", country="GH")
    cohort_b = make_cohort_for(organisation_b, course, "Beta 2026")
    zeynep = in_cohort(
        cohort_b,
        "zeynep@beta.example",
        first_name="Zeynep",
        last_name="Beta",
        certificate_name="Zeynep Beta",
        country="GH",
        agency="Ministry of Justice",
        job_role=User.JobRole.JUDGE,
        gender=User.Gender.WOMAN,
    )
    finish_course(zeynep, course)
    return Scenario(
        course=course,
        organisation_a=organisation_a,
        manager_a=make_manager(organisation_a, "manager@alpha.example"),
        cohort_a=cohort_a,
        amina=amina,
        bao=bao,
        formula=formula,
        organisation_b=organisation_b,
        manager_b=make_manager(organisation_b, "manager@beta.example"),
        cohort_b=cohort_b,
        zeynep=zeynep,
        staff=make_staff(),
    )
