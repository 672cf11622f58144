"""Certificate rules: issue exactly once on completion, and look one up to verify it."""

from calendar import monthrange
from datetime import date, datetime
from decimal import Decimal

from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from certificates.models import Certificate, CertificateAction
from core.errors import Refusal
from core.site import site_url
from courses.models import CoursePage

VERIFICATIONS_PER_MINUTE = 30


def issue_certificate(
    learner: User,
    course: CoursePage,
    completed_at: datetime,
    module_titles: list[str],
    final_score: Decimal | None,
    round: int = 1,
) -> Certificate:
    """The trainee's certificate for this `round` of `course`, issued now if none.

    It copies the course's issuer, logo and signatories as they are now. A partial
    unique index allows one unrevoked certificate per trainee, course and round, so
    simultaneous completions issue one.
    """
    existing = round_certificate(learner, course, round)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            certificate = new_certificate(
                learner, course, completed_at, module_titles, final_score, round
            )
            certificate.save(force_insert=True)
    except IntegrityError:
        return round_certificate(learner, course, round)
    transaction.on_commit(lambda: announce(certificate))
    return certificate


def new_certificate(
    learner: User,
    course: CoursePage,
    completed_at: datetime,
    module_titles: list[str],
    final_score: Decimal | None,
    round: int = 1,
) -> Certificate:
    """The certificate `issue_certificate` saves, not yet saved: what it certifies,
    copied from the course and the trainee's profile as they are now. The scale seed
    (`demo.scale`) inserts thousands of them at once."""
    completed_on = completed_at.date()
    return Certificate(
        learner=learner,
        course_key=course.translation_key,
        course=course,
        name=learner.certificate_name or learner.get_full_name() or learner.email,
        course_title=course.title,
        completed_on=completed_on,
        estimated_hours=course.estimated_hours,
        modules=module_titles,
        final_score=final_score,
        issuer=course.certificate_issuer,
        logo=course.certificate_logo,
        signatories=[
            signatory.as_snapshot()
            for signatory in course.certificate_signatories.all()
        ],
        round=round,
        expires_on=expiry_date(completed_on, course.certificate_valid_months),
    )


def expiry_date(completed_on: date, valid_months: int | None) -> date | None:
    """The last day a certificate is valid, `valid_months` after completion.

    A completion on the 31st of a month expires at the end of a shorter month rather
    than spilling into the next one.
    """
    if not valid_months:
        return None
    months = completed_on.month - 1 + valid_months
    year, month = completed_on.year + months // 12, months % 12 + 1
    return date(year, month, min(completed_on.day, monthrange(year, month)[1]))


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


def round_certificate(
    learner: User, course: CoursePage, round: int
) -> Certificate | None:
    return Certificate.objects.filter(
        learner=learner,
        course_key=course.translation_key,
        round=round,
        revoked_at__isnull=True,
    ).first()


def current_certificate(learner: User, course: CoursePage) -> Certificate | None:
    """The trainee's latest unrevoked certificate for `course` (it may have expired)."""
    return (
        Certificate.objects.filter(
            learner=learner,
            course_key=course.translation_key,
            revoked_at__isnull=True,
        )
        .order_by("-round")
        .first()
    )


def verification_allowed(client_address: str) -> bool:
    """Whether this address may look up another code now (slows down guessing)."""
    key = f"certificate-verifications:{client_address}"
    cache.add(key, 0, timeout=60)
    count = cache.incr(key)
    # None while Redis is down (django-redis ignores the error): checks then go on
    # unlimited rather than fail.
    return count is None or count <= VERIFICATIONS_PER_MINUTE


class CertificateError(Refusal):
    """A staff action the rules refuse; `message` is shown in the admin."""


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
    if certificate.is_revoked:
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
        issuer=certificate.issuer,
        logo=certificate.logo,
        signatories=certificate.signatories,
        round=certificate.round,
        expires_on=certificate.expires_on,
    )
    CertificateAction.objects.create(
        certificate=certificate,
        kind=CertificateAction.Kind.REISSUED,
        by=by,
        replacement=replacement,
    )
    return replacement
