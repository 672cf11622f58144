"""How answers and attempts are scored. Each question type gives a fraction from 0 to
1, or None until marked; an attempt's score is the mean as a percentage, and once
no essay awaits marking it is final and `attempt_graded` is sent.

Multiple response gives partial credit: (correct options chosen − wrong options
chosen) ÷ number of correct options, never below 0 (docs/decisions/0003).
"""

import re
from decimal import Decimal

from quizzes.models import Attempt, Question, Response
from quizzes.signals import attempt_graded


def normalise(text: str) -> str:
    """Case and white space do not matter in short answers."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def score(
    question: Question, selected_option_ids: list[int], text: str
) -> float | None:
    """The score of one answer to `question`; None for an essay (marked by hand)."""
    kind = question.question_type
    if kind == Question.Type.ESSAY:
        return None
    if kind == Question.Type.TRUE_FALSE:
        answer = {"true": True, "false": False}.get(text)
        return (
            1.0 if answer is not None and answer == question.true_false_answer else 0.0
        )
    if kind == Question.Type.SHORT_ANSWER:
        accepted = {normalise(answer) for answer in question.accepted_answer_list}
        return 1.0 if normalise(text) in accepted else 0.0
    correct = {option.pk for option in question.options.all() if option.is_correct}
    chosen = set(selected_option_ids)
    if kind == Question.Type.SINGLE_CHOICE:
        return 1.0 if len(chosen) == 1 and chosen == correct else 0.0
    if not correct:
        return 0.0
    return max(0.0, (len(chosen & correct) - len(chosen - correct)) / len(correct))


def grade_attempt(attempt: Attempt, responses: list[Response] | None = None) -> None:
    """Score and pass/fail from the responses (read unless given), once no essay
    awaits marking."""
    if responses is None:
        responses = list(attempt.responses.all())
    pending = any(r.score is None for r in responses)
    total = len(attempt.question_ids)
    attempt.awaiting_marking = pending
    if pending or not total:
        attempt.score = None if pending else Decimal(0)
        attempt.passed = None if pending else False
    else:
        earned = sum(r.score for r in responses)
        attempt.score = Decimal(round(100 * earned / total, 2))
        attempt.passed = attempt.score >= attempt.quiz.pass_mark
    attempt.save(update_fields=["awaiting_marking", "score", "passed"])
    if not pending:
        attempt_graded.send(Attempt, attempt=attempt)


def grant_passes_at_pass_mark(quiz) -> int:
    """After an instructor publishes a quiz with a lower pass mark, the graded
    attempts that now reach it pass. A pass is never taken back when the mark is
    raised (docs/completion-rules.md). Returns how many attempts now pass; the
    module and course completions follow when `learning` recomputes the course."""
    return Attempt.objects.filter(
        quiz_key=quiz.translation_key,
        status=Attempt.Status.SUBMITTED,
        archived=False,
        passed=False,
        score__gte=quiz.pass_mark,
    ).update(passed=True)
