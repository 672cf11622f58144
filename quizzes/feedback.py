"""What a trainee may see of an attempt once it is graded: feedback (which answers
were wrong, why, and the rule with its article), and the correct answers.

The two are separate, as in Moodle's review options: a trainee who failed with
retakes left learns which answers were wrong and why, but not which option was
right, so that the retake still tests them (`QuizPage.show_correct_answers`).
"""

from quizzes.attempts import attempts_left
from quizzes.models import Attempt, QuizPage
from quizzes.results import has_passed


def feedback_visible(attempt: Attempt) -> bool:
    """Whether the trainee may see feedback on this submitted attempt."""
    policy = attempt.quiz.feedback_policy if attempt.quiz else None
    if (
        attempt.status != Attempt.Status.SUBMITTED
        or policy == QuizPage.FeedbackPolicy.NEVER
    ):
        return False
    if policy == QuizPage.FeedbackPolicy.AFTER_PASSING:
        return has_passed(attempt.learner, attempt.quiz)
    return True


def correct_answers_visible(attempt: Attempt) -> bool:
    """Whether the trainee may see which options were correct, with feedback (or,
    during an attempt, with an answer checked right away)."""
    quiz = attempt.quiz
    if quiz is None or quiz.show_correct_answers == QuizPage.CorrectAnswers.NEVER:
        return False
    if quiz.show_correct_answers == QuizPage.CorrectAnswers.AFTER_EACH_ATTEMPT:
        return attempt.status == Attempt.Status.SUBMITTED
    return (
        has_passed(attempt.learner, quiz) or attempts_left(attempt.learner, quiz) == 0
    )
