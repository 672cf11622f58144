"""The manager's dashboard: its figures on a known cohort, filters, the module funnel,
a trainee's page, mastery by article, isolation between organisations, and a query
count that does not grow with the number of trainees."""

from datetime import date, timedelta
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from courses.models import LessonPage
from learning import services as learning
from learning.models import Enrolment, LessonCompletion
from partners import reports
from partners.filters import Filters
from partners.models import CohortMember, Membership
from quizzes.models import Attempt, QuizPage, Response
from quizzes.results import counted_attempts, counted_of
from tests.factories.courses import CoursePageFactory
from tests.factories.learning import finish_course
from tests.factories.partners import (
    CohortFactory,
    ManagerFactory,
    OrganisationFactory,
    OrganisationTraineeFactory,
)
from tests.factories.quizzes import QuestionFactory, QuizPageFactory


def attempt(trainee: User, quiz: QuizPage, number: int, score: int, **fields):
    return Attempt.objects.create(
        learner=trainee,
        quiz=quiz,
        quiz_key=quiz.translation_key,
        number=number,
        status=Attempt.Status.SUBMITTED,
        submitted_at=timezone.now(),
        score=Decimal(score),
        passed=score >= quiz.pass_mark,
        **fields,
    )


def complete_lessons(trainee: User, lessons: list[LessonPage]) -> None:
    for lesson in lessons:
        learning.complete_lesson(trainee, lesson)


@pytest.fixture
def academy(db):
    """A course of two modules (two lessons each; a quiz ends the first) and two
    cohorts: intake 1 ended yesterday, intake 2 ends next month.

    Intake 1: Achieng (KE investigator) passed the quiz at the second try (50, then
    90) and completed the course; Brian (UG prosecutor) did one lesson and scored 60;
    Chebet (KE investigator) enrolled only, in January 2025; Daniel (KE judge) never
    enrolled. Intake 2: Esther (KE investigator) did the second module's lessons.
    """
    course = CoursePageFactory()
    first, second = course.get_children().specific()
    questions = [
        QuestionFactory(articles="2", options=[("Yes", True), ("No", False)]),
        QuestionFactory(articles="3-4", options=[("Yes", True), ("No", False)]),
        QuestionFactory(articles="7", options=[("Yes", True), ("No", False)]),
    ]
    quiz = QuizPageFactory(parent=first, questions=questions)
    today = timezone.localdate()
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    organisation = OrganisationFactory(name="Kenya Police Academy")
    manager = ManagerFactory(organisation=organisation, email="manager@example.org")
    intake_1 = CohortFactory(
        organisation=organisation,
        name="Intake 1",
        courses=[course],
        start_date=today - timedelta(days=60),
        end_date=today - timedelta(days=1),
    )
    intake_2 = CohortFactory(
        organisation=organisation,
        name="Intake 2",
        courses=[course],
        start_date=today - timedelta(days=10),
        end_date=today + timedelta(days=30),
    )
    achieng = OrganisationTraineeFactory(
        cohort=intake_1, email="achieng@example.org", first_name="Achieng"
    )
    brian = OrganisationTraineeFactory(
        cohort=intake_1,
        email="brian@example.org",
        first_name="Brian",
        last_name="B.",
        country="UG",
        job_role=User.JobRole.PROSECUTOR,
    )
    chebet = OrganisationTraineeFactory(
        cohort=intake_1, email="chebet@example.org", first_name="Chebet"
    )
    daniel = OrganisationTraineeFactory(
        cohort=intake_1,
        email="daniel@example.org",
        first_name="Daniel",
        job_role=User.JobRole.JUDGE,
    )
    esther = OrganisationTraineeFactory(
        cohort=intake_2, email="esther@example.org", first_name="Esther"
    )

    learning.enrol(achieng, course)
    attempt(achieng, quiz, 1, 50)
    attempt(achieng, quiz, 2, 90)
    certificate = finish_course(achieng, course)
    learning.enrol(brian, course)
    complete_lessons(brian, lessons[:1])
    attempt(brian, quiz, 1, 60)
    learning.enrol(chebet, course)
    Enrolment.objects.filter(learner=chebet).update(
        enrolled_at=timezone.make_aware(timezone.datetime(2025, 1, 10, 12))
    )
    learning.enrol(esther, course)
    complete_lessons(esther, lessons[2:])
    return {
        "course": course,
        "modules": (first, second),
        "quiz": quiz,
        "questions": questions,
        "organisation": organisation,
        "manager": manager,
        "intake_1": intake_1,
        "intake_2": intake_2,
        "achieng": achieng,
        "brian": brian,
        "chebet": chebet,
        "daniel": daniel,
        "esther": esther,
        "certificate": certificate,
    }


def figures(rows: list[reports.SummaryRow]) -> dict[str, tuple]:
    return {
        row.cohort.name: (
            row.members,
            row.enrolled,
            row.started,
            row.completed,
            row.completion_percent,
            row.average_score,
            row.overdue,
        )
        for row in rows
    }


def test_summary_counts_members_enrolled_started_completed_average_and_overdue(
    academy,
):
    rows = reports.summary(academy["organisation"], Filters())

    assert figures(rows) == {
        "Intake 1": (4, 3, 2, 1, 33, Decimal("75.0"), 3),
        "Intake 2": (1, 1, 1, 0, 0, None, 0),
    }


def test_summary_follows_country_role_and_cohort_filters(academy):
    organisation = academy["organisation"]

    assert figures(reports.summary(organisation, Filters(country="UG"))) == {
        "Intake 1": (1, 1, 1, 0, 0, Decimal("60.0"), 1),
        "Intake 2": (0, 0, 0, 0, 0, None, 0),
    }
    investigators = Filters(job_role=User.JobRole.INVESTIGATOR)
    assert figures(reports.summary(organisation, investigators))["Intake 1"] == (
        2,
        2,
        1,
        1,
        50,
        Decimal("90.0"),
        1,
    )
    assert list(
        figures(reports.summary(organisation, Filters(cohort=academy["intake_2"])))
    ) == ["Intake 2"]


def test_enrolment_date_range_narrows_enrolments_not_members(academy):
    january = Filters(enrolled_from=date(2025, 1, 1), enrolled_to=date(2025, 1, 31))

    rows = reports.summary(academy["organisation"], january)

    assert figures(rows)["Intake 1"] == (4, 1, 0, 0, 0, None, 3)
    assert [
        row.user for row in reports.trainee_rows(academy["organisation"], january)
    ] == [academy["chebet"]]


def test_trainee_rows_include_cohort_courses_not_yet_enrolled(academy):
    rows = {
        row.user.email: row
        for row in reports.trainee_rows(academy["organisation"], Filters())
    }

    assert set(rows) == {
        "achieng@example.org",
        "brian@example.org",
        "chebet@example.org",
        "daniel@example.org",
        "esther@example.org",
    }
    achieng = rows["achieng@example.org"]
    assert (achieng.progress_percent, achieng.average_score, achieng.overdue) == (
        100,
        Decimal("90.0"),
        False,
    )
    assert achieng.certificate_code == academy["certificate"].code
    assert achieng.cohorts == ["Intake 1"]
    brian = rows["brian@example.org"]
    assert (brian.progress_percent, brian.average_score, brian.overdue) == (
        25,
        Decimal("60.0"),
        True,
    )
    daniel = rows["daniel@example.org"]
    assert (daniel.enrolled_at, daniel.progress_percent, daniel.overdue) == (
        None,
        0,
        True,
    )
    esther = rows["esther@example.org"]
    assert (esther.progress_percent, esther.overdue) == (50, False)


def test_trainee_rows_cost_a_fixed_number_of_queries_per_chunk(academy, monkeypatch):
    counts = {}
    for size in (5, 1):
        monkeypatch.setattr(reports, "CHUNK_SIZE", size)
        with CaptureQueriesContext(connection) as captured:
            rows = list(reports.trainee_rows(academy["organisation"], Filters()))
        counts[size] = len(captured)
        assert len({row.user.pk for row in rows}) == len(rows) == 5

    assert counts[1] - counts[5] == 4 * PER_CHUNK  # five chunks of one, not one of five


# A chunk's trainees, their cohorts, enrolments, lessons, quiz scores, certificates.
PER_CHUNK = 6


def test_module_funnel_counts_completions_per_module_in_course_order(academy):
    funnel = reports.module_funnel(
        academy["organisation"], Filters(), academy["course"]
    )

    assert [(step.module, step.completed, step.enrolled) for step in funnel] == [
        (academy["modules"][0], 1, 4),
        (academy["modules"][1], 2, 4),
    ]
    assert [step.percent for step in funnel] == [25, 50]


def test_counted_attempts_in_sql_agree_with_counted_of(academy):
    quiz = academy["quiz"]
    brian = academy["brian"]
    attempt(brian, quiz, 2, 80)
    attempt(brian, quiz, 3, 70, archived=True)
    for method in QuizPage.GradingMethod:
        quiz.grading_method = method
        expected = {
            learner.pk: counted_of(
                quiz,
                list(Attempt.objects.filter(learner=learner, archived=False)),
            ).score
            for learner in (academy["achieng"], brian)
        }
        counted = dict(counted_attempts([quiz]).values_list("learner_id", "score"))
        assert counted == expected, method


@pytest.fixture
def answered(academy):
    """Graded answers in intake 1: article 2 is answered right once in three, articles
    3-4 in 2.5 of three, article 7 (chapter II) once in one; an archived attempt
    that answered article 2 right does not count."""
    q2, q3_4, q7 = academy["questions"]
    achieng_first, achieng_second = Attempt.objects.filter(
        learner=academy["achieng"]
    ).order_by("number")
    brian_attempt = Attempt.objects.get(learner=academy["brian"])
    for graded, question, score in [
        (achieng_first, q2, 0),
        (achieng_first, q3_4, 1),
        (achieng_second, q2, 1),
        (achieng_second, q3_4, 1),
        (achieng_second, q7, 1),
        (brian_attempt, q2, 0),
        (brian_attempt, q3_4, 0.5),
    ]:
        Response.objects.create(attempt=graded, question=question, score=score)
    archived = attempt(academy["brian"], academy["quiz"], 2, 100, archived=True)
    Response.objects.create(attempt=archived, question=q2, score=1)
    return academy


def test_mastery_shares_correct_answers_by_chapter_and_article(answered, academy):
    chapters = reports.mastery(academy["intake_1"])

    assert [
        (chapter.chapter.roman, chapter.responses, chapter.percent, chapter.weak)
        for chapter in chapters
    ] == [("I", 6, 58, True), ("II", 1, 100, False)]
    assert [
        (item.article.number, item.responses, item.percent, item.weak)
        for item in chapters[0].articles
    ] == [(2, 3, 33, True), (3, 3, 83, False), (4, 3, 83, False)]
    assert reports.mastery(academy["intake_2"]) == []


def test_trainee_detail_shows_modules_quiz_results_and_certificate(academy):
    detail = reports.trainee_detail(academy["organisation"], academy["achieng"])

    (standing,) = detail.courses
    assert [module.is_complete for module in standing.progress.modules] == [True, True]
    assert [result.attempt.score for result in standing.quiz_results] == [90]
    assert standing.certificate == academy["certificate"]
    assert detail.cohorts == [academy["intake_1"]]


def test_dashboard_page_shows_the_figures_charts_and_trainees(client, academy):
    client.force_login(academy["manager"])

    response = client.get(
        reverse("partners:dashboard", args=[academy["organisation"].pk])
    )

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert html.count('role="img"') == 2
    assert "Intake 1" in html
    assert (
        reverse(
            "partners:trainee", args=[academy["organisation"].pk, academy["daniel"].pk]
        )
        in html
    )
    assert (
        reverse("certificates:verify_code", args=[academy["certificate"].code]) in html
    )


def test_dashboard_filters_come_from_the_query_string(client, academy):
    client.force_login(academy["manager"])

    response = client.get(
        reverse("partners:dashboard", args=[academy["organisation"].pk]),
        {"country": "UG"},
    )

    assert [row.user for row in response.context["trainees"][0][1]] == [
        academy["brian"]
    ]
    assert len(response.context["trainees"]) == 1


def test_new_organisation_is_told_how_to_start(client, db):
    organisation = OrganisationFactory(name="New Ministry", country="VN")
    client.force_login(
        ManagerFactory(organisation=organisation, email="new@example.org")
    )

    response = client.get(reverse("partners:dashboard", args=[organisation.pk]))

    assert "Get started" in response.content.decode()
    assert reverse("partners:cohort_create", args=[organisation.pk]) in (
        response.content.decode()
    )


def test_trainee_and_mastery_pages_open_for_the_manager(client, academy):
    client.force_login(academy["manager"])
    organisation = academy["organisation"]

    trainee = client.get(
        reverse("partners:trainee", args=[organisation.pk, academy["achieng"].pk])
    )
    mastery = client.get(
        reverse("partners:mastery", args=[organisation.pk, academy["intake_1"].pk])
    )

    assert trainee.status_code == mastery.status_code == HTTPStatus.OK
    assert "quiz passed" in trainee.content.decode()
    assert "No quiz answers from this cohort yet" in mastery.content.decode()


def test_mastery_page_flags_the_articles_to_revise(client, answered, academy):
    client.force_login(academy["manager"])

    response = client.get(
        reverse(
            "partners:mastery",
            args=[academy["organisation"].pk, academy["intake_1"].pk],
        )
    )

    html = response.content.decode()
    assert html.index("Chapter I.") < html.index("Chapter II.")
    assert "Article 2. Use of terms: 33%" in html  # listed under "Needs revision"
    assert html.count('class="flag"') == 2  # chapter I and its article 2


def test_another_organisations_trainee_or_cohort_is_not_found(client, academy):
    other = OrganisationFactory(name="Other Academy")
    today = timezone.localdate()
    other_cohort = CohortFactory(
        organisation=other,
        name="Theirs",
        courses=[academy["course"]],
        start_date=today,
        end_date=today,
    )
    outsider = OrganisationTraineeFactory(
        cohort=other_cohort, email="outsider@example.org"
    )
    organisation = academy["organisation"]
    client.force_login(academy["manager"])

    for url in [
        reverse("partners:trainee", args=[organisation.pk, outsider.pk]),
        reverse("partners:trainee", args=[organisation.pk, academy["manager"].pk]),
        reverse("partners:mastery", args=[organisation.pk, other_cohort.pk]),
        reverse("partners:dashboard", args=[other.pk]),
    ]:
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND, url


def bulk_trainees(academy: dict, count: int) -> None:
    """`count` more trainees in intake 1, enrolled, each with a lesson done, a
    quiz attempt and a module completion, inserted in bulk."""
    course = academy["course"]
    quiz = academy["quiz"]
    lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
    users = User.objects.bulk_create(
        User(email=f"bulk{n}@example.org", last_name=f"Bulk {n:03}", country="KE")
        for n in range(count)
    )
    organisation, cohort = academy["organisation"], academy["intake_1"]
    Membership.objects.bulk_create(
        Membership(organisation=organisation, user=user) for user in users
    )
    CohortMember.objects.bulk_create(
        CohortMember(cohort=cohort, user=user) for user in users
    )
    Enrolment.objects.bulk_create(
        Enrolment(learner=user, course=course, course_key=course.translation_key)
        for user in users
    )
    LessonCompletion.objects.bulk_create(
        LessonCompletion(
            learner=user,
            course_key=course.translation_key,
            lesson=lesson,
            lesson_key=lesson.translation_key,
        )
        for user in users
    )
    Attempt.objects.bulk_create(
        Attempt(
            learner=user,
            quiz=quiz,
            quiz_key=quiz.translation_key,
            number=1,
            status=Attempt.Status.SUBMITTED,
            score=Decimal(70),
            passed=True,
        )
        for user in users
    )


# Sign-in and site look-ups, the filter form, cohorts and the course outline, the
# summary, funnel, and one page of the trainee table.
QUERY_BUDGET = 28


def test_dashboard_query_count_does_not_grow_with_trainees(
    client, academy, django_assert_max_num_queries
):
    organisation = academy["organisation"]
    client.force_login(academy["manager"])
    url = reverse("partners:dashboard", args=[organisation.pk])
    client.get(url)  # warm the content-type and site caches
    counts = []
    for extra in (0, 55):
        bulk_trainees(academy, extra)
        with django_assert_max_num_queries(QUERY_BUDGET) as captured:
            response = client.get(url, {"country": "KE"})
        assert response.context["page"].paginator.count == 4 + extra
        counts.append(len(captured))

    assert counts[0] == counts[1]
