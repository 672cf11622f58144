"""When a trainee may see feedback and the correct answers of an attempt."""

from quizzes.models import Attempt, QuizPage
from quizzes.results import has_passed


def feedback_visible(attempt: Attempt) -> bool:
    """Whether the trainee may see feedback and correct answers for this attempt."""
    policy = attempt.quiz.feedback_policy if attempt.quiz else None
    if (
        attempt.status != Attempt.Status.SUBMITTED
        or policy == QuizPage.FeedbackPolicy.NEVER
    ):
        return False
    if policy == QuizPage.FeedbackPolicy.AFTER_PASSING:
        return has_passed(attempt.learner, attempt.quiz)
    return True
