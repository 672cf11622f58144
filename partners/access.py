"""Who may see which organisation: the one place the isolation rule is written.

A manager sees their own organisations only; staff with the "view organisation"
permission see all of them. Every partner view takes its organisation from
`organisation_for`, so an id typed into a URL for another organisation gives a 404
(not a 403, which would confirm that the organisation exists).
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from accounts.models import User
from partners.models import Membership, Organisation

STAFF_PERMISSION = "partners.view_organisation"


def sees_every_organisation(user: User) -> bool:
    return user.is_authenticated and user.has_perm(STAFF_PERMISSION)


def visible_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations whose dashboards `user` may open."""
    if sees_every_organisation(user):
        return Organisation.objects.all()
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.MANAGER
    )


def organisation_for(user: User, organisation_id: int) -> Organisation:
    """The organisation if `user` may see it, else a 404."""
    organisation = visible_organisations(user).filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404("No such organisation.")
    return organisation


def trainees_of(organisation: Organisation) -> QuerySet[User]:
    """The organisation's trainees: its members with the trainee role."""
    return User.objects.filter(
        memberships__organisation=organisation,
        memberships__role=Membership.Role.TRAINEE,
    )


def manager_view(view: Callable) -> Callable:
    """Log in, then resolve the URL's `organisation_id` to an organisation the user
    may see (or 404) and pass it to `view` as `organisation`."""

    @login_required
    @wraps(view)
    def wrapper(
        request: HttpRequest, organisation_id: int, *args, **kwargs
    ) -> HttpResponse:
        organisation = organisation_for(request.user, organisation_id)
        return view(request, organisation, *args, **kwargs)

    return wrapper
