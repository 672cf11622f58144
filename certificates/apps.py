from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates: issued once a course is complete, verifiable by anyone."""

    name = "certificates"
    verbose_name = _("Certificates")
