"""Staff see the task queue's jobs in the admin: waiting, running, failed (with the
error) and done. The database queue keeps them (docs/decisions/0008)."""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.permissions import ViewOnlyPolicy

register_permission_policy(DBTaskResult, ViewOnlyPolicy(DBTaskResult))


class BackgroundJobViewSet(ModelViewSet):
    model = DBTaskResult
    icon = "cogs"
    menu_label = _("Background jobs")
    menu_order = 910
    add_to_admin_menu = True
    url_prefix = "background-jobs"
    inspect_view_enabled = True
    list_display = ["task_path", "status", "enqueued_at", "run_after", "finished_at"]
    list_filter = ["status", "task_path"]
    form_fields = ["status"]  # required by ModelViewSet; the policy allows no edit
    # Not the arguments: Wagtail's frontend-cache purge passes its backend settings,
    # which for a CDN hold an API token.
    inspect_view_fields = [
        "task_path",
        "status",
        "enqueued_at",
        "run_after",
        "started_at",
        "finished_at",
        "exception_class_path",
        "traceback",
    ]


@hooks.register("register_admin_viewset")
def register_background_jobs() -> BackgroundJobViewSet:
    return BackgroundJobViewSet("background_jobs")
