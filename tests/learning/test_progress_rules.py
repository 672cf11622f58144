"""The learning rules, without HTTP: enrolment, completion exactly once, progress."""

import pytest
from wagtail.models import Locale

from courses.models import CoursePage, LessonPage, ModulePage
from learning import services
from learning.models import Enrolment, LearningEvent, LessonCompletion, ModuleCompletion
from tests.factories.courses import LessonPageFactory


def lessons():
    return list(LessonPage.objects.filter(locale__language_code="en").order_by("path"))


def events(learner, verb=None, object_type=None):
    found = LearningEvent.objects.filter(learner=learner)
    if verb:
        found = found.filter(verb=verb)
    if object_type:
        found = found.filter(object_type=object_type)
    return found


def test_enrolling_twice_keeps_one_enrolment_and_one_event(trainee, course):
    services.enrol(trainee, course)
    services.enrol(trainee, course)
    assert Enrolment.objects.filter(learner=trainee).count() == 1
    assert events(trainee, "enrolled").count() == 1


def test_leaving_keeps_completions_for_a_return(trainee, course):
    services.enrol(trainee, course)
    services.complete_lesson(trainee, lessons()[0])
    services.leave(trainee, course)
    assert services.course_progress(trainee, course) is None

    services.enrol(trainee, course)

    progress = services.course_progress(trainee, course)
    assert progress.completed == 1
    assert [e.verb for e in events(trainee, object_type="course").order_by("pk")] == [
        "enrolled",
        "left",
        "enrolled",
    ]


def test_a_lesson_cannot_be_completed_without_enrolment(trainee, course):
    with pytest.raises(services.NotEnrolled):
        services.complete_lesson(trainee, lessons()[0])
    assert not LessonCompletion.objects.exists()


def test_an_unpublished_lesson_cannot_be_completed(trainee, course):
    services.enrol(trainee, course)
    lesson = lessons()[0]
    lesson.unpublish()
    with pytest.raises(services.LessonNotAvailable):
        services.complete_lesson(trainee, lesson)
    assert not LessonCompletion.objects.exists()


def test_completing_a_lesson_again_records_nothing_new(trainee, course):
    services.enrol(trainee, course)
    first = services.complete_lesson(trainee, lessons()[0])
    again = services.complete_lesson(trainee, lessons()[0])
    assert first.pk == again.pk
    assert LessonCompletion.objects.count() == 1
    assert events(trainee, "completed", "lesson").count() == 1


def test_modules_and_course_complete_when_every_lesson_is_done(trainee, course):
    services.enrol(trainee, course)
    first_module_lessons = lessons()[:2]
    for lesson in first_module_lessons:
        services.complete_lesson(trainee, lesson)
    assert ModuleCompletion.objects.filter(learner=trainee).count() == 1
    assert Enrolment.objects.get().completed_at is None

    for lesson in lessons()[2:]:
        services.complete_lesson(trainee, lesson)

    progress = services.course_progress(trainee, course)
    assert progress.percent == 100 and progress.next_lesson is None
    assert progress.completed_at is not None
    assert events(trainee, "completed", "module").count() == 2
    assert events(trainee, "completed", "course").count() == 1


def test_continue_points_at_the_first_unfinished_lesson(trainee, course):
    services.enrol(trainee, course)
    first, second, third, _ = lessons()
    services.complete_lesson(trainee, first)
    services.complete_lesson(trainee, third)
    assert services.course_progress(trainee, course).next_lesson.pk == second.pk


def test_progress_follows_lessons_added_and_removed(trainee, course):
    services.enrol(trainee, course)
    for lesson in lessons():
        services.complete_lesson(trainee, lesson)
    completed_at = Enrolment.objects.get().completed_at
    module = ModulePage.objects.order_by("path").first()

    LessonPageFactory(parent=module, title="A lesson added later")
    progress = services.course_progress(trainee, course)
    assert (progress.completed, progress.total) == (4, 5)
    assert progress.module(module).is_complete is False
    assert progress.completed_at == completed_at  # a finished course stays finished

    lessons()[0].unpublish()
    progress = services.course_progress(trainee, course)
    assert (progress.completed, progress.total) == (3, 4)


def test_a_translated_lesson_counts_as_the_same_lesson(trainee, course):
    services.enrol(trainee, course)
    english = lessons()[0]
    services.complete_lesson(trainee, english)
    french = english.copy_for_translation(
        Locale.objects.get(language_code="fr"), copy_parents=True
    )
    french.save_revision().publish()
    french.refresh_from_db()
    french_course = CoursePage.objects.get(locale__language_code="fr")

    progress = services.course_progress(trainee, french_course)

    assert progress is not None  # enrolled once, in every language
    assert french.translation_key in progress.completed_keys
    with pytest.raises(LessonCompletion.DoesNotExist):
        LessonCompletion.objects.get(lesson=french)
    services.complete_lesson(trainee, french)
    assert LessonCompletion.objects.count() == 1
