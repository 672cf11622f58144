"""Taking a quiz: who may start an attempt, resuming it, saving answers as they are
given, checking one answer, submitting once, and what the quiz page shows.

Views, the admin, the seed and tests all call these functions. Which questions an
attempt gets is `quizzes.drawing`; how it is scored, `quizzes.grading`; which
attempt counts, `quizzes.results`.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from quizzes import grading
from quizzes.drawing import draw, option_keys, seen_questions
from quizzes.errors import QuizError
from quizzes.models import Accommodation, Attempt, Question, QuizPage, Response
from quizzes.results import attempts_of, has_passed


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

    @property
    def answered(self) -> bool:
        return bool(self.selected or self.text.strip())


def accommodation_for(learner: User, quiz: QuizPage) -> Accommodation:
    """The trainee's accommodation for this quiz (an empty one if none was granted)."""
    return Accommodation.objects.filter(
        learner=learner, quiz_key=quiz.translation_key
    ).first() or Accommodation(learner=learner, quiz=quiz)


def attempts_allowed(learner: User, quiz: QuizPage) -> int | None:
    """How many attempts `learner` may submit, with any extra ones granted; None
    when the quiz allows any number."""
    if not quiz.attempts_allowed:
        return None
    return quiz.attempts_allowed + accommodation_for(learner, quiz).extra_attempts


def attempts_left(learner: User, quiz: QuizPage) -> int | None:
    """How many more attempts `learner` may submit; None when there is no limit."""
    allowed = attempts_allowed(learner, quiz)
    if allowed is None:
        return None
    submitted = attempts_of(learner, quiz).filter(status=Attempt.Status.SUBMITTED)
    return max(0, allowed - submitted.count())


def start_refusal(learner: User, quiz: QuizPage, now=None) -> str | None:
    """Why `learner` may not start a new attempt now, or None if they may."""
    now = now or timezone.now()
    allowed = attempts_allowed(learner, quiz)
    submitted = attempts_of(learner, quiz).filter(status=Attempt.Status.SUBMITTED)
    if allowed is not None and submitted.count() >= allowed:
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
    earlier = attempts_of(learner, quiz).values_list("question_ids", flat=True)
    question_ids, option_order = draw(quiz, seen_questions(earlier))
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
        option_keys=option_keys(option_order),
    )


def questions_of(attempt: Attempt) -> list[AnsweredQuestion]:
    """The attempt's questions in their drawn order, options in their drawn order,
    each option carrying the attempt's random `key` for it (the form's value)."""
    if any(
        str(pk) not in attempt.option_keys
        for ids in attempt.option_order.values()
        for pk in ids
    ):
        # An attempt started before options had keys gets them on first view.
        attempt.option_keys = option_keys(attempt.option_order)
        attempt.save(update_fields=["option_keys"])
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
        for option in ordered:
            option.key = attempt.option_keys[str(option.pk)]
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
    grading.grade_attempt(attempt, answered + unanswered)
    return attempt


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
