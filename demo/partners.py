"""Two demo partner organisations with managers, cohorts and trainees at every stage.

After `make run` the partner dashboard shows real numbers: people not started, part
way, stuck before a quiz, finished and certified, and overdue in a cohort that ended.
Progress is recorded through the same services the site uses (lessons, quizzes,
certificates), so every number follows the real rules. Names are invented.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from courses.models import CoursePage, LessonPage
from courses.outline import course_outline
from demo.accounts import DemoLogin, create_verified_user
from demo.quizzes import demo_answer
from learning import services as learning
from partners.models import Cohort, CohortMember, Membership, Organisation
from quizzes.attempts import questions_of, save_answers, start_attempt, submit_attempt

MANAGER_A = DemoLogin(
    "Manager", "manager@example.org", "demo-manager-2026", "Mariam", "Otieno"
)
MANAGER_B = DemoLogin(
    "Manager (B)", "manager-b@example.org", "demo-manager-2026", "Linh", "Pham"
)


@dataclass(frozen=True)
class DemoTrainee:
    first_name: str
    last_name: str
    country: str
    job_role: str
    gender: str
    stage: int
    """How far they got: 0 enrolled only, 1–8 modules complete, 9 course complete
    (final assessment passed). A half stage (e.g. 2.5) is part of the next module."""


R = User.JobRole
G = User.Gender
ACADEMY_TRAINEES = [
    DemoTrainee("Achieng", "Wafula", "KE", R.INVESTIGATOR, G.WOMAN, 9),
    DemoTrainee("Brian", "Kiprono", "KE", R.INVESTIGATOR, G.MAN, 9),
    DemoTrainee("Chebet", "Njoroge", "KE", R.FORENSIC_EXAMINER, G.WOMAN, 6),
    DemoTrainee("Daniel", "Mutua", "KE", R.INVESTIGATOR, G.MAN, 4.5),
    DemoTrainee("Esther", "Akinyi", "UG", R.PROSECUTOR, G.WOMAN, 3),
    DemoTrainee("Faith", "Mwangi", "KE", R.INVESTIGATOR, "", 1.5),
    DemoTrainee("George", "Ochieng", "KE", R.INVESTIGATOR, G.MAN, 0.5),
    DemoTrainee("Halima", "Abdi", "KE", R.POLICY_OFFICER, G.WOMAN, 0),
    DemoTrainee("Ibrahim", "Hassan", "TZ", R.INVESTIGATOR, G.PREFER_NOT_TO_SAY, 2),
    DemoTrainee("Joseph", "Kamau", "KE", R.FORENSIC_EXAMINER, G.MAN, 0),
]
ACADEMY_PAST_TRAINEES = [
    DemoTrainee("Kevin", "Omondi", "KE", R.PROSECUTOR, G.MAN, 9),
    DemoTrainee("Lucy", "Wanjiku", "KE", R.PROSECUTOR, G.WOMAN, 7),
    DemoTrainee("Moses", "Kibet", "KE", R.JUDGE, G.MAN, 2.5),
    DemoTrainee("Nancy", "Atieno", "UG", R.PROSECUTOR, G.WOMAN, 1),
]
MINISTRY_TRAINEES = [
    DemoTrainee("Anh", "Nguyễn Thị", "VN", R.POLICY_OFFICER, G.WOMAN, 9),
    DemoTrainee("Bảo", "Trần Văn", "VN", R.INVESTIGATOR, G.MAN, 5),
    DemoTrainee("Châu", "Lê Minh", "VN", R.PROSECUTOR, G.WOMAN, 2),
    DemoTrainee("Dũng", "Phạm Quốc", "VN", R.INVESTIGATOR, G.MAN, 0.5),
    DemoTrainee("Hà", "Đỗ Thu", "VN", R.JUDGE, G.WOMAN, 0),
]


def seed_demo_partners(course: CoursePage) -> list[tuple[DemoLogin, bool]]:
    """Create the demo organisations unless they exist; return the managers' logins."""
    if Organisation.objects.filter(name="Demo Police Academy").exists():
        return [(MANAGER_A, False), (MANAGER_B, False)]
    today = timezone.localdate()
    with transaction.atomic():
        academy = Organisation.objects.create(
            name="Demo Police Academy", country="KE", kind="police_academy"
        )
        ministry = Organisation.objects.create(
            name="Demo Ministry of Public Security", country="VN", kind="ministry"
        )
        add_manager(academy, MANAGER_A, "KE")
        add_manager(ministry, MANAGER_B, "VN")
        rng = random.Random(2026)  # noqa: S311 - demo scores, not security
        for organisation, name, start, end, people in [
            (academy, "2026 investigators, intake 1", -60, 45, ACADEMY_TRAINEES),
            (academy, "2026 prosecutors and judges", -200, -20, ACADEMY_PAST_TRAINEES),
            (ministry, "Cybercrime unit, first group", -30, 90, MINISTRY_TRAINEES),
        ]:
            cohort = Cohort.objects.create(
                organisation=organisation,
                name=name,
                start_date=today + timedelta(days=start),
                end_date=today + timedelta(days=end),
            )
            cohort.courses.add(course)
            for person in people:
                trainee = add_trainee(organisation, cohort, person)
                learning.enrol(trainee, course)
                progress_to(trainee, course, person.stage, rng)
    return [(MANAGER_A, True), (MANAGER_B, True)]


def add_manager(organisation: Organisation, login: DemoLogin, country: str) -> None:
    user = User.objects.filter(email=login.email).first() or create_verified_user(
        login.email,
        login.password,
        first_name=login.first_name,
        last_name=login.last_name,
        certificate_name=f"{login.first_name} {login.last_name}",
        country=country,
        job_role=User.JobRole.POLICY_OFFICER,
    )
    Membership.objects.create(
        organisation=organisation, user=user, role=Membership.Role.MANAGER
    )


def add_trainee(
    organisation: Organisation, cohort: Cohort, person: DemoTrainee
) -> User:
    email = f"{person.first_name}.{person.last_name.split()[0]}@example.org".lower()
    user = create_verified_user(
        email,
        None,
        first_name=person.first_name,
        last_name=person.last_name,
        certificate_name=f"{person.last_name} {person.first_name}"
        if person.country == "VN"
        else f"{person.first_name} {person.last_name}",
        country=person.country,
        agency=organisation.name,
        job_role=person.job_role,
        gender=person.gender,
    )
    Membership.objects.create(organisation=organisation, user=user)
    CohortMember.objects.create(cohort=cohort, user=user)
    return user


def progress_to(trainee: User, course: CoursePage, stage: float, rng) -> None:
    """Complete modules (lessons and quiz) up to `stage`, then part of the next one."""
    outline = course_outline(course)
    for number, module in enumerate(outline.modules, start=1):
        lessons = outline.lessons_of(module)
        if number <= stage:
            done: list[LessonPage] = lessons
        elif number - 1 < stage:
            done = lessons[: max(1, len(lessons) // 2)]
        else:
            break
        for lesson in done:
            learning.complete_lesson(trainee, lesson)
        quiz = outline.quiz_of(module)
        if number <= stage and quiz is not None:
            take_quiz(trainee, quiz, rng)
    final = outline.quiz_of(outline.course)
    if stage >= len(outline.modules) and final is not None:
        take_quiz(trainee, final, rng)


def take_quiz(trainee: User, quiz, rng) -> None:
    """A realistic attempt: most answers right, some wrong, retaken until passed."""
    for accuracy in (0.7, 0.85, 1.0):
        attempt = start_attempt(trainee, quiz)
        answers = {
            item.question.pk: demo_answer(item.question, rng.random() < accuracy)
            for item in questions_of(attempt)
        }
        save_answers(attempt, trainee, answers)
        if submit_attempt(attempt).passed:
            return
