"""Demo accounts for a local try-out of the platform. Never used in production.

The passwords are public on purpose (the README lists them); `seed_demo` prints them.
"""

from dataclasses import dataclass

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


def ensure_demo_accounts(instructors: Group) -> list[tuple[DemoLogin, bool]]:
    """Create the demo accounts that do not exist yet; existing ones are not changed.

    Returns each login with whether it was created in this run.
    """
    results = []
    for login in (ADMIN, INSTRUCTOR, TRAINEE):
        user = User.objects.filter(email=login.email).first()
        created = user is None
        if created:
            names = {"first_name": login.first_name, "last_name": login.last_name}
            if login is ADMIN:
                user = User.objects.create_superuser(
                    login.email, login.password, **names
                )
            else:
                user = User.objects.create_user(login.email, login.password, **names)
            if login is INSTRUCTOR:
                user.groups.add(instructors)
        results.append((login, created))
    return results
