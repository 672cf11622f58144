"""Two partner organisations with known people, for the export and isolation tests.

Organisation A (a police academy) has a manager and a cohort of three trainees in one
course: Amina finished it (certified), Bảo is enrolled, and a third trainee, who gave
no country, agency, job role or gender, has a name that a spreadsheet would run as a
formula. Organisation B (a ministry) has a manager and one certified trainee, Zeynep,
whom nobody at A must ever see.
"""

from dataclasses import dataclass

from accounts.models import User
from courses.models import CoursePage
from learning import services as learning
from partners.access import STAFF_PERMISSION
from partners.models import Cohort, Organisation
from tests.factories.accounts import UserFactory
from tests.factories.courses import CoursePageFactory
from tests.factories.learning import finish_course
from tests.factories.partners import (
    CohortFactory,
    ManagerFactory,
    OrganisationFactory,
    OrganisationTraineeFactory,
)

FORMULA_NAME = '=HYPERLINK("http://evil.example","Click")'


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
    """The two organisations and their people described above."""
    course = CoursePageFactory(modules=1, modules__lessons=1)
    organisation_a = OrganisationFactory(name="Alpha Police Academy")
    cohort_a = CohortFactory(
        organisation=organisation_a, name="Alpha 2026", courses=[course]
    )
    amina = OrganisationTraineeFactory(
        cohort=cohort_a,
        email="amina@alpha.example",
        first_name="Amina",
        last_name="Kamau",
        certificate_name="أمينة كامل",
        country="KE",
        agency="National Police Service",
        job_role=User.JobRole.INVESTIGATOR,
        gender=User.Gender.WOMAN,
    )
    bao = OrganisationTraineeFactory(
        cohort=cohort_a,
        email="bao@alpha.example",
        first_name="Bảo",
        last_name="Nguyễn",
        certificate_name="Nguyễn Văn Bảo",
        country="VN",
        agency="Cybercrime Unit",
        job_role=User.JobRole.PROSECUTOR,
        gender=User.Gender.MAN,
    )
    formula = OrganisationTraineeFactory(
        cohort=cohort_a,
        email="formula@alpha.example",
        first_name="",
        last_name="",
        certificate_name=FORMULA_NAME,
        country="",
        agency="",
        job_role="",
    )
    finish_course(amina, course)
    learning.enrol(bao, course)
    learning.enrol(formula, course)

    organisation_b = OrganisationFactory(name="Beta Ministry", country="GH")
    cohort_b = CohortFactory(
        organisation=organisation_b, name="Beta 2026", courses=[course]
    )
    zeynep = OrganisationTraineeFactory(
        cohort=cohort_b,
        email="zeynep@beta.example",
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
        manager_a=ManagerFactory(
            organisation=organisation_a, email="manager@alpha.example"
        ),
        cohort_a=cohort_a,
        amina=amina,
        bao=bao,
        formula=formula,
        organisation_b=organisation_b,
        manager_b=ManagerFactory(
            organisation=organisation_b, email="manager@beta.example"
        ),
        cohort_b=cohort_b,
        zeynep=zeynep,
        staff=UserFactory(
            email="staff@academy.example", is_staff=True, permissions=[STAFF_PERMISSION]
        ),
    )
