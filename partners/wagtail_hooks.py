"""Partner organisations in the Wagtail admin, for staff.

Staff create organisations, make people their managers (or trainees), look at the
cohorts managers set up, and read the export log. Managers work outside the admin,
on the partner pages; cohorts and export records are theirs and the rules' to write,
so the admin only shows them. No group is given these permissions by default:
superusers have them, and staff get them through a group they are put in.

Outside the admin, My learning links a manager to their organisations' dashboards.
"""

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from accounts.choosers import USER_CHOOSER_MODELS_HOOK
from core.permissions import ViewOnlyPolicy
from learning.views import MY_LEARNING_PANELS_HOOK
from partners import reports
from partners.access import sees_every_organisation, visible_organisations
from partners.filters import Filters
from partners.models import Cohort, ExportRecord, Membership, Organisation

register_permission_policy(Cohort, ViewOnlyPolicy(Cohort))
register_permission_policy(ExportRecord, ViewOnlyPolicy(ExportRecord))


@hooks.register(MY_LEARNING_PANELS_HOOK)
def managed_organisations_panel(request) -> str:
    """On My learning, the dashboards of the organisations the person manages."""
    organisations = list(visible_organisations(request.user))
    if not organisations:
        return ""
    return render_to_string(
        "partners/includes/my_learning_panel.html",
        {"organisations": organisations},
        request=request,
    )


class OrganisationInspectView(InspectView):
    template_name = "partners/admin/organisation_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        roles = dict(
            self.object.memberships.values_list("role")
            .annotate(count=Count("pk"))
            .order_by()
        )
        context["member_counts"] = [
            (label, roles.get(role, 0)) for role, label in Membership.Role.choices
        ]
        context["cohorts"] = self.object.cohorts.annotate(member_count=Count("members"))
        context["can_open_dashboard"] = sees_every_organisation(self.request.user)
        context["summary"] = reports.summary(self.object, Filters())
        return context


class OrganisationViewSet(ModelViewSet):
    """Partner organisations: added and edited by staff only."""

    model = Organisation
    icon = "site"
    menu_label = _("Organisations")
    url_prefix = "partners/organisations"
    form_fields = ["name", "kind", "country"]
    inspect_view_enabled = True
    inspect_view_class = OrganisationInspectView
    inspect_view_fields = ["name", "kind", "country", "invite_code", "created_at"]
    list_display = [
        TitleColumn("name", label=_("Name"), url_name="partner_organisations:inspect"),
        "kind",
        "country",
        "created_at",
    ]
    list_filter = ["kind"]
    search_fields = ["name"]
    search_backend_name = None


class MembershipViewSet(ModelViewSet):
    """Who belongs to which organisation; "manager" opens its dashboard to them.
    The person is picked with the person chooser (accounts/choosers.py)."""

    model = Membership
    icon = "user"
    menu_label = _("Members and managers")
    url_prefix = "partners/memberships"
    panels = [
        FieldPanel("organisation"),
        FieldPanel(
            "user",
            help_text=_(
                "Search by name or e-mail address. The person must have an account "
                "already."
            ),
        ),
        FieldPanel("role"),
    ]
    list_display = [
        TitleColumn("user", label=_("Person"), url_name="partner_memberships:edit"),
        Column("email", label=_("E-mail"), accessor="user.email"),
        "organisation",
        "role",
        "joined_at",
    ]
    list_filter = ["role", "organisation"]
    search_fields = [
        "user__email",
        "user__first_name",
        "user__last_name",
        "organisation__name",
    ]
    search_backend_name = None


@hooks.register(USER_CHOOSER_MODELS_HOOK)
def memberships_name_a_person() -> type[Membership]:
    """Who may add or change a membership may look people up to name its member."""
    return Membership


class CohortViewSet(ModelViewSet):
    """Managers' cohorts, for staff to look at (managers create and change them)."""

    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    url_prefix = "partners/cohorts"
    form_fields = []  # view only: see the permission policy above
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "organisation",
        "courses",
        "start_date",
        "end_date",
        "created_at",
    ]
    list_display = [
        TitleColumn("name", label=_("Name"), url_name="partner_cohorts:inspect"),
        "organisation",
        "start_date",
        "end_date",
    ]
    list_filter = ["organisation"]
    search_fields = ["name", "organisation__name"]
    search_backend_name = None


class ExportLogViewSet(ModelViewSet):
    """Every download from the partner pages: who, when, what and with which filters."""

    model = ExportRecord
    icon = "download"
    menu_label = _("Export log")
    url_prefix = "partners/exports"
    form_fields = []  # view only: see the permission policy above
    inspect_view_enabled = True
    inspect_view_fields = [
        "at",
        "by",
        "organisation",
        "what",
        "file_format",
        "filters",
        "pseudonymous",
    ]
    list_display = [
        TitleColumn("at", label=_("At"), url_name="partner_exports:inspect"),
        "by",
        "organisation",
        "what",
        "file_format",
        "pseudonymous",
    ]
    list_filter = ["organisation", "what", "file_format", "pseudonymous"]
    search_fields = ["by__email", "organisation__name", "what"]
    search_backend_name = None


class PartnersViewSetGroup(ViewSetGroup):
    menu_label = _("Partner organisations")
    menu_icon = "site"
    menu_order = 280
    items = (
        OrganisationViewSet("partner_organisations"),
        MembershipViewSet("partner_memberships"),
        CohortViewSet("partner_cohorts"),
        ExportLogViewSet("partner_exports"),
    )


@hooks.register("register_admin_viewset")
def register_partners() -> PartnersViewSetGroup:
    return PartnersViewSetGroup()
