"""Where a quiz result leads: the apps above quizzes say what comes next.

Quizzes know nothing of module completion or certificates. An app registers a
function under the Wagtail hook `NEXT_STEPS_HOOK`: given the trainee and the graded
attempt, it returns the links to offer on the result page (`learning` offers the
next module, the final assessment or the certificate: learning/wagtail_hooks.py).
"""

from dataclasses import dataclass

from wagtail import hooks

from accounts.models import User

NEXT_STEPS_HOOK = "quiz_next_steps"


@dataclass(frozen=True)
class NextStep:
    """A link the result page offers; the first primary one is shown as a button."""

    label: str
    url: str
    primary: bool = False


def next_steps(user: User, attempt) -> list[NextStep]:
    """Every registered app's next steps after `attempt`, in hook order."""
    steps: list[NextStep] = []
    for offer in hooks.get_hooks(NEXT_STEPS_HOOK):
        steps += offer(user, attempt)
    return steps
