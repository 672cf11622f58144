from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People who use the platform: the custom user model, logging in by e-mail."""

    name = "accounts"
    verbose_name = _("Accounts")
