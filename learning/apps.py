from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    """Who learns what and how far they got: enrolment, progress, certificates."""

    name = "learning"
    verbose_name = _("Learning")

    def ready(self) -> None:
        from learning import receivers  # noqa: F401  (connects the receivers)
