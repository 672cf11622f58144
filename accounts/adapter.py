"""django-allauth fitted to the platform: after login, continue in your language."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Sends a learner to their dashboard in their preferred interface language."""

    def get_login_redirect_url(self, request) -> str:
        with translation.override(request.user.preferred_language):
            return reverse("learning:dashboard")
