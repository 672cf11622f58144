"""The certificate as an A4 landscape PDF, drawn by WeasyPrint from an HTML template.

WeasyPrint shapes Arabic and lays out right-to-left text itself, and the DejaVu fonts
shipped in `certificates/fonts/` cover Latin (Vietnamese and French included),
Cyrillic and Arabic, so names print correctly in every script trainees write them in
without any download at run time (docs/decisions/0004).
"""

from pathlib import Path

import segno
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import HTML

from certificates.models import Certificate

FONTS_DIR = Path(__file__).resolve().parent / "fonts"


def qr_svg(url: str) -> str:
    """The verification address as an inline SVG QR code."""
    return segno.make(url, error="m").svg_inline(scale=4, border=2)


def render_pdf(certificate: Certificate, verify_url: str) -> bytes:
    """The PDF of `certificate`; `verify_url` is the public page its QR code opens."""
    html = render_to_string(
        "certificates/certificate_pdf.html",
        {
            "certificate": certificate,
            "verify_url": verify_url,
            "qr": mark_safe(qr_svg(verify_url)),  # noqa: S308 - segno's own SVG
            "fonts_dir": FONTS_DIR.as_uri(),
        },
    )
    return HTML(string=html, base_url=str(FONTS_DIR)).write_pdf()
