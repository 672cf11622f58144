"""The certificate PDF: A4 landscape, the trainee's name in their own script, the
course and the verification address, read back from the real PDF."""

import io
from http import HTTPStatus

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories.accounts import TraineeFactory
from tests.factories.learning import finish_course


@pytest.mark.parametrize(
    "name", ["Nguyễn Thị Minh Khai", "Éloïse Dubois-Lefèvre", "Сергей Иванов"]
)
def test_pdf_carries_name_course_and_code(client, trainee, course, name):
    trainee.certificate_name = name
    trainee.save()
    certificate = finish_course(trainee, course)
    client.force_login(trainee)

    response = client.get(reverse("certificates:download", args=[certificate.code]))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = page.extract_text()
    assert name in text
    assert "Cybercrime basics" in text
    assert certificate.code in text.replace("\n", "")


def test_arabic_name_is_drawn_with_the_shipped_font(client, trainee, course):
    trainee.certificate_name = "ليلى الحداد"
    trainee.save()
    certificate = finish_course(trainee, course)
    client.force_login(trainee)
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    fonts = [f.get_object()["/BaseFont"] for f in page["/Resources"]["/Font"].values()]
    assert all(
        font.endswith(("Certificate-Sans", "Certificate-Sans-Bold")) for font in fonts
    )
    text = page.extract_text()
    assert any("\u0600" <= ch <= "\u06ff" or "\ufe70" <= ch <= "\ufeff" for ch in text)


def test_only_the_owner_downloads_the_pdf(client, trainee, course):
    certificate = finish_course(trainee, course)
    client.force_login(TraineeFactory(email="other@example.org"))
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == HTTPStatus.NOT_FOUND
