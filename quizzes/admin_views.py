"""Instructor reports in the admin: each quiz's results and item analysis, with CSV."""

import csv

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_required

from quizzes.models import Attempt, QuizPage
from quizzes.reports import quiz_report, report_rows

REPORT_PERMISSION = "quizzes.view_response"


@permission_required(REPORT_PERMISSION)
def report_index(request: HttpRequest) -> HttpResponse:
    """Every quiz with its number of submitted attempts."""
    counts = dict(
        Attempt.objects.filter(status=Attempt.Status.SUBMITTED)
        .values_list("quiz_key")
        .annotate(total=Count("pk"))
    )
    quizzes = [
        (quiz, counts.get(quiz.translation_key, 0))
        for quiz in QuizPage.objects.order_by("path")
    ]
    return render(request, "quizzes/admin/report_index.html", {"quizzes": quizzes})


@permission_required(REPORT_PERMISSION)
def report_detail(request: HttpRequest, quiz_id: int) -> HttpResponse:
    """One quiz's results and item analysis; `?format=csv` downloads the table."""
    quiz = get_object_or_404(QuizPage, pk=quiz_id)
    report = quiz_report(quiz)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"quiz-report-{slugify(quiz.title) or quiz.pk}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        csv.writer(response).writerows(report_rows(report))
        return response
    return render(
        request,
        "quizzes/admin/report_detail.html",
        {"quiz": quiz, "report": report, "page_title": _("Quiz report")},
    )
