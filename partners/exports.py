"""The partner exports: the trainee table, the summary and the donor report as files.

A report is a list of `Sheet`s, each a title, a header and rows of plain cells that
are produced lazily from `partners.reports`. One writer per file format turns any
report into a file: `csv_chunks` yields the CSV a row at a time (for a streaming
response) and `write_xlsx` writes XlsxWriter's constant-memory workbook into a file,
so 100 000 rows never sit in memory (docs/decisions/0005-partner-exports.md).
"""

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO, NamedTuple

import xlsxwriter
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from certificates.models import Certificate
from partners import reports
from partners.access import trainees_of
from partners.filters import Filters
from partners.models import Cohort, Organisation

Cell = str | int | Decimal | date | bool | None

REPORTS = ("trainees", "summary", "donor")


class FileFormat(NamedTuple):
    label: str
    content_type: str


FILE_FORMATS = {
    "csv": FileFormat("CSV", "text/csv; charset=utf-8"),
    "xlsx": FileFormat(
        gettext_lazy("Excel"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel's limits on sheet names.
SHEET_NAME_LENGTH = 31
SHEET_NAME_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")


@dataclass
class Sheet:
    """One table of a report: a sheet in XLSX, a block of rows in CSV."""

    title: str
    header: list[str]
    rows: Iterable[Sequence[Cell]]


@dataclass
class Report:
    """What one export contains, ready for any writer."""

    name: str
    sheets: list[Sheet]
    # The CSV heading of the column that names each row's sheet, when there are
    # several (the donor report's "dimension").
    sheet_column: str = ""

    def filename(self, organisation: Organisation, file_format: str) -> str:
        stem = slugify(organisation.name)[:60] or "organisation"
        return f"{stem}-{self.name}-{timezone.localdate().isoformat()}.{file_format}"


def pseudonym(organisation: Organisation, user: User) -> str:
    """A stable id for `user` in `organisation`'s exports that hides who they are.

    HMAC-SHA256 keyed with the SECRET_KEY: the same person has the same id in every
    export of one organisation, a different one in another organisation's, and the id
    cannot be turned back into the person without the key.
    """
    digest = salted_hmac(
        "partners.exports.pseudonym",
        f"{organisation.pk}:{user.pk}",
        algorithm="sha256",
    ).hexdigest()
    return f"P-{digest[:12]}"


def person_name(user: User) -> str:
    """The name a manager knows the trainee by: the one printed on certificates."""
    return user.certificate_name or user.get_full_name()


def local_date(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment else None


def trainee_report(
    organisation: Organisation, filters: Filters, *, pseudonymous: bool = False
) -> Report:
    """One row per trainee and course, as on the dashboard's trainee table.

    Pseudonymous: the name and e-mail address give way to `pseudonym`, and the
    certificate code (which names its holder on the public verification page) to
    whether there is one. Gender is never listed per person: it is asked only for
    the donor report's totals.
    """
    people = [_("Pseudonymous ID")] if pseudonymous else [_("Name"), _("E-mail")]
    header = [
        *people,
        _("Country"),
        _("Agency"),
        _("Job role"),
        _("Cohorts"),
        _("Course"),
        _("Enrolled"),
        _("Progress (%)"),
        _("Completed"),
        _("Average score (%)"),
        _("Certified") if pseudonymous else _("Certificate"),
        _("Overdue"),
    ]

    def rows() -> Iterator[list[Cell]]:
        for row in reports.trainee_rows(organisation, filters):
            user = row.user
            yield [
                *(
                    [pseudonym(organisation, user)]
                    if pseudonymous
                    else [person_name(user), user.email]
                ),
                user.country.name or "",
                user.agency,
                user.get_job_role_display(),
                "; ".join(row.cohorts),
                row.course_title,
                local_date(row.enrolled_at),
                row.progress_percent,
                local_date(row.completed_at),
                row.average_score,
                bool(row.certificate_code) if pseudonymous else row.certificate_code,
                row.overdue,
            ]

    return Report(
        name="trainees-pseudonymous" if pseudonymous else "trainees",
        sheets=[Sheet(_("Trainees"), header, rows())],
    )


def summary_report(organisation: Organisation, filters: Filters) -> Report:
    """One row per cohort and course, as on the dashboard's summary."""
    header = [
        _("Cohort"),
        _("Course"),
        _("Members"),
        _("Enrolled"),
        _("Started"),
        _("Completed"),
        _("Completion (%)"),
        _("Average score (%)"),
        _("Overdue"),
    ]
    rows = (
        [
            row.cohort.name,
            row.course.title,
            row.members,
            row.enrolled,
            row.started,
            row.completed,
            row.completion_percent,
            row.average_score,
            row.overdue,
        ]
        for row in reports.summary(organisation, filters)
    )
    return Report(name="summary", sheets=[Sheet(_("Summary"), header, rows)])


@dataclass(frozen=True)
class Dimension:
    """A way of dividing people for the donor report."""

    label: str
    group: Callable[[User], str]  # the person's group, "" when not given
    # Fixed groups, listed (with "Not given") even when nobody is in them.
    choices: Sequence[tuple[str, str]] = ()

    def fixed_groups(self) -> list[str]:
        return [str(label) for _value, label in self.choices]


DIMENSIONS = (
    Dimension(gettext_lazy("Country"), lambda user: user.country.name or ""),
    Dimension(gettext_lazy("Agency"), lambda user: " ".join(user.agency.split())),
    Dimension(
        gettext_lazy("Job role"),
        lambda user: user.get_job_role_display(),
        User.JobRole.choices,
    ),
    Dimension(
        gettext_lazy("Gender"),
        lambda user: user.get_gender_display(),
        User.Gender.choices,
    ),
)


@dataclass
class DonorLine:
    group: str
    trained: int
    certified: int


@dataclass
class DonorTable:
    """The people trained and certified, divided by one dimension, with the total."""

    dimension: str
    lines: list[DonorLine]
    total: DonorLine


def donor_tables(organisation: Organisation, filters: Filters) -> list[DonorTable]:
    """People trained and certified, by country, agency, job role and gender.

    Trained: enrolled in at least one course of their cohorts in the organisation;
    certified: holds an unrevoked certificate for one. Each person counts once per
    table however many courses they took. Built from the same rows as the trainee
    table, so the dashboard's filters mean the same here; only the ids of the people
    counted are kept, never the rows.
    """
    trained = [Counter() for _dimension in DIMENSIONS]
    certified = [Counter() for _dimension in DIMENSIONS]
    seen_trained: set[int] = set()
    seen_certified: set[int] = set()
    for row in reports.trainee_rows(organisation, filters):
        if not row.cohorts:  # a course taken on their own, outside any cohort
            continue
        for counts, seen, holds in (
            (trained, seen_trained, row.enrolled_at is not None),
            (certified, seen_certified, bool(row.certificate_code)),
        ):
            if holds and row.user.pk not in seen:
                seen.add(row.user.pk)
                for dimension, counter in zip(DIMENSIONS, counts, strict=True):
                    counter[dimension.group(row.user)] += 1
    tables = []
    for dimension, trained_by, certified_by in zip(
        DIMENSIONS, trained, certified, strict=True
    ):
        fixed = dimension.fixed_groups()
        others = sorted(
            (set(trained_by) | set(certified_by)) - {"", *fixed}, key=str.casefold
        )
        lines = [
            DonorLine(group, trained_by[group], certified_by[group])
            for group in [*fixed, *others]
        ]
        if dimension.choices or trained_by[""] or certified_by[""]:
            lines.append(DonorLine(_("Not given"), trained_by[""], certified_by[""]))
        total = DonorLine(_("Total"), len(seen_trained), len(seen_certified))
        tables.append(DonorTable(str(dimension.label), lines, total))
    return tables


def donor_report(organisation: Organisation, filters: Filters) -> Report:
    """The donor tables, without a name in sight: one sheet per dimension."""
    header = [_("Group"), _("Trained"), _("Certified")]
    return Report(
        name="donor-report",
        sheets=[
            Sheet(
                table.dimension,
                header,
                [
                    [line.group, line.trained, line.certified]
                    for line in [*table.lines, table.total]
                ],
            )
            for table in donor_tables(organisation, filters)
        ],
        sheet_column=_("Dimension"),
    )


def build_report(
    name: str, organisation: Organisation, filters: Filters, *, pseudonymous: bool
) -> Report:
    """The report called `name` (one of `REPORTS`); only the trainee table has names
    for `pseudonymous` to hide."""
    if name == "trainees":
        return trainee_report(organisation, filters, pseudonymous=pseudonymous)
    if name == "summary":
        return summary_report(organisation, filters)
    if name == "donor":
        return donor_report(organisation, filters)
    raise ValueError(name)


def plain(value: Cell) -> str:
    """A cell as text: dates in ISO form, yes/no for flags, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def csv_cell(value: Cell) -> str:
    """The cell as CSV text that no spreadsheet will run as a formula."""
    text = plain(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return f"'{text}"
    return text


class _Line:
    """A file-like object that returns what the CSV writer writes, to be yielded."""

    def write(self, text: str) -> str:
        return text


def csv_chunks(report: Report) -> Iterator[str]:
    """The report as CSV, one line at a time, starting with a byte-order mark so that
    Excel reads the file as UTF-8 (Arabic and Vietnamese names intact).

    Several sheets become one long table with the sheet's title in a first column.
    """
    writer = csv.writer(_Line())
    several = len(report.sheets) > 1
    header = report.sheets[0].header
    yield "\ufeff" + writer.writerow(
        [report.sheet_column, *header] if several else header
    )
    for sheet in report.sheets:
        for row in sheet.rows:
            cells = [csv_cell(value) for value in row]
            yield writer.writerow([csv_cell(sheet.title), *cells] if several else cells)


def sheet_name(title: str) -> str:
    return title.translate(SHEET_NAME_FORBIDDEN)[:SHEET_NAME_LENGTH] or "Sheet"


def write_xlsx(report: Report, target: IO[bytes]) -> None:
    """The report as an XLSX workbook written into `target`, one sheet per `Sheet`.

    Constant-memory mode flushes each row to a temporary file once the next one
    starts, so memory stays flat whatever the number of rows. Text is always
    written as text, never read as a formula or a link.
    """
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    heading = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for sheet in report.sheets:
        worksheet = workbook.add_worksheet(sheet_name(sheet.title))
        worksheet.write_row(0, 0, sheet.header, heading)
        worksheet.freeze_panes(1, 0)
        for row_number, row in enumerate(sheet.rows, start=1):
            for column, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, date):
                    worksheet.write_datetime(row_number, column, value, day)
                elif isinstance(value, int | Decimal) and not isinstance(value, bool):
                    worksheet.write_number(row_number, column, float(value))
                else:
                    worksheet.write_string(row_number, column, plain(value))
    workbook.close()


def cohort_certificates(cohort: Cohort) -> QuerySet[Certificate]:
    """The unrevoked certificates that the cohort's members (trainees of its
    organisation) hold for the cohort's courses."""
    return Certificate.objects.filter(
        learner__in=trainees_of(cohort.organisation).filter(cohorts=cohort),
        course_key__in=cohort.courses.values("translation_key"),
        revoked_at__isnull=True,
    ).order_by("name", "pk")
