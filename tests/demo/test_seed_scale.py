"""`seed_scale` fills a database in bulk with learners whose records follow the
completion rules, which the partner dashboard then reads; it refuses to run where it
could do harm, and adds to earlier scale data only when asked."""

import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.core.management.base import OutputWrapper

from accounts.models import User
from certificates.models import Certificate
from courses.models import CoursePage
from courses.outline import course_outline
from demo import scale
from demo.management.commands.seed_scale import ProgressBar
from learning.models import Enrolment, LearningEvent, LessonCompletion, ModuleCompletion
from learning.services import course_requirements_met, progress_for_enrolment
from partners import reports
from partners.filters import Filters
from partners.models import Cohort, CohortMember, Membership, Organisation
from quizzes.models import Attempt, QuizPage, Response
from tests.factories.courses import CoursePageFactory
from tests.factories.quizzes import QuestionFactory, QuizPageFactory

LEARNERS = 200
ORGANISATIONS = 3


@pytest.fixture
def quizzed_course(db) -> CoursePage:
    """Three modules of two lessons; quizzes end the first two, and the final
    assessment draws two of three questions, three attempts allowed."""
    course = CoursePageFactory(modules=3)
    first, second, _third = course.get_children().specific()
    questions = [
        QuestionFactory(articles="2", options=[("Yes", True), ("No", False)]),
        QuestionFactory(
            question_type="true_false", true_false_answer=True, articles="3"
        ),
        QuestionFactory(
            question_type="multiple_response",
            articles="7",
            options=[("Data", True), ("Logs", True), ("Nothing", False)],
        ),
    ]
    QuizPageFactory(parent=first, questions=questions[:2])
    QuizPageFactory(parent=second, questions=questions[1:])
    QuizPageFactory(
        parent=course,
        questions=questions,
        title="Final assessment",
        questions_to_draw=2,
        attempts_allowed=3,
    )
    return course


def seed(*options: str, learners: int = LEARNERS) -> tuple[str, str]:
    """Run seed_scale (forced: tests run with DEBUG off); returns stdout and stderr."""
    out, err = StringIO(), StringIO()
    call_command(
        "seed_scale",
        f"--learners={learners}",
        f"--organisations={ORGANISATIONS}",
        "--force",
        *options,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def test_every_table_gets_its_rows_and_the_summary_counts_them(quizzed_course):
    out, _err = seed()

    assert scale.scale_learners().count() == LEARNERS
    assert Organisation.objects.count() == ORGANISATIONS
    assert Cohort.objects.count() == ORGANISATIONS * len(scale.COHORT_DAYS)
    managers = Membership.objects.filter(role=Membership.Role.MANAGER)
    assert managers.count() == ORGANISATIONS
    assert CohortMember.objects.count() == LEARNERS
    assert EmailAddress.objects.filter(verified=True).count() == User.objects.count()
    enrolments = Enrolment.objects.count()
    assert LEARNERS * 0.8 < enrolments < LEARNERS
    completed = Enrolment.objects.filter(completed_at__isnull=False).count()
    assert 0 < completed == Certificate.objects.count()
    for model in [LessonCompletion, ModuleCompletion, Attempt, Response]:
        assert model.objects.exists()
    assert LearningEvent.objects.count() == (
        enrolments
        + LessonCompletion.objects.count()
        + ModuleCompletion.objects.count()
        + completed
    )
    for model in [User, Cohort, Enrolment, LessonCompletion, Attempt, LearningEvent]:
        count = f"{model.objects.count():,}"
        assert re.search(rf"{model._meta.db_table} +{count}\n", out)
    learner = User.objects.get(email=scale.learner_email(1))
    assert learner.check_password(scale.PASSWORD)


def test_every_learner_s_records_follow_the_completion_rules(quizzed_course):
    seed()
    outline = course_outline(quizzed_course)
    lesson_keys = [lesson.translation_key for lesson in outline.lessons]
    quizzes = {quiz.translation_key: quiz for quiz in QuizPage.objects.all()}

    for enrolment in Enrolment.objects.all():
        progress = progress_for_enrolment(enrolment, outline)
        learner = enrolment.learner_id
        # Lessons are done in course order: the completed ones come first.
        done = len(progress.completed_keys)
        assert set(lesson_keys[:done]) == progress.completed_keys
        assert set(
            ModuleCompletion.objects.filter(learner=learner).values_list(
                "module_key", flat=True
            )
        ) == {m.module.translation_key for m in progress.modules if m.is_complete}
        finished = course_requirements_met(progress)
        assert finished == (enrolment.completed_at is not None)
        assert finished == Certificate.objects.filter(learner=learner).exists()
        for quiz_key, quiz in quizzes.items():
            attempts = list(
                Attempt.objects.filter(learner=learner, quiz_key=quiz_key)
                .order_by("number")
                .values_list("number", "passed")
            )
            assert [number for number, _passed in attempts] == list(
                range(1, len(attempts) + 1)
            )
            assert all(not passed for _number, passed in attempts[:-1])
            assert len(attempts) <= (quiz.attempts_allowed or len(attempts))


def test_the_partner_dashboard_reads_it(quizzed_course):
    seed()
    big = Organisation.objects.get(name="Scale organisation 001")

    rows = reports.summary(big, Filters())

    assert sum(row.members for row in rows) == LEARNERS // 2
    assert sum(row.completed for row in rows) > 0
    assert sum(row.overdue for row in rows) > 0  # the first cohort has ended


def test_it_refuses_to_run_with_debug_off_unless_forced(quizzed_course, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_scale", "--learners=5", stdout=StringIO())

    assert not scale.scale_learners().exists()


def test_a_second_run_refuses_unless_it_appends(quizzed_course):
    seed(learners=20)

    with pytest.raises(CommandError, match="--append"):
        seed(learners=20)
    seed("--append", learners=10)

    assert scale.scale_learners().count() == 30
    assert User.objects.filter(email=scale.learner_email(30)).exists()
    assert Organisation.objects.count() == ORGANISATIONS
    assert Cohort.objects.count() == ORGANISATIONS * len(scale.COHORT_DAYS)
    assert Membership.objects.filter(role=Membership.Role.MANAGER).count() == 3


def test_it_needs_a_course(db):
    with pytest.raises(CommandError, match="seed_demo"):
        seed(learners=5)


def test_off_a_terminal_each_phase_prints_one_line(quizzed_course):
    _out, err = seed(learners=20)

    lines = err.splitlines()
    assert [line.split(":")[0] for line in lines] == ["Organisations", "Learners"]
    assert re.fullmatch(
        r"Learners: [\d,]+ rows in [\d.]+ s \([\d,]+ rows/s\)", lines[1]
    )
    assert "\r" not in err


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_bar_is_redrawn_in_place():
    stream = Terminal()
    bar = ProgressBar(OutputWrapper(stream), "Learners", 1000)
    bar.advance(250, 10_000)

    bar.draw(elapsed=2.0)
    bar.finish()

    drawn, finished = stream.getvalue().split("\r")[1:]
    assert drawn.startswith("Learners [#######-----------------------]  25%")
    assert "5,000 rows/s  ETA 0:06" in drawn
    assert finished.startswith("Learners: 10,000 rows in ")
    assert finished.endswith("\n")
