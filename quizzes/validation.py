"""Rules a question's options must follow, shared by the admin form and imports."""

from django.utils.translation import gettext as _

SINGLE_CHOICE = "single_choice"
MULTIPLE_RESPONSE = "multiple_response"


def option_problems(question_type: str, options: list[tuple[str, bool]]) -> list[str]:
    """What is wrong with `options` (text, is_correct) for this question type."""
    if question_type not in {SINGLE_CHOICE, MULTIPLE_RESPONSE}:
        return (
            [_("Only single-choice and multiple-response questions have options.")]
            if options
            else []
        )
    correct = sum(1 for _text, is_correct in options if is_correct)
    problems = []
    if len(options) < 2:
        problems.append(_("Give at least two options."))
    if question_type == SINGLE_CHOICE and correct != 1:
        problems.append(_("Mark exactly one option as correct."))
    if question_type == MULTIPLE_RESPONSE and correct < 1:
        problems.append(_("Mark at least one option as correct."))
    return problems
