from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo and scale data: `seed_demo` (the demo course, its question bank, the demo
    accounts and partner organisations) and `seed_scale` (100 000 learners for load
    tests). Sits on top of every other app; production code never imports it, and
    production sites never run its commands (their passwords are public)."""

    name = "demo"
    verbose_name = _("Demo data")
