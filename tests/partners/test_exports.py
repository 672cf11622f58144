"""Managers download the trainee table, the summary and the donor report as CSV or
XLSX, and a cohort's certificates as a ZIP; every download is logged first."""

import csv
import io
import tempfile
import tracemalloc
import zipfile
from datetime import timedelta
from http import HTTPStatus

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from django_countries import countries

from accounts.models import User
from certificates import services as certificate_services
from certificates.models import Certificate
from partners import exports, reports
from partners.filters import Filters
from partners.models import Cohort, ExportRecord, Organisation
from partners.reports import TraineeRow
from tests.factories.courses import CoursePageFactory
from tests.factories.learning import finish_course
from tests.factories.partners import CohortFactory
from tests.partners import scenario as build_scenario
from tests.partners.scenario import FORMULA_NAME

XLSX_TYPE = exports.FILE_FORMATS["xlsx"].content_type


@pytest.fixture
def scenario(db) -> build_scenario.Scenario:
    return build_scenario.build()


@pytest.fixture
def manager_client(client, scenario):
    client.force_login(scenario.manager_a)
    return client


def export_url(scenario, report: str, file_format: str) -> str:
    return reverse(
        "partners:export", args=[scenario.organisation_a.pk, report, file_format]
    )


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.reader(io.StringIO(body[1:])))


def read_xlsx(response) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def by_email(rows: list[list[str]]) -> dict[str, list[str]]:
    email = rows[0].index("E-mail")
    return {row[email]: row for row in rows[1:]}


def test_trainee_csv_has_one_row_per_trainee_and_course(manager_client, scenario):
    response = manager_client.get(export_url(scenario, "trainees", "csv"))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "alpha-police-academy-trainees-" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == [
        "Name",
        "E-mail",
        "Country",
        "Agency",
        "Job role",
        "Cohorts",
        "Course",
        "Enrolled",
        "Progress (%)",
        "Completed",
        "Average score (%)",
        "Certificate",
        "Overdue",
    ]
    table = by_email(rows)
    assert set(table) == {
        "amina@alpha.example",
        "bao@alpha.example",
        "formula@alpha.example",
    }
    certificate = Certificate.objects.get(learner=scenario.amina)
    today = timezone.localdate().isoformat()
    assert table["amina@alpha.example"] == [
        "أمينة كامل",
        "amina@alpha.example",
        "Kenya",
        "National Police Service",
        "Investigator or police officer",
        "Alpha 2026",
        "Cybercrime basics",
        today,
        "100",
        today,
        "",
        certificate.code,
        "No",
    ]
    assert table["bao@alpha.example"][:3] == [
        "Nguyễn Văn Bảo",
        "bao@alpha.example",
        countries.name("VN"),
    ]
    assert table["bao@alpha.example"][8:12] == ["0", "", "", ""]


def test_csv_cells_cannot_run_as_formulas(manager_client, scenario):
    rows = read_csv(manager_client.get(export_url(scenario, "trainees", "csv")))

    assert by_email(rows)["formula@alpha.example"][0] == f"'{FORMULA_NAME}"


def test_csv_cell_escapes_every_formula_start():
    for start in "=+-@":
        assert exports.csv_cell(f"{start}1+1") == f"'{start}1+1"
    assert exports.csv_cell("Amina") == "Amina"
    assert exports.csv_cell(-3) == "-3"


def test_exports_honour_the_dashboard_filters(manager_client, scenario):
    response = manager_client.get(
        export_url(scenario, "trainees", "csv"), {"country": "VN"}
    )

    assert set(by_email(read_csv(response))) == {"bao@alpha.example"}
    record = ExportRecord.objects.get()
    assert record.filters["country"] == "VN"


def test_an_invalid_filter_gives_the_exports_page_with_the_error(
    manager_client, scenario
):
    response = manager_client.get(
        export_url(scenario, "trainees", "csv"), {"cohort": scenario.cohort_b.pk}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert b"Select a valid choice" in response.content
    assert b"zeynep" not in response.content.lower()
    assert not ExportRecord.objects.exists()


@pytest.mark.parametrize(
    ("report", "file_format"),
    [("trainees", "pdf"), ("everyone", "csv"), ("donor", "xlsx.csv")],
)
def test_unknown_reports_and_formats_are_not_found(
    manager_client, scenario, report, file_format
):
    url = f"/partners/{scenario.organisation_a.pk}/export/{report}.{file_format}"

    assert manager_client.get(url).status_code == HTTPStatus.NOT_FOUND
    assert not ExportRecord.objects.exists()


def test_trainee_xlsx_opens_in_a_spreadsheet(manager_client, scenario):
    response = manager_client.get(export_url(scenario, "trainees", "xlsx"))

    assert response.status_code == HTTPStatus.OK
    assert response.streaming
    assert response["Content-Type"] == XLSX_TYPE
    assert ".xlsx" in response["Content-Disposition"]
    sheet = read_xlsx(response)["Trainees"]
    rows = list(sheet.values)
    assert rows[0][:2] == ("Name", "E-mail")
    amina = next(row for row in rows if row[1] == "amina@alpha.example")
    assert amina[0] == "أمينة كامل"
    assert amina[7].date() == timezone.localdate()  # a real date cell
    assert amina[8] == 100  # a real number
    formula = next(row for row in rows if row[1] == "formula@alpha.example")
    assert formula[0] == FORMULA_NAME  # stored as text, not as a formula
    assert sheet.cell(row=rows.index(formula) + 1, column=1).data_type == "s"


def test_summary_csv_and_xlsx(manager_client, scenario):
    rows = read_csv(manager_client.get(export_url(scenario, "summary", "csv")))
    workbook = read_xlsx(manager_client.get(export_url(scenario, "summary", "xlsx")))

    assert rows == [
        [
            "Cohort",
            "Course",
            "Members",
            "Enrolled",
            "Started",
            "Completed",
            "Completion (%)",
            "Average score (%)",
            "Overdue",
        ],
        ["Alpha 2026", "Cybercrime basics", "3", "3", "1", "1", "33", "", "0"],
    ]
    assert list(workbook["Summary"].values)[1] == (
        "Alpha 2026",
        "Cybercrime basics",
        3,
        3,
        1,
        1,
        33,
        None,
        0,
    )


def donor_numbers(tables: list[exports.DonorTable]) -> dict[str, dict]:
    return {
        table.dimension: {
            line.group: (line.trained, line.certified)
            for line in [*table.lines, table.total]
        }
        for table in tables
    }


def test_donor_report_counts_people_trained_and_certified(scenario):
    numbers = donor_numbers(exports.donor_tables(scenario.organisation_a, Filters()))

    assert numbers["Country"] == {
        "Kenya": (1, 1),
        countries.name("VN"): (1, 0),
        "Not given": (1, 0),
        "Total": (3, 1),
    }
    assert numbers["Agency"] == {
        "Cybercrime Unit": (1, 0),
        "National Police Service": (1, 1),
        "Not given": (1, 0),
        "Total": (3, 1),
    }
    assert numbers["Job role"]["Investigator or police officer"] == (1, 1)
    assert numbers["Job role"]["Prosecutor"] == (1, 0)
    assert numbers["Job role"]["Judge"] == (0, 0)
    assert numbers["Job role"]["Not given"] == (1, 0)
    assert numbers["Gender"] == {
        "Woman": (1, 1),
        "Man": (1, 0),
        "Another gender": (0, 0),
        "Prefer not to say": (0, 0),
        "Not given": (1, 0),
        "Total": (3, 1),
    }


def test_donor_report_counts_each_person_once_and_only_cohort_courses(scenario):
    catalogue = scenario.course.get_parent().specific
    second = CoursePageFactory(parent=catalogue, modules=1, title="Second course")
    scenario.cohort_a.courses.add(second)
    finish_course(scenario.amina, second)
    outside = CoursePageFactory(parent=catalogue, modules=1, title="On his own")
    finish_course(scenario.bao, outside)

    numbers = donor_numbers(exports.donor_tables(scenario.organisation_a, Filters()))

    assert numbers["Gender"] == {
        "Woman": (1, 1),
        "Man": (1, 0),
        "Another gender": (0, 0),
        "Prefer not to say": (0, 0),
        "Not given": (1, 0),
        "Total": (3, 1),
    }


def test_revoked_certificates_are_not_counted(scenario):
    certificate = Certificate.objects.get(learner=scenario.amina)
    certificate_services.revoke(certificate, "Wrong name", scenario.staff)

    numbers = donor_numbers(exports.donor_tables(scenario.organisation_a, Filters()))

    assert numbers["Country"]["Kenya"] == (1, 0)
    assert numbers["Country"]["Total"] == (3, 0)


def test_donor_report_has_no_names_and_one_sheet_per_dimension(
    manager_client, scenario
):
    rows = read_csv(manager_client.get(export_url(scenario, "donor", "csv")))
    workbook = read_xlsx(manager_client.get(export_url(scenario, "donor", "xlsx")))

    assert rows[0] == ["Dimension", "Group", "Trained", "Certified"]
    assert ["Gender", "Not given", "1", "0"] in rows
    assert ["Country", "Total", "3", "1"] in rows
    assert workbook.sheetnames == ["Country", "Agency", "Job role", "Gender"]
    assert list(workbook["Gender"].values)[-1] == ("Total", 3, 1)
    text = str(rows) + str([list(sheet.values) for sheet in workbook])
    for person in (scenario.amina, scenario.bao):
        assert person.email not in text
        assert person.certificate_name not in text


def test_pseudonymous_trainee_table_has_stable_ids_and_no_names(
    manager_client, scenario
):
    url = export_url(scenario, "trainees", "csv")
    first = read_csv(manager_client.get(url, {"pseudonymous": "1"}))
    second = read_csv(manager_client.get(url, {"pseudonymous": "1"}))
    workbook = read_xlsx(
        manager_client.get(
            export_url(scenario, "trainees", "xlsx"), {"pseudonymous": "1"}
        )
    )

    assert first == second
    assert first[0][0] == "Pseudonymous ID"
    assert "E-mail" not in first[0]
    assert first[0][-2] == "Certified"
    ids = [row[0] for row in first[1:]]
    assert len(set(ids)) == 3
    assert all(pid.startswith("P-") and len(pid) == 14 for pid in ids)
    assert exports.pseudonym(scenario.organisation_a, scenario.amina) in ids
    assert {row[0] for row in list(workbook["Trainees"].values)[1:]} == set(ids)
    text = str(first) + str(list(workbook["Trainees"].values))
    certificate = Certificate.objects.get(learner=scenario.amina)
    for person in (scenario.amina, scenario.bao):
        for secret in (person.email, person.certificate_name, person.last_name):
            assert secret not in text
    assert certificate.code not in text  # the verification page shows the name
    assert ExportRecord.objects.filter(pseudonymous=True).count() == 3


def test_pseudonyms_differ_between_organisations(scenario):
    person = scenario.amina

    assert exports.pseudonym(scenario.organisation_a, person) != exports.pseudonym(
        scenario.organisation_b, person
    )
    assert exports.pseudonym(scenario.organisation_a, person) != exports.pseudonym(
        scenario.organisation_a, scenario.bao
    )


def test_every_export_is_recorded_before_it_streams(manager_client, scenario):
    response = manager_client.get(
        export_url(scenario, "summary", "xlsx"),
        {"cohort": scenario.cohort_a.pk, "job_role": "prosecutor"},
    )

    record = ExportRecord.objects.get()  # before a byte of the body was read
    assert response.streaming
    assert record.organisation == scenario.organisation_a
    assert record.by == scenario.manager_a
    assert record.what == "summary"
    assert record.file_format == "xlsx"
    assert record.filters == {
        "cohort": "Alpha 2026",
        "country": "",
        "job_role": "prosecutor",
        "enrolled_from": "",
        "enrolled_to": "",
    }
    assert record.pseudonymous is False
    assert timezone.now() - record.at < timedelta(minutes=1)


def fake_rows(count: int, produced: list[int] | None = None):
    """`count` rows of one unsaved trainee, noting in `produced` how many were made."""
    user = User(pk=1, email="many@example.org", certificate_name="Many")
    for number in range(count):
        if produced is not None:
            produced.append(number)
        yield TraineeRow(
            user=user,
            cohorts=["Big cohort"],
            course_title="Cybercrime basics",
            enrolled_at=timezone.now(),
            progress_percent=number % 100,
            completed_at=None,
            average_score=None,
            certificate_code="",
            overdue=False,
        )


def test_csv_is_produced_lazily_row_by_row(manager_client, scenario, monkeypatch):
    produced: list[int] = []
    monkeypatch.setattr(
        reports, "trainee_rows", lambda *args: fake_rows(100_000, produced)
    )

    response = manager_client.get(export_url(scenario, "trainees", "csv"))
    chunks = iter(response.streaming_content)
    header, first_row = next(chunks), next(chunks)

    assert response.streaming
    assert b"Name" in header
    assert b"many@example.org" in first_row
    assert len(produced) == 1  # the other 99 999 rows are not built yet


def test_xlsx_memory_stays_flat_as_rows_grow(monkeypatch):
    organisation = Organisation(pk=1, name="Big")

    def peak_memory(count: int) -> int:
        monkeypatch.setattr(reports, "trainee_rows", lambda *args: fake_rows(count))
        tracemalloc.start()
        with tempfile.TemporaryFile() as target:
            exports.write_xlsx(exports.trainee_report(organisation, Filters()), target)
            assert target.tell() > 0
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak

    small, large = peak_memory(200), peak_memory(5_000)

    assert large < 2 * small  # 25 times the rows, not 25 times the memory


def test_the_exports_page_carries_the_filters_and_explains_the_log(
    manager_client, scenario
):
    response = manager_client.get(
        reverse("partners:exports", args=[scenario.organisation_a.pk]),
        {"country": "VN", "pseudonymous": "1"},
    )

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert '<option value="VN" selected>' in html
    assert 'name="pseudonymous" value="1" id="pseudonymous" checked' in html
    for report in exports.REPORTS:
        for file_format in exports.FILE_FORMATS:
            assert f'formaction="{export_url(scenario, report, file_format)}"' in html
    assert "Every download is logged" in html
    assert certificates_url(scenario.organisation_a, scenario.cohort_a) in html


def read_zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def certificates_url(organisation: Organisation, cohort: Cohort) -> str:
    return reverse("partners:cohort_certificates", args=[organisation.pk, cohort.pk])


def test_cohort_certificates_come_as_one_zip(manager_client, scenario):
    response = manager_client.get(
        certificates_url(scenario.organisation_a, scenario.cohort_a)
    )

    assert response.status_code == HTTPStatus.OK
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    assert "certificates-alpha-2026.zip" in response["Content-Disposition"]
    certificate = Certificate.objects.get(learner=scenario.amina)
    assert read_zip(response).namelist() == [f"أمينة-كامل-{certificate.code}.pdf"]
    record = ExportRecord.objects.get()
    assert (record.what, record.file_format, record.by) == (
        "certificates",
        "zip",
        scenario.manager_a,
    )
    assert record.filters["cohort"] == "Alpha 2026"


def test_another_organisations_cohort_is_not_found(manager_client, scenario):
    response = manager_client.get(
        certificates_url(scenario.organisation_a, scenario.cohort_b)
    )

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not ExportRecord.objects.exists()


def test_a_cohort_without_certificates_says_so(manager_client, scenario):
    empty = CohortFactory(
        organisation=scenario.organisation_a,
        name="Empty cohort",
        courses=[scenario.course],
    )

    response = manager_client.get(certificates_url(scenario.organisation_a, empty))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "holds a certificate" in response.content.decode()
    assert not ExportRecord.objects.exists()
