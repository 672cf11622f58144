"""Django's and Wagtail's housekeeping, as tasks the schedule runs."""

from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled_pages() -> None:
    """Publish the pages whose go-live time has come, unpublish expired ones."""
    call_command("publish_scheduled", verbosity=0)


@task()
def clear_expired_sessions() -> None:
    call_command("clearsessions", verbosity=0)


@task()
def prune_finished_jobs() -> None:
    """Forget the records of jobs that finished more than a week ago."""
    call_command("prune_db_task_results", min_age_days=7, verbosity=0)
