"""What `learning` does when the apps below it report an event (their signals)."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses.models import CoursePage, LessonPage, ModulePage
from learning import services, tasks
from quizzes.models import Attempt, QuizPage
from quizzes.signals import attempt_graded


@receiver(attempt_graded, sender=Attempt)
def record_completions_of_passed_quiz(sender, attempt: Attempt, **kwargs) -> None:
    """A passed quiz may complete its module, and the module its course."""
    if attempt.passed and attempt.quiz is not None:
        services.quiz_passed(attempt.learner, attempt.quiz)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_delete)
def course_content_changed(sender, instance, **kwargs) -> None:
    """A lesson, module or quiz published (perhaps with a new pass mark),
    unpublished or deleted changes what completing its course takes: its trainees'
    completions are derived again in the background, once this change commits."""
    if isinstance(instance, LessonPage | ModulePage | QuizPage):
        recompute_course_later(instance.path)


@receiver(post_page_move)
def course_content_moved(sender, instance, **kwargs) -> None:
    """A page moved may leave one course and join another: both are derived again."""
    if isinstance(instance.specific_deferred, LessonPage | ModulePage | QuizPage):
        recompute_course_later(instance.path)
        parent_before = kwargs.get("parent_page_before")
        if parent_before is not None:
            recompute_course_later(parent_before.path)


def recompute_course_later(path: str) -> None:
    """Queue a recompute of the course at or above the page at `path`, after
    commit (by the tree path, which a deleted page still carries)."""
    ancestors = [path[:end] for end in range(4, len(path) + 1, 4)]
    course = CoursePage.objects.filter(path__in=ancestors).first()
    if course is not None:
        course_id = course.pk
        transaction.on_commit(
            lambda: tasks.recompute_course.enqueue(course_id), robust=True
        )
