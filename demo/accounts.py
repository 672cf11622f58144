"""Demo accounts for a local try-out of the platform. Never used in production.

The passwords are public on purpose (the README lists them); `seed_demo` prints them.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import User


@dataclass(frozen=True)
class DemoLogin:
    """One demo account: what it is for and how to log in."""

    role: str
    email: str
    password: str
    first_name: str
    last_name: str


ADMIN = DemoLogin(
    "Administrator", "admin@example.org", "demo-admin-2026", "Ada", "Admin"
)
INSTRUCTOR = DemoLogin(
    "Instructor", "instructor@example.org", "demo-instructor-2026", "Ines", "Instructor"
)
TRAINEE = DemoLogin(
    "Trainee", "trainee@example.org", "demo-trainee-2026", "Tomas", "Trainee"
)


def create_verified_user(
    email: str, password: str | None, *, superuser: bool = False, **profile
) -> User:
    """A demo account with a verified e-mail address, so it can log in at once."""
    create = User.objects.create_superuser if superuser else User.objects.create_user
    user = create(email, password, **profile)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def ensure_demo_accounts(instructors: Group) -> list[tuple[DemoLogin, bool]]:
    """Create the demo accounts that do not exist yet; existing ones are not changed.

    New accounts get a filled-in profile and a verified e-mail address, so they can
    log in at once. Returns each login with whether it was created in this run.
    """
    results = []
    for login in (ADMIN, INSTRUCTOR, TRAINEE):
        created = not User.objects.filter(email=login.email).exists()
        if created:
            user = create_verified_user(
                login.email,
                login.password,
                superuser=login is ADMIN,
                first_name=login.first_name,
                last_name=login.last_name,
                certificate_name=f"{login.first_name} {login.last_name}",
                country="KE",
                agency="National Police Service, Cybercrime Unit",
                job_role=User.JobRole.INVESTIGATOR,
            )
            if login is INSTRUCTOR:
                user.groups.add(instructors)
        results.append((login, created))
    return results
