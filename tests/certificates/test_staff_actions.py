"""Staff revoke a certificate with a reason, or re-issue it after a name correction;
every action is recorded with who and when."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from certificates.models import Certificate, CertificateAction
from tests.factories.accounts import TraineeFactory, UserFactory
from tests.factories.learning import finish_course


def staff_client(client):
    staff = UserFactory(email="registrar@example.org", superuser=True)
    client.force_login(staff)
    return staff


def test_staff_revoke_with_a_reason(client, trainee, course):
    certificate = finish_course(trainee, course)
    staff = staff_client(client)
    page = client.get(reverse("certificates_admin:inspect", args=[certificate.pk]))
    assert "Revoke this certificate" in page.content.decode()

    client.post(
        reverse("certificates_revoke", args=[certificate.pk]),
        {"reason": "Completion recorded in error"},
    )

    certificate.refresh_from_db()
    assert certificate.is_revoked
    action = CertificateAction.objects.get()
    assert (action.kind, action.by, action.reason) == (
        "revoked",
        staff,
        "Completion recorded in error",
    )
    public = client.get(reverse("certificates:verify_code", args=[certificate.code]))
    assert "Completion recorded in error" in public.content.decode()


def test_revocation_needs_a_reason(client, trainee, course):
    certificate = finish_course(trainee, course)
    staff_client(client)
    response = client.post(
        reverse("certificates_revoke", args=[certificate.pk]),
        {"reason": " "},
        follow=True,
    )
    assert "Give the reason for the revocation." in response.content.decode()
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_reissue_after_a_name_correction(client, trainee, course):
    certificate = finish_course(trainee, course)
    trainee.certificate_name = "Amina Wanjiru Kamau"
    trainee.save()
    staff_client(client)

    client.post(reverse("certificates_reissue", args=[certificate.pk]))

    certificate.refresh_from_db()
    replacement = Certificate.objects.get(revoked_at__isnull=True)
    assert certificate.is_revoked and replacement.code != certificate.code
    assert replacement.name == "Amina Wanjiru Kamau"
    assert replacement.completed_on == certificate.completed_on
    kinds = set(CertificateAction.objects.values_list("kind", flat=True))
    assert kinds == {"revoked", "reissued"}


def test_only_staff_with_permission_act(client, trainee, course):
    certificate = finish_course(trainee, course)
    viewer = TraineeFactory(email="viewer@example.org")
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_certificate"])
    )
    client.force_login(viewer)
    page = client.get(reverse("certificates_admin:inspect", args=[certificate.pk]))
    assert "Revoke this certificate" not in page.content.decode()
    client.post(reverse("certificates_revoke", args=[certificate.pk]), {"reason": "x"})
    certificate.refresh_from_db()
    assert not certificate.is_revoked
