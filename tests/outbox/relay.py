"""A mail relay the tests can switch off: Django's test outbox, which refuses every
message while `down` is set, as an unreachable SMTP server does."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class SwitchableRelay(EmailBackend):
    down = False

    def send_messages(self, messages):
        if SwitchableRelay.down:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
