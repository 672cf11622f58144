"""Certificates in the Wagtail admin: find, inspect, revoke and re-issue."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import register_permission_policy

from certificates import admin_views
from certificates.models import Certificate
from core.permissions import ViewOnlyPolicy


class CertificateInspectView(InspectView):
    template_name = "certificates/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actions"] = self.object.actions.select_related("by", "replacement")
        context["can_act"] = self.request.user.has_perm(admin_views.ACTION_PERMISSION)
        return context


class CertificateIndexView(IndexView):
    @cached_property
    def header_buttons(self) -> list:
        return [
            *super().header_buttons,
            HeaderButton(
                _("Download by course (ZIP)"),
                url=reverse("certificates_course_archives"),
                icon_name="download",
            ),
        ]


class CertificateViewSet(ModelViewSet):
    """Every certificate, searchable by name, code or e-mail."""

    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 270
    add_to_admin_menu = True
    url_prefix = "certificates"
    index_view_class = CertificateIndexView
    inspect_view_enabled = True
    inspect_view_class = CertificateInspectView
    inspect_view_fields = [
        "code",
        "name",
        "course_title",
        "completed_on",
        "estimated_hours",
        "final_score",
        "issuer",
        "round",
        "expires_on",
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
        "expires_on",
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
        path(
            "certificates/by-course/",
            admin_views.course_archives,
            name="certificates_course_archives",
        ),
        path(
            "certificates/by-course/<uuid:course_key>/zip/",
            admin_views.course_archive,
            name="certificates_course_archive",
        ),
    ]
