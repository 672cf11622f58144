"""The manager's dashboard, a trainee's page and a cohort's mastery by article.

Plain pages for managers who are not technical: every figure comes from
`partners.reports`, and the organisation from the URL through `manager_view`, so an
id belonging to another organisation gives a 404.
"""

from collections import defaultdict

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from core.routers import read_from_replica
from courses.models import CoursePage
from partners import reports
from partners.access import manager_view, trainees_of
from partners.charts import bar_chart
from partners.filters import FilterForm, Filters
from partners.models import Organisation

TRAINEES_PER_PAGE = 50


def chosen_course(
    courses: list[CoursePage], course_id: str | None
) -> CoursePage | None:
    """The course whose funnel is shown: the one asked for, else the first."""
    return next(
        (course for course in courses if str(course.pk) == course_id),
        courses[0] if courses else None,
    )


def cohort_names(rows: list[reports.TraineeRow]) -> list[str]:
    """The cohorts of a trainee's rows, each once, in order."""
    return list(dict.fromkeys(name for row in rows for name in row.cohorts))


@manager_view
@read_from_replica
def dashboard(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """Summary per cohort and course, completion and funnel charts, and the trainee
    table, all under the filters in the query string."""
    form = FilterForm(organisation, request.GET)
    form.is_valid()  # an invalid field shows its error and filters nothing
    report = reports.OrganisationReport(organisation, form.filters)
    summary = report.summary()
    courses = list({row.course.pk: row.course for row in summary}.values())
    funnel_course = chosen_course(courses, request.GET.get("course"))
    funnel = report.module_funnel(funnel_course) if funnel_course else []
    page = Paginator(report.trainees(), TRAINEES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = defaultdict(list)
    for row in report.rows(list(page)):
        rows[row.user.pk].append(row)
    titles = {course.title for course in courses} | {
        row.course_title for user_rows in rows.values() for row in user_rows
    }
    # With one course, as most organisations have, its title is said once above the
    # tables instead of filling a column on a phone.
    single_course = courses[0] if len(courses) == 1 and len(titles) == 1 else None
    return render(
        request,
        "partners/dashboard.html",
        {
            "organisation": organisation,
            "section": "dashboard",
            "form": form,
            "filtered": form.filters != Filters(),
            "summary": summary,
            "completion_chart": bar_chart(
                "completion",
                _("Share of enrolled trainees who completed the course"),
                (
                    (
                        row.cohort.name
                        if single_course
                        else f"{row.cohort.name} · {row.course.title}",
                        row.completed,
                        row.enrolled,
                    )
                    for row in summary
                ),
            ),
            "courses": courses,
            "single_course": single_course,
            "funnel_course": funnel_course,
            "funnel": funnel,
            "funnel_chart": bar_chart(
                "funnel",
                _("Enrolled trainees who completed each module"),
                ((step.module.title, step.completed, step.enrolled) for step in funnel),
            ),
            "page": page,
            "trainees": [
                (user, rows[user.pk], cohort_names(rows[user.pk])) for user in page
            ],
        },
    )


@manager_view
@read_from_replica
def trainee(
    request: HttpRequest, organisation: Organisation, user_id: int
) -> HttpResponse:
    """One trainee's progress per module, quiz results and certificates."""
    person = get_object_or_404(trainees_of(organisation), pk=user_id)
    return render(
        request,
        "partners/trainee.html",
        {
            "organisation": organisation,
            "section": "dashboard",
            "detail": reports.trainee_detail(organisation, person),
        },
    )


@manager_view
@read_from_replica
def mastery(
    request: HttpRequest, organisation: Organisation, cohort_id: int
) -> HttpResponse:
    """Which chapters and articles of the Convention a cohort answers well."""
    cohort = get_object_or_404(
        organisation.cohorts.prefetch_related("courses"), pk=cohort_id
    )
    chapters = reports.mastery(cohort)
    return render(
        request,
        "partners/mastery.html",
        {
            "organisation": organisation,
            "section": "mastery",
            "cohort": cohort,
            "cohorts": organisation.cohorts.all(),
            "chapters": chapters,
            "weak_articles": [
                article
                for chapter in chapters
                for article in chapter.articles
                if article.weak
            ],
            "weak_below": reports.WEAK_BELOW,
        },
    )
