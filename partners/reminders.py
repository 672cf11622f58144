"""Reminders before a cohort ends: two weeks ahead, once, to each member who has
not completed every course of the cohort and has not turned reminders off."""

from datetime import timedelta

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from core.site import site_url
from learning.models import Enrolment
from outbox.services import send_once, templated_message
from partners.models import Cohort, CohortMember

COHORT_END_NOTICE = timedelta(days=14)


def send_cohort_end_reminders(today=None) -> int:
    """E-mail each member of a cohort ending within 14 days who has an unfinished
    course in it, once per cohort and end date; returns how many."""
    today = today or timezone.localdate()
    ending = Cohort.objects.filter(
        end_date__gte=today, end_date__lte=today + COHORT_END_NOTICE
    ).prefetch_related("courses")
    sent = 0
    for cohort in ending:
        courses = [course for course in cohort.courses.all() if course.live]
        members = [
            membership.user
            for membership in CohortMember.objects.filter(
                cohort=cohort, user__reminders=True, user__is_active=True
            ).select_related("user")
        ]
        done = set(
            Enrolment.objects.filter(
                learner__in=members,
                course_key__in=[course.translation_key for course in courses],
                completed_at__isnull=False,
            ).values_list("learner_id", "course_key")
        )
        for user in members:
            unfinished = [
                course
                for course in courses
                if (user.pk, course.translation_key) not in done
            ]
            reference = f"cohort-end:{cohort.pk}:{user.pk}:{cohort.end_date}"
            if unfinished and send_once(
                reference, cohort_end_message(user, cohort, unfinished)
            ):
                sent += 1
    return sent


def cohort_end_message(user, cohort: Cohort, courses: list) -> EmailMessage:
    return templated_message(
        user,
        "partners/email/cohort_end",
        {
            "user": user,
            "cohort": cohort,
            "courses": courses,
            "learning_url": site_url(reverse("learning:dashboard")),
            "profile_url": site_url(reverse("accounts:profile")),
        },
    )
