from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """How learning is assessed: quizzes, questions, attempts and grading (issue 4)."""

    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self) -> None:
        from quizzes import receivers  # noqa: F401  (connects the receivers)
