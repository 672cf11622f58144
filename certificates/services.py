"""Certificate rules: issue exactly once on completion, and look one up to verify it."""

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from certificates.models import Certificate, CertificateAction
from courses.models import CoursePage

VERIFICATIONS_PER_MINUTE = 30


def issue_certificate(
    learner: User,
    course: CoursePage,
    completed_at: datetime,
    module_titles: list[str],
    final_score: Decimal | None,
) -> Certificate:
    """The trainee's valid certificate for `course`, issued now if there is none.

    A partial unique index allows one valid certificate per trainee and course, so
    simultaneous completions issue one.
    """
    existing = valid_certificate(learner, course)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                learner=learner,
                course_key=course.translation_key,
                course=course,
                name=learner.certificate_name
                or learner.get_full_name()
                or learner.email,
                course_title=course.title,
                completed_on=completed_at.date(),
                estimated_hours=course.estimated_hours,
                modules=module_titles,
                final_score=final_score,
            )
    except IntegrityError:
        return valid_certificate(learner, course)
    transaction.on_commit(lambda: announce(certificate))
    return certificate


def site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def announce(certificate: Certificate) -> None:
    """E-mail the trainee, in their language, that their certificate is ready."""
    learner = certificate.learner
    with translation.override(learner.preferred_language):
        context = {
            "certificate": certificate,
            "verify_url": site_url(
                reverse("certificates:verify_code", args=[certificate.code])
            ),
            "download_url": site_url(
                reverse("certificates:download", args=[certificate.code])
            ),
        }
        subject = render_to_string(
            "certificates/email/issued_subject.txt", context
        ).strip()
        body = render_to_string("certificates/email/issued_body.txt", context)
    send_mail(subject, body, None, [learner.email])


def valid_certificate(learner: User, course: CoursePage) -> Certificate | None:
    return Certificate.objects.filter(
        learner=learner, course_key=course.translation_key, revoked_at__isnull=True
    ).first()


def verification_allowed(client_address: str) -> bool:
    """Whether this address may look up another code now (slows down guessing)."""
    key = f"certificate-verifications:{client_address}"
    cache.add(key, 0, timeout=60)
    return cache.incr(key) <= VERIFICATIONS_PER_MINUTE


class CertificateError(Exception):
    """A staff action the rules refuse; `message` is shown in the admin."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def revoke(certificate: Certificate, reason: str, by: User) -> CertificateAction:
    """Revoke a valid certificate, recording who did it and why."""
    if not reason.strip():
        raise CertificateError(_("Give the reason for the revocation."))
    revoked = Certificate.objects.filter(
        pk=certificate.pk, revoked_at__isnull=True
    ).update(revoked_at=timezone.now(), revoked_reason=reason.strip()[:255])
    if not revoked:
        raise CertificateError(_("This certificate is already revoked."))
    certificate.refresh_from_db()
    return CertificateAction.objects.create(
        certificate=certificate,
        kind=CertificateAction.Kind.REVOKED,
        reason=reason.strip()[:255],
        by=by,
    )


@transaction.atomic
def reissue(certificate: Certificate, by: User) -> Certificate:
    """Replace a certificate after the trainee's name was corrected.

    The old one is revoked ("Replaced by a re-issued certificate"); the new one keeps
    the course, completion date, modules and score, with the current profile name.
    """
    if not certificate.is_valid:
        raise CertificateError(_("Only a valid certificate can be re-issued."))
    revoke(certificate, _("Replaced by a re-issued certificate"), by)
    replacement = Certificate.objects.create(
        learner=certificate.learner,
        course_key=certificate.course_key,
        course=certificate.course,
        name=certificate.learner.certificate_name or certificate.name,
        course_title=certificate.course_title,
        completed_on=certificate.completed_on,
        estimated_hours=certificate.estimated_hours,
        modules=certificate.modules,
        final_score=certificate.final_score,
    )
    CertificateAction.objects.create(
        certificate=certificate,
        kind=CertificateAction.Kind.REISSUED,
        by=by,
        replacement=replacement,
    )
    return replacement
