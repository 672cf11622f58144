"""Marking essays by hand: an instructor's mark re-grades the attempt. The queue in
the admin where instructors find the answers to mark is `quizzes.marking_queue`."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from quizzes.errors import QuizError
from quizzes.grading import grade_attempt
from quizzes.models import Attempt, Question, Response


@transaction.atomic
def mark_essay(response: Response, percent: int, comment: str, marker: User) -> Attempt:
    """Record an instructor's mark for an essay answer and re-grade its attempt."""
    if response.question.question_type != Question.Type.ESSAY:
        raise QuizError(_("Only essay answers are marked by hand."))
    if not 0 <= percent <= 100:
        raise QuizError(_("Give a mark from 0 to 100."))
    response.score = percent / 100
    response.marker_comment = comment
    response.marked_by = marker
    response.marked_at = timezone.now()
    response.save(update_fields=["score", "marker_comment", "marked_by", "marked_at"])
    attempt = response.attempt
    grade_attempt(attempt)
    return attempt
