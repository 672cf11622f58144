"""The certificate as an A4 landscape PDF, drawn by WeasyPrint from an HTML template.

WeasyPrint shapes Arabic and lays out right-to-left text itself, and the DejaVu fonts
shipped in `certificates/fonts/` cover Latin (Vietnamese and French included),
Cyrillic and Arabic, so names print correctly in every script trainees write them in
without any download at run time (docs/decisions/0004).
"""

import base64
import io
from pathlib import Path

import segno
from django.template.loader import render_to_string
from wagtail.images import get_image_model
from weasyprint import HTML

from certificates import offline, signing
from certificates.models import Certificate

FONTS_DIR = Path(__file__).resolve().parent / "fonts"


def qr_text(certificate: Certificate, verify_url: str) -> str:
    """What the QR code says: `verify_url`, then the signed details after `#` for
    checking with no network (certificates/offline.py)."""
    return offline.signed_qr_text(
        verify_url,
        certificate.name,
        certificate.course_title,
        certificate.completed_on,
        signing.private_key(),
    )


def qr_png_data_uri(text: str) -> str:
    """`text` as a QR code: a PNG of 4×4 pixels per module, drawn unsmoothed.

    The address and the signature's digits are separate segments, so that the digits
    are stored in numeric mode, at under half the size of letters. A tiny PNG is drawn
    about 30 ms faster than the same code as SVG paths; at one pixel per module, a
    150 dpi scan of the page no longer decodes.
    """
    address, mark, digits = text.partition("#")
    code = segno.make([address + mark, digits], error="m", micro=False)
    png = io.BytesIO()
    code.save(png, kind="png", scale=4, border=2)
    return "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()


def image_data_uri(image_id: int | None, spec: str) -> str | None:
    """A small PNG rendition of an image, inlined so the PDF needs no file access.

    None when there is no image, or it was deleted after the certificate was issued.
    """
    image = get_image_model().objects.filter(pk=image_id).first() if image_id else None
    if image is None:
        return None
    rendition = image.get_rendition(f"{spec}|format-png")
    with rendition.file.open("rb") as png:
        return "data:image/png;base64," + base64.b64encode(png.read()).decode()


def signatories_with_images(certificate: Certificate) -> list[dict]:
    """The signatories recorded at issue, each with its signature as a data URI."""
    return [
        {**person, "signature": image_data_uri(person["signature"], "max-360x120")}
        for person in certificate.signatories
    ]


def render_pdf(certificate: Certificate, verify_url: str) -> bytes:
    """The PDF of `certificate`; `verify_url` is the public page its QR code opens."""
    html = render_to_string(
        "certificates/certificate_pdf.html",
        {
            "certificate": certificate,
            "verify_url": verify_url,
            "qr": qr_png_data_uri(qr_text(certificate, verify_url)),
            "fonts_dir": FONTS_DIR.as_uri(),
            "logo": image_data_uri(certificate.logo_id, "max-400x200"),
            "signatories": signatories_with_images(certificate),
        },
    )
    return HTML(string=html, base_url=str(FONTS_DIR)).write_pdf()
