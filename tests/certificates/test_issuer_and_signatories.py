"""Instructors set a course's issuer, logo and signatories; each certificate prints
them as they were when it was issued."""

import io

from django.urls import reverse
from pypdf import PdfReader

from certificates.models import CertificateSignatory
from tests.factories.images import ImageFactory
from tests.factories.learning import finish_course


def sign_course(course) -> None:
    course.certificate_issuer = "Kenya Police Training College"
    course.certificate_logo = ImageFactory(
        title="College crest", file__width=200, file__height=200
    )
    course.save()
    for order, (name, title) in enumerate(
        [("Grace Wanjiru", "Commandant"), ("Олег Петров", "Course director")]
    ):
        CertificateSignatory.objects.create(
            course=course,
            sort_order=order,
            name=name,
            title=title,
            signature=ImageFactory(
                title=f"Signature {order}", file__color=["black", "darkblue"][order]
            ),
        )


def test_certificate_records_issuer_and_signatories(trainee, course):
    sign_course(course)
    certificate = finish_course(trainee, course)
    assert certificate.issuer == "Kenya Police Training College"
    assert certificate.logo == course.certificate_logo
    assert [(s["name"], s["title"]) for s in certificate.signatories] == [
        ("Grace Wanjiru", "Commandant"),
        ("Олег Петров", "Course director"),
    ]


def test_pdf_prints_issuer_signatories_and_their_images(client, trainee, course):
    sign_course(course)
    certificate = finish_course(trainee, course)
    client.force_login(trainee)

    response = client.get(reverse("certificates:download", args=[certificate.code]))

    page = PdfReader(io.BytesIO(response.content)).pages[0]
    text = page.extract_text()
    for printed in [
        "KENYA POLICE TRAINING COLLEGE",  # the issuer is set in capitals
        "Grace Wanjiru",
        "Commandant",
        "Олег Петров",
        "Course director",
    ]:
        assert printed in text
    assert len(page.images) == 4  # the QR code, the logo and two signatures


def test_later_course_edits_do_not_change_an_issued_certificate(trainee, course):
    sign_course(course)
    certificate = finish_course(trainee, course)
    course.certificate_issuer = "Another college"
    course.save()
    course.certificate_signatories.all().delete()

    certificate.refresh_from_db()
    assert certificate.issuer == "Kenya Police Training College"
    assert len(certificate.signatories) == 2


def test_a_deleted_signature_image_leaves_the_name_on_the_pdf(client, trainee, course):
    sign_course(course)
    certificate = finish_course(trainee, course)
    for signatory in course.certificate_signatories.all():
        signatory.signature.delete()
    client.force_login(trainee)

    response = client.get(reverse("certificates:download", args=[certificate.code]))

    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert "Grace Wanjiru" in page.extract_text()
    assert len(page.images) == 2  # the QR code and the logo


def test_default_issuer_without_signatories(client, trainee, course):
    certificate = finish_course(trainee, course)
    client.force_login(trainee)
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert "CONVENTION ACADEMY" in page.extract_text()
    assert len(page.images) == 1  # the QR code
