"""Completions are derived again whenever it matters, and the record repairs itself:
completing a lesson again restores a lost module completion, and
`recompute_progress` grants what a changed course now grants, never taking back a
completion or a certificate."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from certificates.models import Certificate
from courses.models import LessonPage, ModulePage
from learning import services
from learning.models import Enrolment, ModuleCompletion
from quizzes.models import Attempt
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import CoursePageFactory, LessonPageFactory
from tests.factories.quizzes import QuestionFactory, QuizPageFactory


@pytest.fixture
def course(db):
    return CoursePageFactory(modules=1, modules__lessons=2)


@pytest.fixture
def trainee(course):
    trainee = TraineeFactory()
    services.enrol(trainee, course)
    return trainee


def recompute(*args: str) -> str:
    out = StringIO()
    call_command("recompute_progress", *args, stdout=out)
    return out.getvalue()


def test_completing_a_lesson_again_repairs_a_lost_completion(course, trainee):
    first, second = LessonPage.objects.order_by("path")
    services.complete_lesson(trainee, first)
    services.complete_lesson(trainee, second)
    # What a lost race left behind before completions were derived under a lock:
    ModuleCompletion.objects.all().delete()
    Certificate.objects.all().delete()
    Enrolment.objects.update(completed_at=None)

    services.complete_lesson(trainee, second)

    assert ModuleCompletion.objects.filter(learner=trainee).count() == 1
    assert Enrolment.objects.get(learner=trainee).completed_at is not None
    assert Certificate.objects.filter(learner=trainee).count() == 1


def test_unpublishing_the_lesson_left_completes_the_course_on_recompute(
    course, trainee
):
    first, second = LessonPage.objects.order_by("path")
    services.complete_lesson(trainee, first)
    second.unpublish()

    output = recompute()

    assert "1 module completions and 1 course completions added." in output
    assert Certificate.objects.filter(learner=trainee).count() == 1
    assert "0 module completions and 0 course completions added." in recompute()


def test_a_new_lesson_never_takes_a_completion_back(course, trainee):
    for lesson in LessonPage.objects.all():
        services.complete_lesson(trainee, lesson)
    LessonPageFactory(parent=LessonPage.objects.first().get_parent())

    recompute("--course", str(course.pk))

    assert ModuleCompletion.objects.filter(learner=trainee).count() == 1
    assert Enrolment.objects.get(learner=trainee).completed_at is not None
    assert Certificate.objects.filter(revoked_at__isnull=True).count() == 1


def test_an_unknown_course_is_refused_clearly(course):
    with pytest.raises(CommandError, match="No course has the page id 999999"):
        recompute("--course", "999999")


def test_unpublishing_a_lesson_recomputes_its_trainees_in_the_background(
    course, trainee, django_capture_on_commit_callbacks
):
    first, second = LessonPage.objects.order_by("path")
    services.complete_lesson(trainee, first)

    with django_capture_on_commit_callbacks(execute=True) as queued:
        second.unpublish()

    assert queued  # the recompute waits for the change to commit
    assert ModuleCompletion.objects.filter(learner=trainee).count() == 1
    assert Certificate.objects.filter(learner=trainee).count() == 1


def test_deleting_or_moving_a_lesson_recomputes_too(
    course, trainee, django_capture_on_commit_callbacks
):
    first, second = LessonPage.objects.order_by("path")
    services.complete_lesson(trainee, first)
    other_course = CoursePageFactory(
        parent=course.get_parent(), modules=1, modules__lessons=0, title="Other"
    )
    other_module = other_course.get_children().first()

    with django_capture_on_commit_callbacks(execute=True):
        second.move(other_module, pos="last-child")

    assert Enrolment.objects.get(learner=trainee).completed_at is not None
    with django_capture_on_commit_callbacks(execute=True) as queued:
        LessonPage.objects.get(pk=first.pk).delete()
    assert queued
    assert ModuleCompletion.objects.filter(learner=trainee).count() == 1  # kept


def test_a_lower_pass_mark_completes_the_trainees_who_now_reach_it(
    course, trainee, django_capture_on_commit_callbacks
):
    module = ModulePage.objects.child_of(course).get()
    quiz = QuizPageFactory(
        parent=module, questions=[QuestionFactory(options=[("Yes", True)])]
    )
    for lesson in LessonPage.objects.child_of(module):
        services.complete_lesson(trainee, lesson)
    Attempt.objects.create(
        learner=trainee,
        quiz=quiz,
        quiz_key=quiz.translation_key,
        number=1,
        status=Attempt.Status.SUBMITTED,
        submitted_at=timezone.now(),
        score=65,
        passed=False,
    )
    assert not ModuleCompletion.objects.filter(learner=trainee).exists()

    quiz.pass_mark = 60
    with django_capture_on_commit_callbacks(execute=True):
        quiz.save_revision().publish()

    assert Attempt.objects.get().passed is True
    assert ModuleCompletion.objects.filter(learner=trainee).count() == 1
    assert Certificate.objects.filter(learner=trainee).count() == 1

    quiz.pass_mark = 90  # raised again: the pass is not taken back
    with django_capture_on_commit_callbacks(execute=True):
        quiz.save_revision().publish()
    assert Attempt.objects.get().passed is True
