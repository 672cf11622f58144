"""The outbox's tasks, run by the task queue's workers (`manage.py db_worker` in the
embedded default)."""

from django_tasks import task

from outbox import delivery


@task()
def deliver_mail(mail_id: int) -> str | None:
    """Deliver one stored e-mail (see `outbox.delivery.deliver`)."""
    status = delivery.deliver(mail_id)
    return str(status) if status else None


@task()
def deliver_due_mail() -> int:
    """Queue every stored e-mail whose next attempt is due."""
    return delivery.enqueue_due()
