"""Create the site's certificate signing key pair and print the public key."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from certificates import signing


class Command(BaseCommand):
    help = _(
        "Create the Ed25519 key pair that signs certificates, in the file named by "
        "CERTIFICATE_SIGNING_KEY_FILE, and print the public key to publish."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help=_("Do nothing when a key already exists (for set-up scripts)."),
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help=_(
                "Replace an existing key. Certificates signed with the old key then "
                "fail offline checks against the new public key."
            ),
        )

    def handle(self, *args, if_missing: bool, replace: bool, **options) -> None:
        path = signing.key_path()
        if path.exists() and if_missing:
            self.stdout.write(
                _("Certificate signing key: %(path)s (key id %(id)s).")
                % {"path": path, "id": signing.key_id()}
            )
            return
        try:
            signing.generate_key_file(path, replace=replace)
        except signing.KeyFileExists:
            raise CommandError(
                _(
                    "A signing key already exists at %(path)s. Keep it: certificates "
                    "already issued were signed with it. Use --replace only if it "
                    "was lost or exposed."
                )
                % {"path": path}
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("New certificate signing key written to %(path)s (key id %(id)s).")
                % {"path": path, "id": signing.key_id()}
            )
        )
        self.stdout.write(
            _("Publish this public key (docs/certificate-signatures.md):")
        )
        self.stdout.write(signing.public_key_pem())
