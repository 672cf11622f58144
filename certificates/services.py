"""Certificate rules: issue exactly once on completion, and look one up to verify it."""

from datetime import datetime
from decimal import Decimal

from django.core.cache import cache
from django.db import IntegrityError, transaction

from accounts.models import User
from certificates.models import Certificate
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
            return Certificate.objects.create(
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


def valid_certificate(learner: User, course: CoursePage) -> Certificate | None:
    return Certificate.objects.filter(
        learner=learner, course_key=course.translation_key, revoked_at__isnull=True
    ).first()


def verification_allowed(client_address: str) -> bool:
    """Whether this address may look up another code now (slows down guessing)."""
    key = f"certificate-verifications:{client_address}"
    cache.add(key, 0, timeout=60)
    return cache.incr(key) <= VERIFICATIONS_PER_MINUTE
