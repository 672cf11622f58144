"""Read a list of trainees from a CSV file, ready for the partner import.

The import view calls `parse_roster` and offers to import only when the result is
`ok`. Like the GIFT reader (`quizzes.gift`), the parser never touches the database and
never raises on bad input: one pass lists every problem with its row number as a
spreadsheet shows it (the header is row 1), so a manager fixes them all at once.

Accepted: UTF-8 with or without the byte-order mark Excel writes; commas or
semicolons between cells (Excel uses semicolons where the comma is the decimal
separator); a header row naming the columns email, name, country and role in any
order and any case (other columns are ignored). A country is an ISO code or its
English name, a role is a job role's code or its English label.

Between the preview and the confirmation, the checked people travel back to the
server signed (`seal`, `unseal`), so the file is read once and cannot be altered.
"""

import csv
import io
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from accounts.models import User

MAX_MEGABYTES = 2
MAX_BYTES = MAX_MEGABYTES * 1024 * 1024
MAX_ROWS = 5000
COLUMNS = ("email", "name", "country", "role")
EXAMPLE = (
    "email,name,country,role\n"
    "amina.kariuki@example.org,Amina Kariuki,KE,investigator\n"
    "jean.mbeki@example.org,Jean Mbeki,Uganda,Prosecutor"
)
# The first and the last name are 150 characters at most each (Django's user model).
MAX_NAME_LENGTH = 150
MAX_EMAIL_LENGTH = 254
SEAL_SALT = "partners.roster"
SEAL_MAX_AGE_MINUTES = 30


class Person(NamedTuple):
    """One trainee to import, in the values the user model stores."""

    email: str
    name: str
    country: str
    job_role: str

    @property
    def first_name(self) -> str:
        return self.name.partition(" ")[0]

    @property
    def last_name(self) -> str:
        return self.name.partition(" ")[2]


@dataclass
class RosterRow:
    """A row of the file as understood: each value that could be read, and every
    problem found. `country` and `job_role` are empty when not understood; the
    `entered_*` fields keep what the file says, for the preview."""

    number: int
    email: str
    name: str
    country: str
    job_role: str
    entered_country: str
    entered_role: str
    problems: list[str] = field(default_factory=list)

    @property
    def country_label(self) -> str:
        return countries.name(self.country) if self.country else self.entered_country

    @property
    def job_role_label(self) -> str:
        if self.job_role:
            return User.JobRole(self.job_role).label
        return self.entered_role

    def person(self) -> Person:
        return Person(self.email, self.name, self.country, self.job_role)


@dataclass
class Roster:
    """Every row of a file, and the problems with the file as a whole (not a CSV
    file, no header, too large); import only when `ok`."""

    rows: list[RosterRow] = field(default_factory=list)
    file_problems: list[str] = field(default_factory=list)

    @property
    def problem_rows(self) -> list[RosterRow]:
        return [row for row in self.rows if row.problems]

    @property
    def ok(self) -> bool:
        """Safe to import: the file could be read, and every row is right."""
        return not self.file_problems and bool(self.rows) and not self.problem_rows

    @property
    def people(self) -> list[Person]:
        return [row.person() for row in self.rows]


def parse_roster(data: bytes) -> Roster:
    """Read a CSV file of trainees and report every problem in it."""
    roster = Roster()
    if len(data) > MAX_BYTES:
        roster.file_problems.append(
            _(
                "The file is larger than %(megabytes)d MB. Split it into smaller "
                "files and upload them one by one."
            )
            % {"megabytes": MAX_MEGABYTES}
        )
        return roster
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        roster.file_problems.append(
            _(
                "The file is not in UTF-8. In Excel, use File › Save As and choose "
                "“CSV UTF-8 (Comma delimited)”."
            )
        )
        return roster
    header_line = text.partition("\n")[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [cell.strip().lower() for cell in next(reader, [])]
        missing = [column for column in COLUMNS if column not in header]
        if missing:
            roster.file_problems.append(
                _(
                    "The first row must name the columns email, name, country and "
                    "role. Missing: %(columns)s."
                )
                % {"columns": ", ".join(missing)}
            )
            return roster
        _read_rows(reader, header, roster)
    except csv.Error:
        roster.file_problems.append(
            _(
                "The file could not be read as CSV (near line %(line)d). Save it "
                "again as CSV from your spreadsheet."
            )
            % {"line": reader.line_num}
        )
    if not roster.rows and not roster.file_problems:
        roster.file_problems.append(_("The file has no trainees under the header row."))
    return roster


def _read_rows(reader, header: list[str], roster: Roster) -> None:
    """Check the rows under the header; stop with a file problem past MAX_ROWS."""
    position = {column: header.index(column) for column in COLUMNS}
    roles = _role_names()
    first_row_of = {}
    # Row 1 is the header, as in a spreadsheet.
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(roster.rows) == MAX_ROWS:
            roster.file_problems.append(
                ngettext(
                    "The file has more than %(count)d trainee. Split it into "
                    "smaller files and upload them one by one.",
                    "The file has more than %(count)d trainees. Split it into "
                    "smaller files and upload them one by one.",
                    MAX_ROWS,
                )
                % {"count": MAX_ROWS}
            )
            return
        values = {
            column: cells[index].strip() if index < len(cells) else ""
            for column, index in position.items()
        }
        row = _read_row(number, values, roles)
        if row.email in first_row_of:
            row.problems.append(
                _("The same e-mail address is on row %(row)d.")
                % {"row": first_row_of[row.email]}
            )
        elif row.email:
            first_row_of[row.email] = number
        roster.rows.append(row)


def _read_row(number: int, values: dict[str, str], roles: dict[str, str]) -> RosterRow:
    email = values["email"].lower()
    name = " ".join(values["name"].split())
    country = _country_code(values["country"])
    job_role = roles.get(values["role"].lower(), "")
    row = RosterRow(
        number=number,
        email=email,
        name=name,
        country=country,
        job_role=job_role,
        entered_country=values["country"],
        entered_role=values["role"],
    )
    if not email:
        row.problems.append(_("The e-mail address is missing."))
    elif not _is_email(email):
        row.problems.append(
            _("“%(email)s” is not a valid e-mail address.") % {"email": email}
        )
    if not name:
        row.problems.append(_("The name is missing."))
    elif len(name) > MAX_NAME_LENGTH:
        row.problems.append(
            _("The name is longer than %(count)d characters.")
            % {"count": MAX_NAME_LENGTH}
        )
    if not values["country"]:
        row.problems.append(_("The country is missing."))
    elif not country:
        row.problems.append(
            _(
                "Unknown country “%(country)s”: write its English name or its "
                "two-letter code, such as “Kenya” or “KE”."
            )
            % {"country": values["country"]}
        )
    if not values["role"]:
        row.problems.append(_("The role is missing."))
    elif not job_role:
        row.problems.append(
            _("Unknown role “%(role)s”: write one of %(roles)s.")
            % {"role": values["role"], "roles": ", ".join(User.JobRole.values)}
        )
    return row


def _is_email(email: str) -> bool:
    if len(email) > MAX_EMAIL_LENGTH:
        return False
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


def _country_code(entered: str) -> str:
    """The ISO 3166-1 alpha-2 code for a code (alpha-2, alpha-3 or numeric) or an
    English name; empty if unknown."""
    if not entered:
        return ""
    return countries.alpha2(entered) or countries.by_name(entered, language="en")


def job_roles_in_english() -> list[tuple[str, str]]:
    """Each job role's code and English label: what the role column accepts."""
    with translation.override("en"):
        return [(value, str(label)) for value, label in User.JobRole.choices]


def _role_names() -> dict[str, str]:
    """Each job role by its code and by its English label, in lower case."""
    return {
        name.lower(): value
        for value, label in job_roles_in_english()
        for name in (value, label)
    }


def seal(organisation_id: int, cohort_id: int | None, people: list[Person]) -> str:
    """The checked people and where they go, signed for the confirmation step."""
    return signing.dumps(
        {"organisation": organisation_id, "cohort": cohort_id, "people": people},
        salt=SEAL_SALT,
        compress=True,
    )


def unseal(token: str, organisation_id: int) -> tuple[int | None, list[Person]]:
    """The cohort id and the people sealed for this organisation.

    Raises `signing.BadSignature` (or its subclass `SignatureExpired`, after
    SEAL_MAX_AGE_MINUTES) if the token was altered, is too old or was made for
    another organisation.
    """
    sealed = signing.loads(token, salt=SEAL_SALT, max_age=SEAL_MAX_AGE_MINUTES * 60)
    if sealed["organisation"] != organisation_id:
        raise signing.BadSignature("Sealed for another organisation.")
    return sealed["cohort"], [Person(*values) for values in sealed["people"]]
