"""Certificates in the Wagtail admin: find, inspect, revoke and re-issue."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from certificates import admin_views
from certificates.models import Certificate
from learning.permissions import ViewOnlyPolicy


class CertificateInspectView(InspectView):
    template_name = "certificates/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actions"] = self.object.actions.select_related("by", "replacement")
        context["can_act"] = self.request.user.has_perm(admin_views.ACTION_PERMISSION)
        return context


class CertificateViewSet(ModelViewSet):
    """Every certificate, searchable by name, code or e-mail."""

    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 270
    add_to_admin_menu = True
    url_prefix = "certificates"
    inspect_view_enabled = True
    inspect_view_class = CertificateInspectView
    inspect_view_fields = [
        "code",
        "name",
        "course_title",
        "completed_on",
        "estimated_hours",
        "final_score",
        "issued_at",
        "revoked_at",
        "revoked_reason",
    ]
    form_fields = ["revoked_reason"]
    list_display = [
        TitleColumn("name", label=_("Name"), url_name="certificates_admin:inspect"),
        "course_title",
        "completed_on",
        "code",
        "revoked_at",
    ]
    list_filter = ["revoked_at", "completed_on"]
    search_fields = ["name", "code", "learner__email"]
    search_backend_name = None


register_permission_policy(Certificate, ViewOnlyPolicy(Certificate))


@hooks.register("register_admin_viewset")
def register_certificates() -> CertificateViewSet:
    return CertificateViewSet("certificates_admin")


@hooks.register("register_admin_urls")
def register_certificate_actions() -> list:
    return [
        path(
            "certificates/<int:pk>/revoke/",
            admin_views.revoke,
            name="certificates_revoke",
        ),
        path(
            "certificates/<int:pk>/reissue/",
            admin_views.reissue,
            name="certificates_reissue",
        ),
    ]
