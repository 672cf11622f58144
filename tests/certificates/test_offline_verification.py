"""The QR code on a certificate carries a digital signature that a border post or a
court checks with no network: with the standalone script and the published public
key, or with `manage.py verify_certificate`; altered details or another key fail."""

import io
import subprocess
import sys
import uuid
from datetime import date
from http import HTTPStatus
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command
from django.urls import reverse

from certificates import offline, signing
from certificates.models import Certificate
from certificates.pdf import qr_text
from core.site import site_url
from tests.factories.courses import CoursePageFactory
from tests.factories.learning import finish_course

GARBAGE = [
    "hello",
    "http://testserver/verify/abc/",
    "http://testserver/verify/abc/#12x45",
    "http://testserver/verify/abc/#" + "1" * 40,
    "#123",
]


@pytest.fixture
def certificate(trainee) -> Certificate:
    return Certificate.objects.create(
        learner=trainee,
        course_key=uuid.uuid4(),
        name="Amina K.",
        course_title="Cybercrime basics",
        completed_on=date(2026, 3, 15),
        estimated_hours=3,
    )


@pytest.fixture
def signed(certificate) -> str:
    """The text a QR reader gets from the certificate."""
    return qr_text(certificate, verify_url(certificate))


@pytest.fixture
def offline_kit(client, tmp_path) -> Path:
    """A folder with what a verifier downloads, without logging in, before going
    offline: the script and the site's public key."""
    for name, url in [
        ("offline.py", reverse("certificates:offline_check")),
        ("site-public-key.pem", reverse("certificates:public_key")),
    ]:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK
        (tmp_path / name).write_bytes(response.content)
    return tmp_path


def verify_url(certificate: Certificate) -> str:
    return site_url(reverse("certificates:verify_code", args=[certificate.code]))


def altered(text: str, old: str, new: str) -> str:
    """`text` with `old` replaced by `new` in its signed details and the signature
    kept: what a forger who edits a genuine QR code would print."""
    address, mark, digits = text.partition("#")
    payload = offline.from_digits(digits)
    assert payload.count(old.encode()) == 1
    return (
        address + mark + offline.to_digits(payload.replace(old.encode(), new.encode()))
    )


def run_script(
    kit: Path, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The copied script, run alone as on an offline laptop: isolated mode, an empty
    environment (no DJANGO_SETTINGS_MODULE), nothing but its own folder."""
    return subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-I",
            "offline.py",
            "--public-key",
            "site-public-key.pem",
            *args,
        ],
        cwd=kit,
        env={},
        input=stdin,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )


def verify_command(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_certificate", *args, stdout=out, stderr=err)
    except SystemExit as exited:
        return exited.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_qr_text_is_the_verification_address_with_a_signature(
    client, certificate, signed
):
    assert signed.startswith(verify_url(certificate) + "#")
    assert signed.partition("#")[2].isdigit()

    response = client.get(signed)  # what a phone opens: the fragment is not sent

    assert response.status_code == HTTPStatus.OK
    assert "Amina K." in response.content.decode()


def test_signed_qr_text_verifies_with_the_site_key(certificate, signed):
    result = offline.check(signed, [signing.public_key()])

    assert result.valid
    assert result.reason == ""
    assert result.code == certificate.code
    assert result.name == "Amina K."
    assert result.course_title == "Cybercrime basics"
    assert result.completed_on == date(2026, 3, 15)
    assert result.key_id == signing.key_id()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Amina K.", "Amina Z."),
        ("Cybercrime basics", "Cybercrime expert"),
        ("2026-03-15", "2025-03-15"),
    ],
)
def test_changing_a_signed_detail_fails(signed, old, new):
    result = offline.check(altered(signed, old, new), [signing.public_key()])

    assert not result.valid
    assert new in [result.name, result.course_title, result.completed_on.isoformat()]
    assert "does not match these details" in result.reason


def test_changing_the_code_fails(certificate, signed):
    other_code = "A" * len(certificate.code)
    result = offline.check(
        signed.replace(certificate.code, other_code), [signing.public_key()]
    )
    assert not result.valid
    assert result.code == other_code


def test_another_key_fails(certificate):
    forger = Ed25519PrivateKey.generate()
    forged = offline.signed_qr_text(
        verify_url(certificate), "Amina K.", "Cybercrime basics", date.today(), forger
    )

    result = offline.check(forged, [signing.public_key()])

    assert not result.valid
    assert offline.key_id_of(forger.public_key()) in result.reason
    assert "not among the public keys given" in result.reason


def test_another_key_fails_even_under_the_site_key_id(certificate):
    forger = Ed25519PrivateKey.generate()
    forged = offline.signed_qr_text(
        verify_url(certificate), "Amina K.", "Cybercrime basics", date.today(), forger
    )
    address, mark, digits = forged.partition("#")
    payload = bytearray(offline.from_digits(digits))
    payload[1 : 1 + offline.KEY_ID_BYTES] = bytes.fromhex(signing.key_id())

    result = offline.check(
        address + mark + offline.to_digits(bytes(payload)), [signing.public_key()]
    )

    assert not result.valid
    assert "does not match these details" in result.reason


def test_the_site_key_is_chosen_among_several_by_key_id(signed):
    retired = Ed25519PrivateKey.generate().public_key()
    assert offline.check(signed, [retired, signing.public_key()]).valid


def test_public_key_is_published_without_login(client):
    response = client.get(reverse("certificates:public_key"))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f"Key id: {signing.key_id()}" in text
    assert "-----BEGIN PUBLIC KEY-----" in text
    published = serialization.load_pem_public_key(response.content)
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    assert published.public_bytes(*raw) == signing.public_key().public_bytes(*raw)


def test_verification_page_links_to_the_key_and_the_offline_check(client, db):
    html = client.get(reverse("certificates:verify")).content.decode()
    assert f'href="{reverse("certificates:public_key")}"' in html
    assert f'href="{reverse("certificates:offline_check")}"' in html


def test_standalone_script_says_authentic_with_the_published_key(offline_kit, signed):
    checked = run_script(offline_kit, signed)

    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("AUTHENTIC")
    for detail in ["Amina K.", "Cybercrime basics", "2026-03-15", signing.key_id()]:
        assert detail in checked.stdout
    assert "revoked" in checked.stdout
    assert signed.partition("#")[0] in checked.stdout  # where to check online


def test_standalone_script_reads_a_scan_from_standard_input(offline_kit, signed):
    checked = run_script(offline_kit, "-", stdin=signed + "\n")
    assert checked.returncode == 0, checked.stderr


def test_standalone_script_rejects_altered_details(offline_kit, signed):
    checked = run_script(offline_kit, altered(signed, "Amina K.", "Amina Z."))

    assert checked.returncode == 1
    assert checked.stdout.startswith("NOT AUTHENTIC")
    assert "Do not rely on these details" in checked.stdout


@pytest.mark.parametrize("text", GARBAGE)
def test_standalone_script_rejects_unreadable_text(offline_kit, text):
    checked = run_script(offline_kit, text)

    assert checked.returncode == 2
    assert checked.stdout == ""
    assert checked.stderr.startswith("Cannot check this certificate: ")


def test_standalone_script_rejects_a_file_that_is_not_a_public_key(offline_kit, signed):
    (offline_kit / "site-public-key.pem").write_text("not a key")

    checked = run_script(offline_kit, signed)

    assert checked.returncode == 2
    assert "cannot read the public key file" in checked.stderr


def test_command_checks_with_the_site_key(signed):
    status, out, _ = verify_command(signed)

    assert status == 0
    assert out.startswith("AUTHENTIC")
    assert "Amina K." in out


def test_command_fails_on_altered_details(signed):
    status, out, _ = verify_command(
        altered(signed, "Cybercrime basics", "Cybercrime expert")
    )
    assert status == 1
    assert out.startswith("NOT AUTHENTIC")


@pytest.mark.parametrize("text", GARBAGE)
def test_command_rejects_unreadable_text(text):
    status, out, err = verify_command(text)

    assert status == 2
    assert out == ""
    assert "Cannot check this certificate" in err


def test_command_checks_with_a_given_public_key(signed, tmp_path):
    other = tmp_path / "other.pem"
    other.write_bytes(
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )

    status, out, _ = verify_command(signed, "--public-key", str(other))

    assert status == 1
    assert "not among the public keys given" in out


def test_command_refuses_a_missing_key_file(signed, tmp_path):
    with pytest.raises(CommandError) as refused:
        verify_command(signed, "--public-key", str(tmp_path / "missing.pem"))
    assert refused.value.returncode == 2


ARABIC_60 = "عبد الرحمن بن محمد بن إبراهيم بن عمرو الحسيني القرشي الهاشمي"
VIETNAMESE_60 = "Nguyễn Thị Phương Thảo Trần Hoàng Đức Minh Lê Văn Khải Ánh Ý"
PRACTITIONERS_COURSE = "The UN Convention against Cybercrime: a practitioner's course"
ARABIC_COURSE = "اتفاقية الأمم المتحدة لمكافحة الجريمة السيبرانية: دورة للممارسين"


@pytest.mark.parametrize(
    ("name", "course_title"),
    [
        ("ليلى الحداد", "Cybercrime basics"),
        (ARABIC_60, PRACTITIONERS_COURSE),
        (VIETNAMESE_60, PRACTITIONERS_COURSE),
        (ARABIC_60, ARABIC_COURSE),
    ],
)
def test_qr_read_from_the_printed_pdf_verifies(
    client, trainee, tmp_path, name, course_title
):
    trainee.certificate_name = name
    trainee.save()
    certificate = finish_course(trainee, CoursePageFactory(title=course_title))
    client.force_login(trainee)
    pdf = client.get(reverse("certificates:download", args=[certificate.code]))
    (tmp_path / "certificate.pdf").write_bytes(pdf.content)

    subprocess.run(  # noqa: S603
        ["pdftoppm", "-r", "150", "-png", "-singlefile", "certificate.pdf", "page"],  # noqa: S607
        cwd=tmp_path,
        check=True,
    )
    scanned = subprocess.run(  # noqa: S603
        ["zbarimg", "--raw", "-q", "page.png"],  # noqa: S607
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()

    result = offline.check(scanned, [signing.public_key()])
    assert result.valid, result.reason
    assert (result.name, result.course_title) == (name, course_title)
    assert result.code == certificate.code
