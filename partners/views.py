"""The partner pages' entry: which organisations the signed-in manager can open."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from partners.access import visible_organisations


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Straight to the dashboard of a manager's only organisation, else a list."""
    organisations = list(visible_organisations(request.user))
    if len(organisations) == 1:
        return redirect("partners:dashboard", organisation_id=organisations[0].pk)
    return render(request, "partners/home.html", {"organisations": organisations})
