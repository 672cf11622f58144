"""What `learning` does when the apps below it report an event (their signals)."""

from django.dispatch import receiver

from learning import services
from quizzes.models import Attempt
from quizzes.signals import attempt_graded


@receiver(attempt_graded, sender=Attempt)
def record_completions_of_passed_quiz(sender, attempt: Attempt, **kwargs) -> None:
    """A passed quiz may complete its module, and the module its course."""
    if attempt.passed and attempt.quiz is not None:
        services.quiz_passed(attempt.learner, attempt.quiz)
