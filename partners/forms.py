"""The forms a manager fills in: a new cohort, and a CSV file of trainees."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Locale

from courses.models import CoursePage
from partners.models import Cohort, Organisation
from partners.roster import MAX_MEGABYTES, MAX_ROWS


class CourseChoiceField(forms.ModelMultipleChoiceField):
    """Published courses by title; a course not in the site's default language
    says which language it is in."""

    def label_from_instance(self, course: CoursePage) -> str:
        if course.locale_id == Locale.get_default().pk:
            return course.title
        return f"{course.title} ({course.locale.get_display_name()})"


class CohortForm(forms.ModelForm):
    """A new cohort of `organisation`: its name, courses and dates."""

    courses = CourseChoiceField(
        label=_("Courses"),
        queryset=CoursePage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one course.")},
    )

    class Meta:
        model = Cohort
        fields = ["name", "courses", "start_date", "end_date"]
        help_texts = {"name": _("For example: 2026 investigators, intake 1.")}
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, organisation: Organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["courses"].queryset = (
            CoursePage.objects.live().select_related("locale").order_by("title")
        )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if self.instance.organisation.cohorts.filter(name__iexact=name).exists():
            raise forms.ValidationError(
                _(
                    "Your organisation already has a cohort called “%(name)s”. "
                    "Choose another name."
                ),
                params={"name": name},
            )
        return name

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date", _("The end date is before the start date. Change one.")
            )
        return cleaned


class RosterUploadForm(forms.Form):
    """A CSV file of trainees and, optionally, the cohort to put them in."""

    file = forms.FileField(
        label=_("CSV file"),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )
    cohort = forms.ModelChoiceField(
        label=_("Add them to a cohort"),
        queryset=Cohort.objects.none(),
        required=False,
        empty_label=_("No cohort: only add them to the organisation"),
        help_text=_("People in a cohort are enrolled in its courses."),
    )

    def __init__(self, organisation: Organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = organisation.cohorts.all()
        self.fields["cohort"].label_from_instance = lambda cohort: cohort.name
        self.fields["file"].help_text = ngettext(
            "At most %(megabytes)d MB and %(rows)d rows.",
            "At most %(megabytes)d MB and %(rows)d rows.",
            MAX_ROWS,
        ) % {"megabytes": MAX_MEGABYTES, "rows": MAX_ROWS}
