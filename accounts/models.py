"""The platform's user model: one account per person, identified by e-mail address.

It exists from the first migration so that sign-up, profiles and organisations can
build on it without swapping the user model later.
"""

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class UserManager(BaseUserManager["User"]):
    """Creates users from an e-mail address instead of a username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(
        self, email: str, password: str | None = None, **extra_fields
    ) -> "User":
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(
        self, email: str, password: str | None = None, **extra_fields
    ) -> "User":
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A trainee, instructor, partner manager or staff member; logs in with e-mail.

    The profile fields describe the practitioner: certificates print the certificate
    name, and partner and donor reports count people by country, role and gender.
    """

    class JobRole(models.TextChoices):
        INVESTIGATOR = "investigator", _("Investigator or police officer")
        PROSECUTOR = "prosecutor", _("Prosecutor")
        JUDGE = "judge", _("Judge")
        FORENSIC_EXAMINER = "forensic_examiner", _("Forensic examiner")
        POLICY_OFFICER = "policy_officer", _("Policy officer")
        OTHER = "other", _("Other")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        ANOTHER = "another", _("Another gender")
        PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    certificate_name = models.CharField(
        _("name on certificates"),
        max_length=200,
        blank=True,
        help_text=_(
            "Your full name exactly as it must appear on your certificates, in your "
            "own script."
        ),
    )
    country = CountryField(_("country"), blank=True)
    agency = models.CharField(
        _("agency or institution"),
        max_length=200,
        blank=True,
        help_text=_("For example: National Police, Cybercrime Unit."),
    )
    job_role = models.CharField(
        _("job role"), max_length=30, choices=JobRole.choices, blank=True
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    reminders = models.BooleanField(
        _("e-mail me reminders"),
        default=True,
        help_text=_(
            "A reminder when a cohort you belong to ends within two weeks and a course "
            "is unfinished, and when a certificate of yours expires within a month."
        ),
    )
    gender = models.CharField(
        _("gender"),
        max_length=20,
        choices=Gender.choices,
        blank=True,
        help_text=_(
            "Optional. Only used, without names, in training figures that funders "
            "ask for."
        ),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs) -> None:
        self.email = type(self).objects.normalize_email(self.email).lower()
        super().save(*args, **kwargs)
