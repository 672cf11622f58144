"""A certificate records, at the moment of issue, what the trainee completed.

Its fields are copied from the course and the trainee's profile when it is issued, so a
later edit to the course or the profile never changes a certificate already handed out;
a name correction issues a new certificate and revokes the old one.
"""

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


def new_code() -> str:
    """A random, URL-safe code of 128 bits (22 characters): unguessable."""
    return secrets.token_urlsafe(16)


class CertificateSignatory(Orderable):
    """A person who signs a course's certificates, set by instructors on the course."""

    course = ParentalKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="certificate_signatories",
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(
        _("title"), max_length=200, help_text=_("For example: Director of Training")
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A scan of the signature on a white or transparent background."),
    )

    panels = [FieldPanel("name"), FieldPanel("title"), FieldPanel("signature")]

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self) -> str:
        return f"{self.name}, {self.title}"

    def as_snapshot(self) -> dict:
        return {"name": self.name, "title": self.title, "signature": self.signature_id}


class Certificate(models.Model):
    """A certificate of completion of one course by one trainee."""

    code = models.CharField(
        _("verification code"), max_length=32, unique=True, default=new_code
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    course_key = models.UUIDField(_("course translation key"))
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("name on the certificate"), max_length=200)
    course_title = models.CharField(_("course title"), max_length=255)
    completed_on = models.DateField(_("completed on"))
    estimated_hours = models.PositiveSmallIntegerField(_("estimated hours"))
    modules = models.JSONField(_("modules completed"), default=list)
    final_score = models.DecimalField(
        _("final assessment score (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    issuer = models.CharField(_("issuer"), max_length=200, default="Convention Academy")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("issuer's logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signatories = models.JSONField(
        _("signatories"),
        default=list,
        help_text=_("Name, title and signature image of each signatory at issue."),
    )
    round = models.PositiveSmallIntegerField(
        _("round"),
        default=1,
        help_text=_("1 for the first completion, 2 after the first retake, …"),
    )
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(
        _("reason for revocation"), max_length=255, blank=True
    )

    class Meta:
        verbose_name = _("certificate")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course_key", "round"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_unrevoked_certificate_per_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.course_title} ({self.code})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.expires_on is not None and self.expires_on < today

    @property
    def status(self) -> str:
        """What a verifier is told: "valid", "expired" or "revoked"."""
        if self.is_revoked:
            return "revoked"
        return "expired" if self.is_expired() else "valid"


class CertificateAction(models.Model):
    """A staff action on a certificate (revocation or re-issue): who, when and why."""

    class Kind(models.TextChoices):
        REVOKED = "revoked", _("Revoked")
        REISSUED = "reissued", _("Re-issued")

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    kind = models.CharField(_("action"), max_length=20, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    replacement = models.ForeignKey(
        Certificate,
        verbose_name=_("new certificate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("certificate action")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.certificate.code}"
