"""How people join an organisation and its cohorts: invitation links and CSV imports.

Both ways end in `admit`: the person becomes a trainee of the organisation and, for a
cohort, a member of it enrolled in its courses. The import (`import_roster`) also
creates the accounts it does not find and, once everything is saved, e-mails each
person it changed something for.
"""

from dataclasses import dataclass

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from core.site import site_url
from learning import services as learning
from partners.models import Cohort, CohortMember, Membership, Organisation
from partners.roster import Person


@dataclass(frozen=True)
class Admission:
    """What admitting one person changed."""

    joined_organisation: bool
    joined_cohort: bool

    @property
    def changed(self) -> bool:
        return self.joined_organisation or self.joined_cohort


@dataclass(frozen=True)
class ImportResult:
    """The counts a manager sees after an import."""

    created: int
    matched: int
    added_to_cohort: int


def invitation(code: str) -> tuple[Organisation, Cohort | None] | None:
    """The organisation, and the cohort if it is a cohort's code, that an invitation
    code is for; None for an unknown code."""
    cohort = (
        Cohort.objects.select_related("organisation").filter(invite_code=code).first()
    )
    if cohort is not None:
        return cohort.organisation, cohort
    organisation = Organisation.objects.filter(invite_code=code).first()
    return (organisation, None) if organisation is not None else None


def has_joined(user: User, organisation: Organisation, cohort: Cohort | None) -> bool:
    """Whether `user` is already a member of the organisation (and of the cohort)."""
    if cohort is not None:
        return CohortMember.objects.filter(cohort=cohort, user=user).exists()
    return Membership.objects.filter(organisation=organisation, user=user).exists()


@transaction.atomic
def admit(
    users: list[User], organisation: Organisation, cohort: Cohort | None
) -> list[Admission]:
    """Make each of `users` a trainee of `organisation` and, with a cohort, a member
    of it enrolled in its published courses; say what changed for each, in order.

    A manager of the organisation stays a manager. Admitting someone again changes
    nothing: in particular, a trainee who has left one of the cohort's courses is not
    enrolled in it again. A few queries serve any number of people, plus the
    enrolments.
    """
    ids = [user.pk for user in users]
    members = set(
        Membership.objects.filter(organisation=organisation, user__in=ids).values_list(
            "user", flat=True
        )
    )
    # Conflicts are ignored so that two requests admitting someone at the same
    # moment (a double click) both succeed; the unique constraint keeps one row.
    Membership.objects.bulk_create(
        [
            Membership(organisation=organisation, user=user)
            for user in users
            if user.pk not in members
        ],
        ignore_conflicts=True,
    )
    in_cohort = set(ids)  # without a cohort, nobody joins one
    if cohort is not None:
        in_cohort = set(
            CohortMember.objects.filter(cohort=cohort, user__in=ids).values_list(
                "user", flat=True
            )
        )
        newcomers = [user for user in users if user.pk not in in_cohort]
        CohortMember.objects.bulk_create(
            [CohortMember(cohort=cohort, user=user) for user in newcomers],
            ignore_conflicts=True,
        )
        courses = list(cohort.courses.live())
        for user in newcomers:
            for course in courses:
                learning.enrol(user, course)
    return [
        Admission(
            joined_organisation=user.pk not in members,
            joined_cohort=user.pk not in in_cohort,
        )
        for user in users
    ]


def existing_accounts(emails: list[str]) -> dict[str, User]:
    """The accounts of these (lower-case) e-mail addresses, by address, whatever the
    case the address was saved in."""
    users = User.objects.annotate(email_lower=Lower("email")).filter(
        email_lower__in=emails
    )
    return {user.email_lower: user for user in users}


def import_roster(
    organisation: Organisation, people: list[Person], cohort: Cohort | None
) -> ImportResult:
    """Admit every person, creating the accounts that do not exist; all or nothing.

    Existing accounts are matched by e-mail address, ignoring case, and their profile
    is left as it is. After the transaction commits, the people it changed something
    for are e-mailed: an invitation to set a password if they have none yet, else a
    note that they were added.
    """
    with transaction.atomic():
        accounts = existing_accounts([person.email for person in people])
        created = create_invited_accounts(
            [person for person in people if person.email not in accounts]
        )
        by_email = accounts | {user.email: user for user in created}
        users = [by_email[person.email] for person in people]
        admissions = admit(users, organisation, cohort)
        to_mail = [
            user
            for user, admission in zip(users, admissions, strict=True)
            if admission.changed
        ]
        transaction.on_commit(lambda: send_welcomes(to_mail, organisation, cohort))
    return ImportResult(
        created=len(created),
        matched=len(accounts),
        added_to_cohort=sum(admission.joined_cohort for admission in admissions),
    )


def create_invited_accounts(people: list[Person]) -> list[User]:
    """New accounts for imported people, without a usable password.

    Their addresses count as verified: nobody can log in before setting a password
    through the link that was sent to that address. They are in the site's default
    language until each person changes it.
    """
    users = [
        User(
            # Lower case already (roster), as User.save, which bulk_create skips,
            # would make it.
            email=person.email,
            first_name=person.first_name,
            last_name=person.last_name,
            certificate_name=person.name,
            country=person.country,
            job_role=person.job_role,
        )
        for person in people
    ]
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_create(users)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True)
        for user in users
    )
    return users


def set_password_url(user: User) -> str:
    """A link to django-allauth's "set a new password" page for `user`.

    It works once, for PASSWORD_RESET_TIMEOUT, like a link from "Forgot your
    password?".
    """
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return site_url(path)


def send_welcomes(
    users: list[User], organisation: Organisation, cohort: Cohort | None
) -> None:
    """E-mail each person, in their language, that they were added: with a link to
    set a password if they have none yet, else a shorter note."""
    courses = [
        (course.title, site_url(course.relative_url(course.get_site())))
        for course in (cohort.courses.live() if cohort is not None else [])
    ]
    messages = []
    for user in users:
        invited = not user.has_usable_password()
        with translation.override(user.preferred_language):
            context = {
                "user": user,
                "organisation": organisation,
                "cohort": cohort,
                "courses": courses,
                "login_url": site_url(reverse("account_login")),
                "reset_url": site_url(reverse("account_reset_password")),
                "learning_url": site_url(reverse("learning:dashboard")),
                "set_password_url": set_password_url(user) if invited else "",
                "link_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
            }
            kind = "invitation" if invited else "added"
            subject = render_to_string(
                f"partners/email/{kind}_subject.txt", context
            ).strip()
            body = render_to_string(f"partners/email/{kind}_body.txt", context)
        messages.append(EmailMessage(subject, body, None, [user.email]))
    if messages:
        get_connection().send_messages(messages)
