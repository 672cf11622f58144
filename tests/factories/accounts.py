"""People: a bare account, and a trainee who signed up and verified the address."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Permission
from factory.django import DjangoModelFactory

from accounts.models import User

PASSWORD = "correct horse battery"  # every factory-made account's password


class UserFactory(DjangoModelFactory):
    """An account with no profile, made by the user manager as sign-up makes it.

    `superuser=True` makes a superuser; `permissions=["app_label.codename", ...]`
    grants model permissions.
    """

    email = factory.Sequence(lambda n: f"user{n}@factory.example")
    password = PASSWORD

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    @classmethod
    def _create(cls, model_class, *args, **kwargs) -> User:
        return model_class.objects.create_user(*args, **kwargs)

    @factory.post_generation
    def permissions(user, create, extracted, **kwargs):
        for name in extracted or ():
            app_label, codename = name.split(".")
            user.user_permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )


class EmailAddressFactory(DjangoModelFactory):
    """A verified, primary allauth address: its owner may log in."""

    user = factory.SubFactory(UserFactory)
    email = factory.SelfAttribute("user.email")
    verified = True
    primary = True

    class Meta:
        model = EmailAddress


class TraineeFactory(UserFactory):
    """A trainee with a verified e-mail address and a complete profile."""

    first_name = "Amina"
    last_name = "K."
    certificate_name = "Amina K."
    country = "KE"
    agency = "National Police Service"
    job_role = User.JobRole.INVESTIGATOR
    email_address = factory.RelatedFactory(
        EmailAddressFactory,
        factory_related_name="user",
        email=factory.SelfAttribute("..email"),
    )
