"""The numbers on the partner dashboard and in its exports.

Each function starts from one organisation's trainees (`partners.access.trainees_of`)
and answers in a fixed number of queries, however many trainees there are.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from accounts.models import User
from courses.models import CoursePage
from partners.models import Cohort


@dataclass
class TraineeRow:
    """One trainee's standing in one course (a row of the trainee table and export)."""

    user: User
    cohorts: list[str]
    course_title: str
    enrolled_at: datetime | None
    progress_percent: int
    completed_at: datetime | None
    average_score: Decimal | None
    certificate_code: str
    overdue: bool


@dataclass
class SummaryRow:
    """One cohort's numbers in one of its courses (a row of the summary)."""

    cohort: Cohort
    course: CoursePage
    members: int
    enrolled: int
    started: int
    completed: int
    average_score: Decimal | None
    overdue: int

    @property
    def completion_percent(self) -> int:
        return round(100 * self.completed / self.enrolled) if self.enrolled else 0
