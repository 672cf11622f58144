"""Staff see the outbox in the admin: what waits to be sent, what failed and why."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.permissions import ViewOnlyPolicy
from outbox.models import OutgoingMail

register_permission_policy(OutgoingMail, ViewOnlyPolicy(OutgoingMail))


class OutgoingMailViewSet(ModelViewSet):
    model = OutgoingMail
    icon = "mail"
    menu_label = _("Outgoing e-mail")
    menu_order = 900
    add_to_admin_menu = True
    url_prefix = "outgoing-mail"
    inspect_view_enabled = True
    list_display = ["subject", "to", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    form_fields = ["status"]  # required by ModelViewSet; the policy allows no edit
    search_fields = ["subject", "to"]
    inspect_view_fields = [
        "subject",
        "to",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]


@hooks.register("register_admin_viewset")
def register_outgoing_mail() -> OutgoingMailViewSet:
    return OutgoingMailViewSet("outgoing_mail")
