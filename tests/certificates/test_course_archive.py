"""Staff download all the certificates of a course as one ZIP, streamed."""

import io
import uuid
import zipfile
from http import HTTPStatus

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.factories.accounts import TraineeFactory, UserFactory
from tests.factories.learning import finish_course


def staff_client(client):
    client.force_login(UserFactory(email="registrar@example.org", superuser=True))
    return client


def test_staff_download_a_courses_certificates_as_one_zip(client, course):
    names = ["Amina K.", "Nguyễn Văn An", "ليلى الحداد"]
    certificates = []
    for number, name in enumerate(names):
        trainee = TraineeFactory(email=f"trainee{number}@example.org")
        trainee.certificate_name = name
        trainee.save()
        certificates.append(finish_course(trainee, course))
    revoked = certificates.pop()
    revoked.revoked_at = timezone.now()
    revoked.save()
    staff_client(client)

    listing = client.get(reverse("certificates_course_archives"))
    assert "Cybercrime basics" in listing.content.decode()
    url = reverse("certificates_course_archive", args=[course.translation_key])
    assert url in listing.content.decode()

    response = client.get(url)

    assert response.status_code == HTTPStatus.OK
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    assert "certificates-cybercrime-basics.zip" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.testzip() is None
    members = sorted(archive.namelist())
    assert members == sorted(
        [
            f"amina-k-{certificates[0].code}.pdf",
            f"nguyễn-văn-an-{certificates[1].code}.pdf",
        ]
    )
    for member, certificate in zip(
        members, sorted(certificates, key=lambda c: c.name), strict=True
    ):
        text = PdfReader(io.BytesIO(archive.read(member))).pages[0].extract_text()
        assert certificate.name in text


def test_the_certificates_listing_links_to_the_course_downloads(client, course):
    staff_client(client)
    html = client.get(reverse("certificates_admin:index")).content.decode()
    assert reverse("certificates_course_archives") in html


def test_empty_state_and_unknown_course(client, db):
    staff_client(client)
    listing = client.get(reverse("certificates_course_archives")).content.decode()
    assert "No certificates have been issued yet" in listing
    response = client.get(reverse("certificates_course_archive", args=[uuid.uuid4()]))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_trainees_cannot_download_archives(client, trainee, course):
    finish_course(trainee, course)
    client.force_login(trainee)
    response = client.get(
        reverse("certificates_course_archive", args=[course.translation_key])
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
