"""The filters a manager applies to the dashboard and to exports.

One form reads them from the query string for both, so an export holds exactly what
the dashboard showed.
"""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import User
from partners.access import trainees_of
from partners.models import Cohort, Organisation


@dataclass(frozen=True)
class Filters:
    """What to include. Empty fields include everyone."""

    cohort: Cohort | None = None
    country: str = ""
    job_role: str = ""
    enrolled_from: date | None = None
    enrolled_to: date | None = None

    def as_record(self) -> dict:
        """The filters in plain values, for the export audit log."""
        return {
            "cohort": self.cohort.name if self.cohort else "",
            "country": self.country,
            "job_role": self.job_role,
            "enrolled_from": self.enrolled_from.isoformat()
            if self.enrolled_from
            else "",
            "enrolled_to": self.enrolled_to.isoformat() if self.enrolled_to else "",
        }


class FilterForm(forms.Form):
    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.none(),
        required=False,
        empty_label=_("All cohorts"),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    job_role = forms.ChoiceField(label=_("Job role"), required=False)
    enrolled_from = forms.DateField(
        label=_("Enrolled from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    enrolled_to = forms.DateField(
        label=_("Enrolled until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, organisation: Organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = organisation.cohorts.all()
        self.fields["cohort"].label_from_instance = lambda cohort: cohort.name
        # Only the countries the organisation's trainees come from: a handful to
        # choose from instead of every country in the world.
        present = set(
            trainees_of(organisation)
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        )
        self.fields["country"].choices = [
            ("", _("All countries")),
            *((code, name) for code, name in countries if code in present),
        ]
        self.fields["job_role"].choices = [("", _("All roles")), *User.JobRole.choices]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("enrolled_from"), cleaned.get("enrolled_to")
        if start and end and end < start:
            self.add_error(
                "enrolled_to", _("The end of the range is before its start.")
            )
        return cleaned

    @property
    def filters(self) -> Filters:
        """The valid filters (after `is_valid()`); an invalid field filters nothing."""
        data = getattr(self, "cleaned_data", {})
        return Filters(
            cohort=data.get("cohort"),
            country=data.get("country") or "",
            job_role=data.get("job_role") or "",
            enrolled_from=data.get("enrolled_from"),
            enrolled_to=data.get("enrolled_to"),
        )
