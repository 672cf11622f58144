"""The error the quiz rules raise to refuse a request."""

from core.errors import Refusal


class QuizError(Refusal):
    """A request the quiz rules refuse; `message` is shown to the trainee, or to
    the instructor in the admin."""
