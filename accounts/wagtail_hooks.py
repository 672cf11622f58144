"""The user app in the Wagtail admin: the person chooser (accounts/choosers.py)."""

from wagtail import hooks

from accounts.choosers import UserChooserViewSet, user_chooser_viewset


@hooks.register("register_admin_viewset")
def register_user_chooser() -> UserChooserViewSet:
    return user_chooser_viewset
