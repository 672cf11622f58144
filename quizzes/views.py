"""Taking a quiz: start or resume, save answers as given, submit, see the result."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.articles import articles_url
from courses.outline import course_for
from quizzes.attempts import (
    check_answer,
    questions_of,
    save_answers,
    start_attempt,
    submit_attempt,
)
from quizzes.eligibility import ineligibility
from quizzes.errors import QuizError
from quizzes.feedback import correct_answers_visible, feedback_visible
from quizzes.models import Attempt, Question, QuizPage
from quizzes.next_steps import next_steps


def refuse(request: HttpRequest, message: str, back_url: str) -> HttpResponse:
    """A clear refusal with a way back, as a 4xx page (or JSON for autosave)."""
    if request.headers.get("X-Requested-With") == "fetch":
        return JsonResponse({"error": message}, status=HTTPStatus.CONFLICT)
    return render(
        request,
        "quizzes/refused.html",
        {"message": message, "back_url": back_url},
        status=HTTPStatus.CONFLICT,
    )


def own_attempt(request: HttpRequest, attempt_id: int) -> Attempt:
    """The attempt if it belongs to the signed-in trainee; 404 otherwise, so that
    nobody can learn whether someone else's attempt exists."""
    attempt = get_object_or_404(
        Attempt.objects.select_related("quiz"), pk=attempt_id, quiz__isnull=False
    )
    if attempt.learner_id != request.user.pk:
        raise Http404(_("No such attempt."))
    return attempt


def answers_from(attempt: Attempt, data) -> dict[int, dict]:
    """The answers in a submitted form: field q<id> per question, whose values are
    the attempt's keys for the options chosen, or the text given."""
    answers = {}
    for question_id in attempt.question_ids:
        field = f"q{question_id}"
        if field not in data and f"{field}-present" not in data:
            continue
        keys = {
            attempt.option_keys.get(str(pk)): pk
            for pk in attempt.option_order.get(str(question_id), [])
        }
        values = data.getlist(field)
        options = [keys[value] for value in values if value in keys]
        text = "" if options else (values[0] if values else "")
        answers[question_id] = {"options": options, "text": text}
    return answers


@require_POST
def start(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = QuizPage.objects.live().public().filter(pk=quiz_id).first()
    if quiz is None:
        raise Http404(_("This quiz is not published."))
    if not request.user.is_authenticated:
        return redirect_to_login(quiz.url)
    ineligible = ineligibility(request.user, quiz)
    if ineligible is not None:
        return refuse(request, ineligible.message, quiz.url)
    try:
        attempt = start_attempt(request.user, quiz)
    except QuizError as refusal:
        return refuse(request, refusal.message, quiz.url)
    return redirect("quizzes:attempt", attempt.pk)


@login_required
def attempt_page(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = own_attempt(request, attempt_id)
    if not attempt.is_open():
        if attempt.status == Attempt.Status.IN_PROGRESS:
            submit_attempt(attempt)
        return redirect("quizzes:result", attempt.pk)
    questions = questions_of(attempt)
    return render(
        request,
        "quizzes/attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "page": attempt.quiz,
            "questions": questions,
            "answered": sum(1 for item in questions if item.answered),
            "types": Question.Type,
            "reveal": correct_answers_visible(attempt),
            "articles_url": articles_url(course_for(attempt.quiz)),
        },
    )


@require_POST
@login_required
def save(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = own_attempt(request, attempt_id)
    try:
        saved = save_answers(attempt, request.user, answers_from(attempt, request.POST))
        if request.POST.get("check", "").isdigit():
            check_answer(attempt, request.user, int(request.POST["check"]))
            return redirect(
                reverse("quizzes:attempt", args=[attempt.pk])
                + f"#question-{request.POST['check']}"
            )
    except QuizError as refusal:
        return refuse(request, refusal.message, attempt.quiz.url)
    if request.headers.get("X-Requested-With") == "fetch":
        return JsonResponse({"saved": saved})
    messages.success(request, _("Your answers are saved. You can come back later."))
    return redirect("quizzes:attempt", attempt.pk)


@require_POST
@login_required
def submit(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = own_attempt(request, attempt_id)
    if attempt.status == Attempt.Status.SUBMITTED:
        return redirect("quizzes:result", attempt.pk)
    try:
        save_answers(attempt, request.user, answers_from(attempt, request.POST))
    except QuizError as refusal:
        if attempt.learner_id != request.user.pk:
            return refuse(request, refusal.message, attempt.quiz.url)
    if attempt.is_open() and "confirmed" not in request.POST:
        questions = questions_of(attempt)
        unanswered = [
            (number, item.question.pk)
            for number, item in enumerate(questions, 1)
            if not item.answered and not item.checked
        ]
        if unanswered:
            return render(
                request,
                "quizzes/confirm_submit.html",
                {
                    "attempt": attempt,
                    "quiz": attempt.quiz,
                    "unanswered": unanswered,
                    "total": len(questions),
                },
            )
    submit_attempt(attempt)
    return redirect("quizzes:result", attempt.pk)


@login_required
def result(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = own_attempt(request, attempt_id)
    if attempt.status != Attempt.Status.SUBMITTED:
        return redirect("quizzes:attempt", attempt.pk)
    return render(
        request,
        "quizzes/result.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "page": attempt.quiz,
            "questions": questions_of(attempt),
            "show_feedback": feedback_visible(attempt),
            "reveal": correct_answers_visible(attempt),
            "types": Question.Type,
            "quiz_url": attempt.quiz.url,
            "start_url": reverse("quizzes:start", args=[attempt.quiz.pk]),
            "next_steps": next_steps(request.user, attempt)
            if not attempt.awaiting_marking
            else [],
            "articles_url": articles_url(course_for(attempt.quiz)),
        },
    )
