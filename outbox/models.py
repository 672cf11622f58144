"""Every e-mail the site sends, kept until it is delivered.

The site's e-mail backend (`outbox.backends.OutboxBackend`) stores each message here
in the sender's transaction and hands its delivery to the task queue once that
transaction commits; `outbox.delivery` sends it, retrying with a growing wait while
the mail relay is down. A request never waits for the relay and never fails because
of it, and no message is lost: staff see pending and failed mail in the admin.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """One e-mail message and its delivery state."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed: no more retries")

    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    from_email = models.CharField(_("from"), max_length=320)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(_("cc"), default=list, blank=True)
    bcc = models.JSONField(_("bcc"), default=list, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    alternatives = models.JSONField(
        _("alternative parts"),
        default=list,
        blank=True,
        help_text=_("Other versions of the body, e.g. HTML, as [content, type] pairs."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("delivery attempts"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=200,
        null=True,
        blank=True,
        unique=True,
        help_text=_(
            "What a message sent only once is about, e.g. a reminder: the same "
            "reference is never sent twice."
        ),
    )

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mail")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="outbox_pending_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"
