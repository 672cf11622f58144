"""The site's e-mail backend: messages go to the outbox, not straight to the relay."""

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from outbox import delivery
from outbox.models import OutgoingMail


class OutboxBackend(BaseEmailBackend):
    """Stores each message (`OutgoingMail`) and has the task queue deliver it once
    the sender's transaction commits: a message about something that was not saved
    is never sent, and a slow or broken relay never holds up a request."""

    def send_messages(self, email_messages) -> int:
        rows = OutgoingMail.objects.bulk_create(
            [
                OutgoingMail(
                    subject=str(message.subject),
                    body=str(message.body),
                    from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
                    to=list(message.to),
                    cc=list(message.cc),
                    bcc=list(message.bcc),
                    reply_to=list(message.reply_to),
                    headers=dict(message.extra_headers),
                    alternatives=[
                        [str(content), mimetype]
                        for content, mimetype in getattr(message, "alternatives", [])
                    ],
                    reference=getattr(message, "outbox_reference", None),
                )
                for message in email_messages
            ]
        )
        ids = [row.pk for row in rows]
        if getattr(settings, "OUTBOX_ENQUEUE_ON_COMMIT", True):
            transaction.on_commit(lambda: delivery.enqueue(ids), robust=True)
        else:
            delivery.enqueue(ids)
        return len(rows)
