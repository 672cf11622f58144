"""Forms for the practitioner's profile, used at sign-up and on the profile page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User

PROFILE_FIELDS = [
    "certificate_name",
    "country",
    "agency",
    "job_role",
    "preferred_language",
    "gender",
]
REQUIRED_PROFILE_FIELDS = {"certificate_name", "country", "agency", "job_role"}


class ProfileFieldsMixin:
    """Adds the profile fields to a form; all but gender are required."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in forms.fields_for_model(User, PROFILE_FIELDS).items():
            self.fields.setdefault(name, field)
        for name in REQUIRED_PROFILE_FIELDS:
            self.fields[name].required = True
        self.fields["gender"].choices = [("", _("Not given")), *User.Gender.choices]


class ProfileForm(ProfileFieldsMixin, forms.ModelForm):
    """The profile a signed-in practitioner keeps up to date."""

    class Meta:
        model = User
        fields = [*PROFILE_FIELDS, "reminders"]


class SignupForm(ProfileFieldsMixin, forms.Form):
    """The profile part of sign-up; django-allauth adds e-mail and password."""

    def signup(self, request, user: User) -> None:
        for name in PROFILE_FIELDS:
            setattr(user, name, self.cleaned_data[name])
        user.save(update_fields=PROFILE_FIELDS)
