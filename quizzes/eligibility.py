"""Whether a person may take a quiz, as the apps above quizzes decide.

Quizzes know nothing of enrolment or organisations. An app that sets a condition on
taking quizzes registers a function under the Wagtail hook `ELIGIBILITY_HOOK`: it
is given the user and the quiz page and returns an `Ineligible` (why, and the form
that lifts the condition) or None. `learning` registers one that asks for enrolment
in the quiz's course (learning/wagtail_hooks.py).
"""

from dataclasses import dataclass

from wagtail import hooks

from accounts.models import User

ELIGIBILITY_HOOK = "quiz_eligibility"


@dataclass(frozen=True)
class Ineligible:
    """Why a user may not take a quiz yet, shown on the quiz page and on a refused
    start; `action_url` and `action_label` make a button that POSTs there to lift
    the condition (e.g. enrol in the course); `remaining` lists what is still to
    do (e.g. the modules to complete before the final assessment)."""

    message: str
    action_url: str = ""
    action_label: str = ""
    remaining: tuple[str, ...] = ()


def ineligibility(user: User, quiz) -> Ineligible | None:
    """The first condition a registered hook says `user` does not meet for `quiz`,
    or None if they may take it."""
    for condition in hooks.get_hooks(ELIGIBILITY_HOOK):
        refusal = condition(user, quiz)
        if refusal is not None:
            return refusal
    return None
