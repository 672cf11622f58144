"""Double clicks, two tabs and replayed requests record one completion, even when
they reach the real database at the same moment from different threads."""

import pytest
from django.db import IntegrityError, transaction

from courses.models import LessonPage
from learning import services
from learning.models import Enrolment, LearningEvent, LessonCompletion
from tests.concurrency import run_at_once
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import CoursePageFactory


@pytest.fixture
def enrolled(committed_db):
    course = CoursePageFactory(modules=1, modules__lessons=1)
    trainee = TraineeFactory()
    services.enrol(trainee, course)
    return trainee, course


def test_simultaneous_completions_record_one(enrolled):
    trainee, _course = enrolled
    lesson = LessonPage.objects.get()

    errors = run_at_once(lambda: services.complete_lesson(trainee, lesson))

    assert errors == []
    assert LessonCompletion.objects.count() == 1
    completions = LearningEvent.objects.filter(verb="completed")
    assert completions.filter(object_type="lesson").count() == 1
    assert completions.filter(object_type="module").count() == 1
    assert completions.filter(object_type="course").count() == 1


def test_simultaneous_enrolments_record_one(committed_db):
    course = CoursePageFactory(modules=1, modules__lessons=1)
    trainee = TraineeFactory()

    errors = run_at_once(lambda: services.enrol(trainee, course))

    assert errors == []
    assert Enrolment.objects.count() == 1
    assert LearningEvent.objects.filter(verb="enrolled").count() == 1


def test_the_database_refuses_a_second_completion_row(enrolled):
    trainee, course = enrolled
    lesson = LessonPage.objects.get()
    services.complete_lesson(trainee, lesson)
    with pytest.raises(IntegrityError), transaction.atomic():
        LessonCompletion.objects.create(
            learner=trainee,
            lesson_key=lesson.translation_key,
            course_key=course.translation_key,
        )
