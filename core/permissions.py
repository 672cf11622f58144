"""Admin permission policies shared by the apps: records that rules write and staff
only read (enrolments, attempts, certificates, cohorts, export records)."""

from wagtail.permission_policies import ModelPermissionPolicy


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Records written by the rules only: staff may look, never add, edit or delete."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
