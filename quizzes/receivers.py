"""What `quizzes` does when Wagtail reports a change to a quiz page."""

from django.dispatch import receiver
from wagtail.signals import page_published

from quizzes import grading
from quizzes.models import QuizPage


@receiver(page_published, sender=QuizPage)
def pass_mark_published(sender, instance: QuizPage, **kwargs) -> None:
    """A pass mark published lower lets the attempts that reach it pass."""
    grading.grant_passes_at_pass_mark(instance)
