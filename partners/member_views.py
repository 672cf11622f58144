"""How trainees get into an organisation: cohorts, invitation links and CSV imports.

Managers' pages take their organisation from `partners.access.manager_view`; the
joining page is for anyone with an invitation link. The rules are in
`partners.services`, the CSV format in `partners.roster`.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import SuspiciousOperation
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partners import roster, services
from partners.access import manager_view, trainees_of
from partners.forms import CohortForm, RosterUploadForm
from partners.models import Cohort, CohortMember, Organisation


def cohort_of(organisation: Organisation, cohort_id: int | str | None) -> Cohort:
    """The organisation's cohort with this id; a 404 for another organisation's."""
    return get_object_or_404(organisation.cohorts, pk=cohort_id)


def invite_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("partners:join", args=[code]))


@manager_view
def cohorts(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """The organisation's cohorts, and its invitation link for people in none."""
    return render(
        request,
        "partners/cohorts.html",
        {
            "organisation": organisation,
            "section": "cohorts",
            "cohorts": organisation.cohorts.annotate(
                member_count=Count("members")
            ).prefetch_related("courses"),
            "invite_url": invite_url(request, organisation.invite_code),
        },
    )


@manager_view
def cohort_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = CohortForm(organisation, request.POST or None)
    if request.method == "POST" and form.is_valid():
        cohort = form.save()
        messages.success(
            request,
            _(
                "Cohort “%(name)s” created. Now add its trainees: send them its "
                "invitation link, or upload a CSV file."
            )
            % {"name": cohort.name},
        )
        return redirect("partners:cohort", organisation.pk, cohort.pk)
    return render(
        request,
        "partners/cohort_form.html",
        {"organisation": organisation, "section": "cohorts", "form": form},
    )


@manager_view
def cohort(
    request: HttpRequest, organisation: Organisation, cohort_id: int
) -> HttpResponse:
    """A cohort's members, its invitation link and the way to import more."""
    cohort = cohort_of(organisation, cohort_id)
    members = (
        CohortMember.objects.filter(cohort=cohort)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    return render(
        request,
        "partners/cohort.html",
        {
            "organisation": organisation,
            "section": "cohorts",
            "cohort": cohort,
            "courses": cohort.courses.order_by("title"),
            "members": [member.user for member in members],
            # Managers may be members too; only trainees have a progress page.
            "trainee_ids": set(
                trainees_of(organisation)
                .filter(cohorts=cohort)
                .values_list("pk", flat=True)
            ),
            "invite_url": invite_url(request, cohort.invite_code),
        },
    )


@manager_view
def roster_import(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """Upload a CSV file of trainees, check every row, then import them all at once.

    Step 1 (a file posted) only reads and reports: nothing is written. Step 2 (the
    sealed people posted back) imports them in one transaction.
    """
    if request.method == "POST" and "sealed" in request.POST:
        return confirm_import(request, organisation)
    cohort = None
    if request.GET.get("cohort"):
        cohort = cohort_of(organisation, request.GET["cohort"])
    form = RosterUploadForm(
        organisation,
        request.POST or None,
        request.FILES or None,
        initial={"cohort": cohort},
    )
    parsed, accounts, sealed = None, {}, ""
    if request.method == "POST" and form.is_valid():
        cohort = form.cleaned_data["cohort"]
        parsed = roster.parse_roster(
            form.cleaned_data["file"].read(roster.MAX_BYTES + 1)
        )
        accounts = services.existing_accounts([row.email for row in parsed.rows])
        if parsed.ok:
            sealed = roster.seal(
                organisation.pk, cohort.pk if cohort else None, parsed.people
            )
    return render(
        request,
        "partners/import.html",
        {
            "organisation": organisation,
            "section": "import",
            "example": roster.EXAMPLE,
            "form": form,
            "cohort": cohort,
            "roster": parsed,
            "existing": set(accounts),
            "new_count": sum(row.email not in accounts for row in parsed.rows)
            if parsed
            else 0,
            "sealed": sealed,
            "columns": roster.COLUMNS,
            "roles": roster.job_roles_in_english(),
            "max_age": roster.SEAL_MAX_AGE_MINUTES,
        },
    )


def confirm_import(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    try:
        cohort_id, people = roster.unseal(request.POST["sealed"], organisation.pk)
    except signing.SignatureExpired:
        messages.error(
            request,
            _(
                "The check of your file is more than %(minutes)d minutes old. "
                "Upload the file again."
            )
            % {"minutes": roster.SEAL_MAX_AGE_MINUTES},
        )
        return redirect("partners:import", organisation.pk)
    except signing.BadSignature as error:
        raise SuspiciousOperation("Altered or misplaced import.") from error
    cohort = cohort_of(organisation, cohort_id) if cohort_id else None
    result = services.import_roster(organisation, people, cohort)
    messages.success(request, import_summary(result, cohort))
    if cohort is not None:
        return redirect("partners:cohort", organisation.pk, cohort.pk)
    return redirect("partners:dashboard", organisation.pk)


def import_summary(result: services.ImportResult, cohort: Cohort | None) -> str:
    """What an import did, in a few sentences; counts of zero are left out."""
    sentences = [_("Import complete.")]
    if result.created:
        sentences.append(
            ngettext(
                "%(count)d new account was created and sent an invitation by e-mail.",
                "%(count)d new accounts were created, each sent an invitation by "
                "e-mail.",
                result.created,
            )
            % {"count": result.created}
        )
    if result.matched:
        sentences.append(
            ngettext(
                "%(count)d existing account was matched (its profile is unchanged).",
                "%(count)d existing accounts were matched (their profiles are "
                "unchanged).",
                result.matched,
            )
            % {"count": result.matched}
        )
    if cohort is not None and result.added_to_cohort:
        sentences.append(
            ngettext(
                "%(count)d person was added to the cohort “%(cohort)s”.",
                "%(count)d people were added to the cohort “%(cohort)s”.",
                result.added_to_cohort,
            )
            % {"count": result.added_to_cohort, "cohort": cohort.name}
        )
    elif cohort is not None:
        sentences.append(
            _("Everyone was already in the cohort “%(cohort)s”.")
            % {"cohort": cohort.name}
        )
    return " ".join(sentences)


def join(request: HttpRequest, code: str) -> HttpResponse:
    """Say what joining means, and join on POST; anonymous people log in first."""
    found = services.invitation(code)
    if found is None:
        raise Http404("No such invitation.")
    organisation, cohort = found
    if not request.user.is_authenticated:
        messages.info(
            request,
            _("To join %(organisation)s, log in or create an account.")
            % {"organisation": organisation.name},
        )
        return redirect_to_login(request.get_full_path())
    joined = services.has_joined(request.user, organisation, cohort)
    if request.method == "POST":
        services.admit([request.user], organisation, cohort)
        if joined:
            messages.info(
                request,
                _("You were already a member of %(organisation)s.")
                % {"organisation": organisation.name},
            )
        elif cohort is not None:
            messages.success(
                request,
                _(
                    "You joined %(organisation)s and its group “%(cohort)s”, and "
                    "you are enrolled in its courses."
                )
                % {"organisation": organisation.name, "cohort": cohort.name},
            )
        else:
            messages.success(
                request,
                _("You joined %(organisation)s.") % {"organisation": organisation.name},
            )
        return redirect("learning:dashboard")
    return render(
        request,
        "partners/join.html",
        {
            "organisation": organisation,
            "cohort": cohort,
            "courses": cohort.courses.live().order_by("title") if cohort else [],
            "joined": joined,
        },
    )
