from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """What is taught: the course page tree, lesson blocks and Convention data."""

    name = "courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        # Connect the receivers that retire cached pages and admin access.
        from courses import authoring, caching  # noqa: F401
