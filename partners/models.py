"""Partner organisations, their people and cohorts, and the record of what they export.

An organisation (a police academy, a ministry, a donor…) has members, each a manager or
a trainee. Managers group trainees into cohorts that take given courses between two
dates, and follow their progress on the partner dashboard. A manager sees only the
people of their own organisation: every query for a dashboard or an export starts from
the organisation's memberships (`partners.access`).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


def new_invite_code() -> str:
    """A random, URL-safe invitation code (96 bits)."""
    return secrets.token_urlsafe(12)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        POLICE_ACADEMY = "police_academy", _("Police academy")
        MINISTRY = "ministry", _("Ministry")
        PROSECUTION_SERVICE = "prosecution_service", _("Prosecution service")
        JUDICIARY = "judiciary", _("Judiciary")
        NGO = "ngo", _("Non-governmental organisation")
        INTERNATIONAL_ORGANISATION = (
            "international_organisation",
            _("International organisation"),
        )
        DONOR = "donor", _("Donor")

    name = models.CharField(_("name"), max_length=200, unique=True)
    country = CountryField(_("country"))
    kind = models.CharField(_("type"), max_length=40, choices=Kind.choices)
    invite_code = models.CharField(
        _("invitation code"), max_length=32, unique=True, default=new_invite_code
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's place in an organisation, with their role there."""

    class Role(models.TextChoices):
        MANAGER = "manager", _("Manager")
        TRAINEE = "trainee", _("Trainee")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.TRAINEE
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="one_membership_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class Cohort(models.Model):
    """A group of an organisation's trainees taking given courses between two dates."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="cohorts",
    )
    name = models.CharField(_("name"), max_length=200)
    courses = models.ManyToManyField(
        "courses.CoursePage", verbose_name=_("courses"), related_name="+"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), help_text=_("Trainees not done by then are shown as overdue.")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        through="CohortMember",
        related_name="cohorts",
    )
    invite_code = models.CharField(
        _("invitation code"), max_length=32, unique=True, default=new_invite_code
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-start_date", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="unique_cohort_name"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="cohort_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class CohortMember(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("cohort member")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "user"], name="one_place_per_cohort"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.cohort}"


class ExportRecord(models.Model):
    """One download of personal data from the partner pages: who, when and what."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="exports",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    what = models.CharField(_("export"), max_length=100)
    file_format = models.CharField(_("format"), max_length=10)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    pseudonymous = models.BooleanField(_("pseudonymous"), default=False)

    class Meta:
        verbose_name = _("export record")
        verbose_name_plural = _("export records")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.what} ({self.file_format}) – {self.organisation}"
