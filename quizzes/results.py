"""The outcomes of quizzes that the apps above read: which attempt counts, who has
passed, a trainee's standing in each quiz and their credit by question category.

`learning` reads a trainee's passed quizzes with the rest of their progress
(`passing_attempts`), and `partners` the counted attempts of whole cohorts
(`counted_attempts`), each in one query.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import User
from quizzes.models import Attempt, QuizPage, Response


def attempts_of(learner: User, quiz: QuizPage):
    """The learner's attempts that count: not archived by a course retake."""
    return Attempt.objects.filter(
        learner=learner, quiz_key=quiz.translation_key, archived=False
    )


def counted_of(quiz: QuizPage, attempts: list[Attempt]) -> Attempt | None:
    """Of these submitted attempts, the graded one that counts by the quiz's method."""
    graded = [a for a in attempts if a.score is not None]
    if quiz.grading_method == QuizPage.GradingMethod.LATEST:
        return max(graded, key=lambda a: a.number, default=None)
    return max(graded, key=lambda a: (a.score, a.number), default=None)


def counted_attempt(learner: User, quiz: QuizPage) -> Attempt | None:
    """The submitted attempt that counts, by the quiz's grading method."""
    return counted_of(
        quiz, list(attempts_of(learner, quiz).filter(status=Attempt.Status.SUBMITTED))
    )


def counted_attempts(quizzes: list[QuizPage]) -> QuerySet[Attempt]:
    """The attempt that counts for each learner in each of these quizzes, as one query.

    `counted_of` in SQL, for reports over thousands of learners: a graded attempt
    that is not archived counts when no other such attempt by the same learner at
    the same quiz beats it — a higher score, or the same score later ("best"), or
    simply a later one ("latest").
    """
    graded = Attempt.objects.filter(
        status=Attempt.Status.SUBMITTED, archived=False, score__isnull=False
    )
    rivals = graded.filter(
        learner_id=OuterRef("learner_id"), quiz_key=OuterRef("quiz_key")
    )
    later = Q(number__gt=OuterRef("number"))
    latest = [
        quiz.translation_key
        for quiz in quizzes
        if quiz.grading_method == QuizPage.GradingMethod.LATEST
    ]
    best = [
        quiz.translation_key for quiz in quizzes if quiz.translation_key not in latest
    ]
    return graded.filter(
        Q(quiz_key__in=best)
        & ~Exists(
            rivals.filter(
                Q(score__gt=OuterRef("score")) | Q(score=OuterRef("score")) & later
            )
        )
        | Q(quiz_key__in=latest) & ~Exists(rivals.filter(later))
    )


def has_passed(learner: User, quiz: QuizPage) -> bool:
    attempt = counted_attempt(learner, quiz)
    return bool(attempt and attempt.passed)


def passing_attempts() -> QuerySet[Attempt]:
    """Attempts that pass their quiz and still count: a learner has passed a quiz
    if one of theirs is among them (`learning.services` reads them with the rest of
    the learner's progress)."""
    return Attempt.objects.filter(passed=True, archived=False)


@dataclass
class QuizResult:
    """A trainee's standing in one quiz, for the dashboard."""

    quiz: QuizPage
    attempt: Attempt | None
    awaiting_marking: bool


def results_for(learner: User, quizzes: list[QuizPage]) -> list[QuizResult]:
    """The counted attempt of each quiz the learner has submitted, in one query."""
    by_key: dict = {}
    attempts = Attempt.objects.filter(
        learner=learner,
        quiz_key__in=[quiz.translation_key for quiz in quizzes],
        status=Attempt.Status.SUBMITTED,
        archived=False,
    ).order_by("number")
    for attempt in attempts:
        by_key.setdefault(attempt.quiz_key, []).append(attempt)
    results = []
    for quiz in quizzes:
        submitted = by_key.get(quiz.translation_key)
        if not submitted:
            continue
        results.append(
            QuizResult(
                quiz,
                counted_of(quiz, submitted),
                any(a.awaiting_marking for a in submitted),
            )
        )
    return results


@dataclass
class CategoryProgress:
    """How much of the credit a learner earned on one question category."""

    category: str
    earned: float
    possible: int

    @property
    def percent(self) -> int:
        return round(100 * self.earned / self.possible) if self.possible else 0


def category_progress(learner: User) -> list[CategoryProgress]:
    """The learner's graded answers summed by question category, in one query.

    Categories come in the order they were created, which is the order instructors
    built the bank in (chapter II before chapter IX, unlike an alphabetical sort).
    """
    totals: dict[tuple[int, str], list[float]] = {}
    graded = Response.objects.filter(
        attempt__learner=learner,
        attempt__status=Attempt.Status.SUBMITTED,
        score__isnull=False,
    ).values_list("question__category_id", "question__category__name", "score")
    for category_id, name, value in graded:
        totals.setdefault((category_id, name), []).append(value)
    return [
        CategoryProgress(name, sum(scores), len(scores))
        for (_id, name), scores in sorted(totals.items())
    ]
