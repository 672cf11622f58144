"""Partners' background jobs, run by the task queue's workers."""

from django_tasks import task

from partners.reminders import send_cohort_end_reminders


@task()
def cohort_end_reminders() -> int:
    """Daily: remind members of cohorts ending within two weeks."""
    return send_cohort_end_reminders()
