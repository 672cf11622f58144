"""Instructor reports in the admin: each quiz's results and item analysis, with CSV."""

import csv

from django import forms
from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.auth import permission_required

from core.routers import read_from_replica
from quizzes.bank import import_gift
from quizzes.gift import parse_gift
from quizzes.models import Attempt, QuizPage
from quizzes.reports import quiz_report, report_rows

REPORT_PERMISSION = "quizzes.view_response"


@permission_required(REPORT_PERMISSION)
@read_from_replica
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
@read_from_replica
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


class GiftImportForm(forms.Form):
    """A GIFT file or pasted GIFT text, and the category for questions without one."""

    gift_file = forms.FileField(
        label=gettext_lazy("GIFT file"),
        required=False,
        help_text=gettext_lazy("A .txt file in Moodle's GIFT format, UTF-8."),
    )
    gift_text = forms.CharField(
        label=gettext_lazy("GIFT text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        help_text=gettext_lazy(
            "Or paste the questions here. Each question needs an [articles: …] tag, "
            "e.g. [articles: 25]."
        ),
    )
    category = forms.CharField(
        label=gettext_lazy("Category"),
        max_length=120,
        initial=gettext_lazy("Imported questions"),
        help_text=gettext_lazy(
            "Used for questions the file does not put in a $CATEGORY."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("gift_file")
        if upload:
            try:
                cleaned_data["gift_text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    gettext_lazy(
                        "The file is not UTF-8 text. Save it as UTF-8 and try again."
                    )
                ) from None
        if not cleaned_data.get("gift_text", "").strip():
            raise forms.ValidationError(
                gettext_lazy("Choose a file or paste some questions.")
            )
        return cleaned_data


@permission_required("quizzes.add_question")
def import_questions(request: HttpRequest) -> HttpResponse:
    """Preview a GIFT file line by line; import only when every question is valid."""
    form = GiftImportForm(request.POST or None, request.FILES or None)
    parsed = None
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["gift_text"]
        parsed = parse_gift(text)
        form = GiftImportForm(
            initial={"gift_text": text, "category": form.cleaned_data["category"]}
        )
        if parsed.ok and "import" in request.POST:
            created = import_gift(parsed, form.initial["category"])
            messages.success(
                request,
                ngettext(
                    "%(count)d question imported.",
                    "%(count)d questions imported.",
                    len(created),
                )
                % {"count": len(created)},
            )
            return redirect("wagtailsnippets_quizzes_question:list")
    return render(
        request, "quizzes/admin/import_questions.html", {"form": form, "parsed": parsed}
    )
