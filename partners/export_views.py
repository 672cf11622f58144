"""Managers' downloads: the exports page, the report files and a cohort's certificates.

Every download is written to the export log (`ExportRecord`) before its first byte is
sent. The organisation comes from `manager_view`, and every query starts from it, so
no id typed into a URL reaches another organisation's people.
"""

import tempfile
from http import HTTPStatus

from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from certificates.archive import certificates_zip
from core.routers import read_from_replica
from partners import exports
from partners.access import manager_view
from partners.filters import FilterForm, Filters
from partners.models import ExportRecord, Organisation


def render_exports_page(
    request: HttpRequest,
    organisation: Organisation,
    form: FilterForm,
    status: HTTPStatus,
) -> HttpResponse:
    return render(
        request,
        "partners/exports.html",
        {
            "organisation": organisation,
            "form": form,
            "cohorts": organisation.cohorts.all(),
            "section": "exports",
            "file_formats": [
                (key, file_format.label)
                for key, file_format in exports.FILE_FORMATS.items()
            ],
        },
        status=status,
    )


@manager_view
def exports_page(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """The downloads on offer, with the dashboard's filters carried over."""
    form = FilterForm(organisation, request.GET)
    form.is_valid()
    return render_exports_page(request, organisation, form, status=HTTPStatus.OK)


def record_export(
    request: HttpRequest,
    organisation: Organisation,
    what: str,
    file_format: str,
    filters: Filters,
    pseudonymous: bool = False,
) -> ExportRecord:
    """Write one download to the export log that staff read in the admin."""
    return ExportRecord.objects.create(
        organisation=organisation,
        by=request.user,
        what=what,
        file_format=file_format,
        filters=filters.as_record(),
        pseudonymous=pseudonymous,
    )


def attach(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@manager_view
@read_from_replica
def export(
    request: HttpRequest, organisation: Organisation, report: str, file_format: str
) -> HttpResponse:
    """One report as CSV (streamed row by row) or XLSX (built in a temporary file,
    then streamed), filtered as the dashboard is."""
    if report not in exports.REPORTS or file_format not in exports.FILE_FORMATS:
        raise Http404("No such export.")
    form = FilterForm(organisation, request.GET)
    if not form.is_valid():
        return render_exports_page(
            request, organisation, form, status=HTTPStatus.BAD_REQUEST
        )
    pseudonymous = report == "trainees" and request.GET.get("pseudonymous") == "1"
    built = exports.build_report(
        report, organisation, form.filters, pseudonymous=pseudonymous
    )
    record_export(
        request, organisation, report, file_format, form.filters, pseudonymous
    )
    filename = built.filename(organisation, file_format)
    if file_format == "csv":
        return attach(
            StreamingHttpResponse(
                exports.csv_chunks(built),
                content_type=exports.FILE_FORMATS["csv"].content_type,
            ),
            filename,
        )
    # Deleted when FileResponse closes it, after the last chunk is sent.
    workbook = tempfile.TemporaryFile()  # noqa: SIM115
    exports.write_xlsx(built, workbook)
    workbook.seek(0)
    return FileResponse(
        workbook,
        as_attachment=True,
        filename=filename,
        content_type=exports.FILE_FORMATS["xlsx"].content_type,
    )


@manager_view
@read_from_replica
def cohort_certificates(
    request: HttpRequest, organisation: Organisation, cohort_id: int
) -> HttpResponse:
    """The cohort's certificates as one ZIP of PDFs, streamed while they are drawn."""
    cohort = get_object_or_404(organisation.cohorts, pk=cohort_id)
    certificates = exports.cohort_certificates(cohort)
    if not certificates.exists():
        return render(
            request,
            "partners/no_certificates.html",
            {"organisation": organisation, "cohort": cohort, "section": "cohorts"},
            status=HTTPStatus.NOT_FOUND,
        )
    record_export(request, organisation, "certificates", "zip", Filters(cohort=cohort))
    return attach(
        StreamingHttpResponse(
            certificates_zip(certificates), content_type="application/zip"
        ),
        f"certificates-{slugify(cohort.name)[:60] or 'cohort'}.zip",
    )
