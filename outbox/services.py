"""Helpers for messages: rendered in the recipient's language, or sent only once
(reminders that a daily job considers every day)."""

from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from outbox.models import OutgoingMail


def send_once(reference: str, message: EmailMessage) -> bool:
    """Send `message` unless a message with this reference was already sent or
    queued; True if it is sent now. The outbox's unique reference decides, so two
    runs of a job at once send it once."""
    if OutgoingMail.objects.filter(reference=reference).exists():
        return False
    message.outbox_reference = reference
    try:
        with transaction.atomic():
            get_connection().send_messages([message])
    except IntegrityError:
        return False
    return True


def templated_message(person, template: str, context: dict) -> EmailMessage:
    """An e-mail to `person` (anything with `email` and `preferred_language`), its
    subject and body rendered in their language from `<template>_subject.txt` and
    `<template>_body.txt`."""
    with translation.override(person.preferred_language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    return EmailMessage(subject, body, None, [person.email])
