"""Reminders before a certificate expires: a month ahead, once, to trainees who
have not turned reminders off in their profile."""

from datetime import timedelta

from django.core.mail import EmailMessage
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from core.site import site_url
from learning.models import Enrolment
from outbox.services import send_once, templated_message

EXPIRY_NOTICE = timedelta(days=30)


def send_certificate_expiry_reminders(today=None) -> int:
    """E-mail each holder of a certificate that expires within 30 days, once per
    certificate, unless they are already retaking the course; returns how many."""
    today = today or timezone.localdate()
    retaking = Enrolment.objects.filter(
        learner=OuterRef("learner"),
        course_key=OuterRef("course_key"),
        round__gt=OuterRef("round"),
    )
    expiring = (
        Certificate.objects.filter(
            revoked_at__isnull=True,
            expires_on__gte=today,
            expires_on__lte=today + EXPIRY_NOTICE,
            learner__reminders=True,
            learner__is_active=True,
        )
        .exclude(Exists(retaking))
        .select_related("learner")
    )
    return sum(
        send_once(f"certificate-expiry:{certificate.code}", expiry_message(certificate))
        for certificate in expiring
    )


def expiry_message(certificate: Certificate) -> EmailMessage:
    return templated_message(
        certificate.learner,
        "learning/email/certificate_expiry",
        {
            "certificate": certificate,
            "learning_url": site_url(reverse("learning:dashboard")),
            "profile_url": site_url(reverse("accounts:profile")),
        },
    )
