"""Learning's background jobs, run by the task queue's workers."""

from django_tasks import task

from courses.models import CoursePage
from learning import services
from learning.models import Enrolment
from learning.reminders import send_certificate_expiry_reminders


@task()
def recompute_course(course_id: int) -> int:
    """Derive again the completions of every trainee of a course that changed
    (`learning.receivers`); returns how many enrolments were checked."""
    course = CoursePage.objects.filter(pk=course_id).first()
    if course is None:
        return 0
    return services.recompute_enrolments(
        Enrolment.objects.filter(course_key=course.translation_key)
    )


@task()
def recompute_all() -> int:
    """The daily safety net: derive every enrolment's completions again."""
    return services.recompute_enrolments(Enrolment.objects.all())


@task()
def certificate_expiry_reminders() -> int:
    """Daily: remind holders of certificates that expire within a month."""
    return send_certificate_expiry_reminders()
