"""A trainee's way through a course, by the real learning services."""

from accounts.models import User
from certificates.models import Certificate
from courses.models import CoursePage, LessonPage
from learning import services as learning


def finish_course(trainee: User, course: CoursePage) -> Certificate:
    """Enrol `trainee` and complete every lesson; returns the certificate issued.

    A function, not a factory: the enrolment, the completions and the certificate
    are what `learning.services` writes when a trainee works through the course,
    and a test must get exactly that.
    """
    learning.enrol(trainee, course)
    for lesson in LessonPage.objects.descendant_of(course).order_by("path"):
        learning.complete_lesson(trainee, lesson)
    return Certificate.objects.filter(learner=trainee).latest("issued_at")
