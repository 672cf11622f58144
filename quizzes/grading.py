"""How each question type is scored: a fraction from 0 to 1, or None until marked.

Multiple response gives partial credit: (correct options chosen − wrong options
chosen) ÷ number of correct options, never below 0 (docs/decisions/0003).
"""

import re

from quizzes.models import Question


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
