from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Partner organisations: cohorts, manager dashboards and exports."""

    name = "partners"
    verbose_name = _("Partner organisations")
