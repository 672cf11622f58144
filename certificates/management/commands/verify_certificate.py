"""Check the digital signature in a certificate's QR code, as a verifier with no
network would with certificates/offline.py, whose code this command runs."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from certificates import offline, signing


class Command(BaseCommand):
    help = _(
        "Check the digital signature in a certificate's QR code with the site's "
        "public key. Exits 0 if authentic, 1 if the signature fails, 2 if the text "
        "cannot be read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", help=_("The text read from the QR code."))
        parser.add_argument(
            "--public-key",
            action="append",
            type=Path,
            metavar="FILE",
            help=_(
                "A published public key (PEM) to check with instead of the site's "
                "own; repeat it to give keys the site used before changing keys."
            ),
        )

    def handle(
        self, *args, text: str, public_key: list[Path] | None, **options
    ) -> None:
        try:
            keys = (
                [offline.load_public_key(path, _) for path in public_key]
                if public_key
                else [signing.public_key()]
            )
        except offline.Unreadable as error:
            raise CommandError(str(error), returncode=offline.UNREADABLE) from None
        status = offline.report(text, keys, self.stdout, self.stderr, _)
        if status != offline.AUTHENTIC:
            sys.exit(status)
