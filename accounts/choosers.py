"""The person chooser of the Wagtail admin: wherever staff pick a user.

A searchable, paginated modal replaces the `<select>` of every account that a form
would otherwise render (100 000 options at scale). Registering the viewset
(accounts/wagtail_hooks.py) makes it the widget of every foreign key to the user in
Wagtail's admin forms built from panels, e.g. `FieldPanel("learner")`.

Who may open it: the apps above `accounts` register, under the Wagtail hook
`USER_CHOOSER_MODELS_HOOK`, a function returning a model whose admin form picks a
person (quizzes: accommodations; partners: memberships). Whoever may add or change
one of those models may search people here; nobody else can, even with access to
the admin (an instructor, say, who may not grant accommodations). A new admin form
that picks a person registers its model too, or its editors are refused the chooser.
"""

from functools import reduce
from operator import or_

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, StatusFlagColumn
from wagtail.admin.views.generic import chooser
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import BaseChooser
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import policy_registry

from accounts.models import User

USER_CHOOSER_MODELS_HOOK = "user_chooser_models"

# Fields a search looks in, and the columns staff tell people apart by.
SEARCH_FIELDS = ["first_name", "last_name", "certificate_name", "email"]


def chooser_label(user: User) -> str:
    """How a chosen person reads on a form: the name and, because two people may
    share one, the e-mail address."""
    name = user.get_full_name()
    return f"{name} ({user.email})" if name else user.email


def matching(query: str) -> Q:
    """People whose name, name on certificates or e-mail address contains every
    word of `query`, in any case and any order ("kamau amina", "@police.go.ke")."""
    condition = Q()
    for word in query.split():
        condition &= reduce(
            or_, (Q(**{f"{field}__icontains": word}) for field in SEARCH_FIELDS)
        )
    return condition


class UserChooserPolicy(BasePermissionPolicy):
    """Who may "choose" people: whoever may add or change a model registered under
    `USER_CHOOSER_MODELS_HOOK`, as that model's own permission policy says.

    The chooser shows names and e-mail addresses only; choosing someone gives no
    right over their account (that stays with the Users admin, `accounts.change_user`).
    No account is created from the chooser, so no other action is granted. This
    policy is not registered for the user model: the Users admin keeps Wagtail's.
    """

    def user_has_permission(self, user, action: str) -> bool:
        if action != "choose":
            return False
        models = [
            registered() for registered in hooks.get_hooks(USER_CHOOSER_MODELS_HOOK)
        ]
        return any(
            policy_registry.get_by_type(model).user_has_any_permission(
                user, ["add", "change"]
            )
            for model in models
        )


class UserSearchForm(BaseFilterForm):
    """The chooser's search box: plain database filtering, no search index."""

    q = forms.CharField(
        label=_("Search"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name or e-mail address")}),
    )

    def filter(self, objects: QuerySet[User]) -> QuerySet[User]:
        query = self.cleaned_data.get("q", "").strip()
        if not query:
            return objects
        self.is_searching = True
        self.search_query = query
        return objects.filter(matching(query))


class ChooserPermission(PermissionCheckedMixin):
    """Every view of the chooser, the results and the chosen person included,
    refuses someone the policy does not let choose people (a 403 to the modal)."""

    permission_policy = UserChooserPolicy(User)
    permission_required = "choose"


class UserChooseViewMixin(ChooserPermission):
    """The listing: a page of people in name order, with their e-mail address and
    name on certificates, searched in the database.

    Inactive accounts are listed, marked "Inactive": an account is deactivated to
    suspend someone, and staff must still find them (and see why they cannot log
    in) rather than conclude the person has no account. Their records still count.

    A page is two queries on the user table alone, the count and ten rows; a search
    scans it with a case-insensitive LIKE on four columns (no index serves a
    `%word%` match: a trigram index would, should 100 000 accounts ever be slow).
    """

    filter_form_class = UserSearchForm
    ordering = ["last_name", "first_name", "email"]

    def get_object_list(self) -> QuerySet[User]:
        # Only what the listing shows: never password hashes or profile details.
        return User.objects.only("pk", "is_active", *SEARCH_FIELDS)

    @property
    def title_column(self):
        column = super().title_column
        column.label = _("Name")
        return column

    @property
    def columns(self) -> list:
        return [
            *super().columns,
            Column("email", label=_("E-mail address")),
            Column("certificate_name", label=_("Name on certificates")),
            StatusFlagColumn("is_active", label=_("Status"), false_label=_("Inactive")),
        ]


class UserChooseView(UserChooseViewMixin, chooser.ChooseView):
    pass


class UserChooseResultsView(UserChooseViewMixin, chooser.ChooseResultsView):
    pass


class ChosenUserMixin(ChooserPermission):
    """What the chooser hands back to the form: the person's id and label."""

    def get_display_title(self, instance: User) -> str:
        return chooser_label(instance)


class UserChosenView(ChosenUserMixin, chooser.ChosenView):
    pass


class UserChosenMultipleView(ChosenUserMixin, chooser.ChosenMultipleView):
    pass


class UserCreateView(ChooserPermission, chooser.CreateView):
    """Refused to everyone (the policy grants no "add"): accounts are made by
    signing up or in the Users admin, never from a chooser."""


class UserChooser(BaseChooser):
    """The form widget: the chosen person's name and e-mail address, and a button
    that opens the chooser. No edit link: it would lead staff who may pick a person
    to the Users admin, which most of them may not open."""

    show_edit_link = False

    def get_display_title(self, instance: User) -> str:
        return chooser_label(instance)


class UserChooserViewSet(ChooserViewSet):
    """A modal to find one person among every account, by name or e-mail address."""

    model = User
    icon = "user"
    choose_one_text = _("Choose a person")
    choose_another_text = _("Choose another person")
    per_page = 10
    base_widget_class = UserChooser
    choose_view_class = UserChooseView
    choose_results_view_class = UserChooseResultsView
    chosen_view_class = UserChosenView
    chosen_multiple_view_class = UserChosenMultipleView
    create_view_class = UserCreateView


user_chooser_viewset = UserChooserViewSet("user_chooser")
