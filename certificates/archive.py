"""Many certificates as one ZIP of PDFs, streamed while it is drawn.

Each PDF is drawn, added and sent before the next one, so a course with thousands of
certificates neither waits minutes for the first byte nor holds the archive in memory.
Partner managers' cohort downloads use the same function with their own queryset.
"""

import zipfile
from collections.abc import Iterator

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.text import slugify

from certificates.models import Certificate
from certificates.pdf import render_pdf
from core.site import site_url


class _Chunks:
    """A write-only file whose contents are collected until the next `drain`."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: `drain` hands the bytes on."""

    def drain(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def member_name(certificate: Certificate) -> str:
    """`<name>-<code>.pdf`, in the holder's own script; the code keeps names unique."""
    name = slugify(certificate.name, allow_unicode=True) or "certificate"
    return f"{name}-{certificate.code}.pdf"


def certificates_zip(certificates: QuerySet[Certificate]) -> Iterator[bytes]:
    """The PDFs of `certificates` as the bytes of one ZIP file, piece by piece."""
    sink = _Chunks()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates.iterator(chunk_size=200):
            verify_url = site_url(
                reverse("certificates:verify_code", args=[certificate.code])
            )
            archive.writestr(
                member_name(certificate), render_pdf(certificate, verify_url)
            )
            yield sink.drain()
    yield sink.drain()
