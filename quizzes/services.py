"""Quiz rules: who may start an attempt, saving answers, grading once, feedback policy.

Views, the admin, the seed and tests all call these functions.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import Refusal
from courses import convention
from quizzes import grading
from quizzes.gift import GiftParseResult
from quizzes.models import (
    Accommodation,
    Attempt,
    Option,
    Question,
    QuestionCategory,
    QuizPage,
    Response,
)
from quizzes.signals import attempt_graded


class QuizError(Refusal):
    """A request the quiz rules refuse; `message` is shown to the trainee."""


@dataclass
class AnsweredQuestion:
    """A question of an attempt with the trainee's answer, for forms and results."""

    question: Question
    options: list
    response: Response | None

    @property
    def checked(self) -> bool:
        """Feedback was shown right away, so the answer is final."""
        return bool(self.response and self.response.checked_at)

    @property
    def checked_score(self) -> float | None:
        if not self.checked:
            return None
        return grading.score(self.question, list(self.selected), self.text)

    @property
    def selected(self) -> set[int]:
        return set(self.response.selected_option_ids) if self.response else set()

    @property
    def text(self) -> str:
        return self.response.text if self.response else ""


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


def accommodation_for(learner: User, quiz: QuizPage) -> Accommodation:
    """The trainee's accommodation for this quiz (an empty one if none was granted)."""
    return Accommodation.objects.filter(
        learner=learner, quiz_key=quiz.translation_key
    ).first() or Accommodation(learner=learner, quiz=quiz)


def start_refusal(learner: User, quiz: QuizPage, now=None) -> str | None:
    """Why `learner` may not start a new attempt now, or None if they may."""
    now = now or timezone.now()
    submitted = attempts_of(learner, quiz).filter(status=Attempt.Status.SUBMITTED)
    if quiz.attempts_allowed:
        allowed = (
            quiz.attempts_allowed + accommodation_for(learner, quiz).extra_attempts
        )
        if submitted.count() >= allowed:
            return _("You have used all %(count)s attempts at this quiz.") % {
                "count": allowed
            }
    last = submitted.order_by("-submitted_at").first()
    if last and last.passed is False and quiz.retake_wait_minutes:
        ready_at = last.submitted_at + timedelta(minutes=quiz.retake_wait_minutes)
        if now < ready_at:
            return _("You can try again after %(time)s.") % {
                "time": timezone.localtime(ready_at).strftime("%H:%M")
            }
    return None


# Which questions a trainee gets is fairness, not security: any generator will do.
DRAWS = random.Random()  # noqa: S311


def draw(quiz: QuizPage) -> tuple[list[int], dict[str, list[int]]]:
    """The questions of a new attempt, and the order of each question's options."""
    chosen = quiz.quiz_questions.select_related("question").prefetch_related(
        "question__options"
    )
    return draw_from(quiz, [item.question for item in chosen], DRAWS)


def draw_from(
    quiz: QuizPage, questions: list[Question], rng: random.Random
) -> tuple[list[int], dict[str, list[int]]]:
    """`draw` from the quiz's questions already loaded with their options, using
    `rng`: the scale seed (`demo.scale`) draws thousands of attempts from one
    load, repeatably."""
    if quiz.questions_to_draw and quiz.questions_to_draw < len(questions):
        questions = rng.sample(questions, quiz.questions_to_draw)
    else:
        questions = list(questions)
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    option_order = {}
    for question in questions:
        ids = [option.pk for option in question.options.all()]
        if quiz.shuffle_options:
            rng.shuffle(ids)
        option_order[str(question.pk)] = ids
    return [question.pk for question in questions], option_order


def start_attempt(learner: User, quiz: QuizPage) -> Attempt:
    """Resume the open attempt, or start a new one if the rules allow.

    The database allows one open attempt per learner and quiz, so simultaneous
    starts from two tabs end up in the same attempt.
    """
    try:
        with transaction.atomic():
            return _start_attempt(learner, quiz)
    except IntegrityError:
        open_attempt = (
            attempts_of(learner, quiz).filter(status=Attempt.Status.IN_PROGRESS).first()
        )
        if open_attempt is None:
            raise
        return open_attempt


def _start_attempt(learner: User, quiz: QuizPage) -> Attempt:
    now = timezone.now()
    open_attempt = (
        attempts_of(learner, quiz).filter(status=Attempt.Status.IN_PROGRESS).first()
    )
    if open_attempt is not None:
        if open_attempt.is_open(now):
            return open_attempt
        submit_attempt(open_attempt)
    refusal = start_refusal(learner, quiz, now)
    if refusal:
        raise QuizError(refusal)
    question_ids, option_order = draw(quiz)
    number = (
        Attempt.objects.filter(learner=learner, quiz_key=quiz.translation_key).count()
        + 1
    )
    deadline = None
    if quiz.time_limit_minutes:
        extra = accommodation_for(learner, quiz).extra_minutes
        deadline = now + timedelta(minutes=quiz.time_limit_minutes + extra)
    return Attempt.objects.create(
        learner=learner,
        quiz=quiz,
        quiz_key=quiz.translation_key,
        number=number,
        started_at=now,
        deadline=deadline,
        question_ids=question_ids,
        option_order=option_order,
    )


def questions_of(attempt: Attempt) -> list[AnsweredQuestion]:
    """The attempt's questions in their drawn order, options in their drawn order."""
    questions = {
        q.pk: q
        for q in Question.objects.filter(pk__in=attempt.question_ids).prefetch_related(
            "options"
        )
    }
    responses = {r.question_id: r for r in attempt.responses.all()}
    result = []
    for question_id in attempt.question_ids:
        question = questions.get(question_id)
        if question is None:
            continue
        options = {option.pk: option for option in question.options.all()}
        ordered = [
            options[pk]
            for pk in attempt.option_order.get(str(question_id), [])
            if pk in options
        ]
        result.append(AnsweredQuestion(question, ordered, responses.get(question_id)))
    return result


def check_open(attempt: Attempt, learner: User) -> None:
    if attempt.learner_id != learner.pk:
        raise QuizError(_("This attempt belongs to someone else."))
    if attempt.status != Attempt.Status.IN_PROGRESS:
        raise QuizError(_("This attempt has already been submitted."))
    if not attempt.is_open():
        raise QuizError(
            _("The time for this attempt is over; it is graded with the answers saved.")
        )


def save_answers(attempt: Attempt, learner: User, answers: dict[int, dict]) -> int:
    """Save the given answers {question id: {"options": [...], "text": "..."}}.

    Unknown questions and options are ignored. Returns how many answers were saved.
    All of them are written in one upsert, so an autosave costs the same few queries
    for a long quiz as for a short one.
    """
    check_open(attempt, learner)
    allowed = {int(k): set(v) for k, v in attempt.option_order.items()}
    final = set(
        attempt.responses.filter(checked_at__isnull=False).values_list(
            "question_id", flat=True
        )
    )
    now = timezone.now()
    rows = [
        Response(
            attempt=attempt,
            question_id=question_id,
            selected_option_ids=[
                pk for pk in answer.get("options", []) if pk in allowed[question_id]
            ],
            text=answer.get("text", "")[:5000],
            saved_at=now,
        )
        for question_id, answer in answers.items()
        if question_id in attempt.question_ids and question_id not in final
    ]
    Response.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["attempt", "question"],
        update_fields=["selected_option_ids", "text", "saved_at"],
    )
    return len(rows)


def check_answer(attempt: Attempt, learner: User, question_id: int) -> None:
    """Show feedback on one answer right away (quizzes whose policy allows it);
    the answer cannot be changed afterwards."""
    check_open(attempt, learner)
    if attempt.quiz.feedback_policy != QuizPage.FeedbackPolicy.IMMEDIATE:
        raise QuizError(_("This quiz shows feedback only at the end."))
    Response.objects.filter(
        attempt=attempt, question_id=question_id, checked_at__isnull=True
    ).update(checked_at=timezone.now())


@transaction.atomic
def submit_attempt(attempt: Attempt) -> Attempt:
    """Grade the attempt once; a second submission changes nothing."""
    now = timezone.now()
    closed = Attempt.objects.filter(
        pk=attempt.pk, status=Attempt.Status.IN_PROGRESS
    ).update(status=Attempt.Status.SUBMITTED, submitted_at=now)
    attempt.refresh_from_db()
    if not closed:
        return attempt
    answered, unanswered = [], []
    for item in questions_of(attempt):
        response = item.response or Response(attempt=attempt, question=item.question)
        response.score = grading.score(item.question, list(item.selected), item.text)
        (answered if response.pk else unanswered).append(response)
    Response.objects.bulk_update(answered, ["score"])
    Response.objects.bulk_create(unanswered)
    grade_attempt(attempt, answered + unanswered)
    return attempt


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


def quiz_overview(user: User, quiz: QuizPage) -> dict:
    """What the quiz page shows the current user."""
    if not user.is_authenticated:
        return {"attempts": [], "open_attempt": None, "refusal": None, "passed": False}
    attempts = list(attempts_of(user, quiz).order_by("number"))
    open_attempt = next(
        (a for a in attempts if a.status == Attempt.Status.IN_PROGRESS and a.is_open()),
        None,
    )
    return {
        "attempts": attempts,
        "open_attempt": open_attempt,
        "refusal": None if open_attempt else start_refusal(user, quiz),
        "passed": has_passed(user, quiz),
    }


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


def build_question(
    category: QuestionCategory,
    *,
    question_type: str,
    stem: str,
    articles: list[int],
    difficulty: str = Question.Difficulty.MEDIUM,
    explanation: str = "",
    options: list[tuple[str, bool, str]] = (),
    true_false_answer: bool | None = None,
    feedback_true: str = "",
    feedback_false: str = "",
    accepted_answers: list[str] = (),
) -> Question:
    """Create a validated bank question; options as (text, is_correct, feedback)."""
    question = Question(
        category=category,
        question_type=question_type,
        difficulty=difficulty,
        stem=stem,
        explanation=explanation,
        articles=convention.format_article_list(articles),
        true_false_answer=true_false_answer,
        feedback_true=feedback_true,
        feedback_false=feedback_false,
        accepted_answers="\n".join(accepted_answers),
    )
    # sort_order as given: only the admin's forms fill it in otherwise, and rows
    # that tie come back in any order on PostgreSQL.
    question.options = [
        Option(text=text, is_correct=is_correct, feedback=feedback, sort_order=order)
        for order, (text, is_correct, feedback) in enumerate(options)
    ]
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def import_gift(parsed: GiftParseResult, default_category: str) -> list[Question]:
    """Create every parsed question, or none: the caller imports only a clean file."""
    if not parsed.ok:
        raise QuizError(_("The file has errors; nothing was imported."))
    created = []
    for item in parsed.questions:
        category, _created = QuestionCategory.objects.get_or_create(
            name=(item.category or default_category)[:120]
        )
        created.append(
            build_question(
                category,
                question_type=item.question_type,
                stem=item.stem,
                articles=item.articles,
                difficulty=item.difficulty,
                explanation=item.explanation,
                options=[(o.text, o.is_correct, o.feedback) for o in item.options],
                true_false_answer=item.true_false_answer,
                feedback_true=item.feedback_true,
                feedback_false=item.feedback_false,
                accepted_answers=item.accepted_answers,
            )
        )
    return created


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
