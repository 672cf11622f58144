"""Check a certificate's digital signature with no network.

This file stands alone: it needs only Python 3.9+ and the `cryptography` package, so
it can be copied, with the site's published public key, to a computer at a border post
or in a court (docs/certificate-signatures.md). Give it the text that any QR reader
reads from the certificate:

    python offline.py --public-key site-public-key.pem "https://…/verify/…/#…"
    zbarimg --raw -q scan.png | python offline.py --public-key site-public-key.pem -

It exits 0 when the certificate is authentic, 1 when its signature fails and 2 when the
text or a key cannot be read. The site builds the QR text with `signed_qr_text` below
and `manage.py verify_certificate` checks with `report`, so the format is defined once.

The QR text is the certificate's verification address, so a phone that scans it opens
the page, followed by the signed details after `#`, which browsers never send:

    https://<host>/verify/<code>/#<digits>

The digits carry the payload: format version (1 byte), key id (8 bytes), Ed25519
signature (64 bytes), then name and course title (UTF-8, each after its length in 2
bytes) and the completion date (YYYY-MM-DD). They are digits, not base64, because a QR
code stores a digit in 3⅓ bits and any other character in 8: the code stays small
enough to scan at 32 mm with a long name in Arabic script.

Human messages go through a `_` argument, the identity by default; the management
command passes Django's gettext, so its output is translated.
"""

from __future__ import annotations

import argparse
import hashlib
import string
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

FORMAT_VERSION = 1
MESSAGE_LABEL = b"convention-academy certificate v1\n"
KEY_ID_BYTES = 8
SIGNATURE_BYTES = 64
HEADER_BYTES = 1 + KEY_ID_BYTES + SIGNATURE_BYTES

AUTHENTIC, NOT_AUTHENTIC, UNREADABLE = 0, 1, 2

# Each block of 7 bytes becomes 17 digits (2**56 < 10**17), a shorter last block the
# fewest digits that hold it, so every length of digits maps back to one of bytes.
BLOCK_BYTES = 7
DIGITS_FOR = {size: len(str(256**size - 1)) for size in range(1, BLOCK_BYTES + 1)}
BYTES_FOR = {digits: size for size, digits in DIGITS_FOR.items()}

CODE_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-_")

Translate = Callable[[str], str]


class Unreadable(ValueError):
    """The text is not a signed certificate QR code, or a file is not a public key."""


class Writer(Protocol):
    """Where `report` writes: sys.stdout, or a management command's self.stdout."""

    def write(self, text: str, /) -> object: ...


@dataclass(frozen=True)
class Verification:
    """What a certificate's QR code states, and whether its signature holds."""

    valid: bool
    code: str
    name: str
    course_title: str
    completed_on: date
    key_id: str
    verify_url: str
    reason: str = ""


def key_id_of(public_key: Ed25519PublicKey) -> str:
    """The key id the site publishes: SHA-256 of the raw key, first 16 hex digits."""
    raw = public_key.public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return hashlib.sha256(raw).hexdigest()[: 2 * KEY_ID_BYTES]


def signed_message(
    code: str, name: str, course_title: str, completed_on: date
) -> bytes:
    """The bytes the site signs: a versioned label, the code, name and course title
    as UTF-8 each after its length in 2 bytes, then the date as YYYY-MM-DD.

    The lengths make it unambiguous: no other code, name and title give these bytes.
    """
    return MESSAGE_LABEL + _field(code) + _details(name, course_title, completed_on)


def signed_qr_text(
    verify_url: str,
    name: str,
    course_title: str,
    completed_on: date,
    private_key: Ed25519PrivateKey,
) -> str:
    """The text of a certificate's QR code: `verify_url`, `#`, the signed details.

    The code signed is the one a verifier reads from `verify_url`.
    """
    code = _code_in(verify_url)
    payload = (
        bytes([FORMAT_VERSION])
        + bytes.fromhex(key_id_of(private_key.public_key()))
        + private_key.sign(signed_message(code, name, course_title, completed_on))
        + _details(name, course_title, completed_on)
    )
    return f"{verify_url}#{to_digits(payload)}"


def check(
    text: str, public_keys: Iterable[Ed25519PublicKey], _: Translate = str
) -> Verification:
    """Read a QR text and check its signature with whichever of `public_keys` has
    the key id it names; raise `Unreadable` if it is not a signed certificate."""
    claim, signature = _parse(text, _)
    given = {key_id_of(public_key): public_key for public_key in public_keys}
    key = given.get(claim.key_id)
    if key is None:
        return replace(
            claim,
            reason=_(
                "it was signed with key %(key_id)s, which is not among the public "
                "keys given. If the site has changed keys, use its public key with "
                "this key id."
            )
            % {"key_id": claim.key_id},
        )
    try:
        key.verify(
            signature,
            signed_message(
                claim.code, claim.name, claim.course_title, claim.completed_on
            ),
        )
    except InvalidSignature:
        return replace(
            claim,
            reason=_(
                "the signature does not match these details: they were changed "
                "after signing, or not signed with this key."
            ),
        )
    return replace(claim, valid=True)


def report(
    text: str,
    public_keys: Iterable[Ed25519PublicKey],
    out: Writer,
    err: Writer,
    _: Translate = str,
) -> int:
    """Check `text` and write the verdict for the person holding the certificate;
    return the exit status (AUTHENTIC, NOT_AUTHENTIC or UNREADABLE)."""
    try:
        result = check(text, public_keys, _)
    except Unreadable as error:
        return _cannot_check(error, err, _)
    if result.valid:
        verdict = [_("AUTHENTIC: the signature is valid.")]
    else:
        verdict = [
            _("NOT AUTHENTIC: %(reason)s") % {"reason": result.reason},
            _("Do not rely on these details:"),
        ]
    details = [
        _("Name: %(name)s") % {"name": result.name},
        _("Course: %(course)s") % {"course": result.course_title},
        _("Completed on: %(date)s") % {"date": result.completed_on.isoformat()},
        _("Code: %(code)s") % {"code": result.code},
        _("Key id: %(key_id)s") % {"key_id": result.key_id},
    ]
    scope = _(
        "A valid signature proves that these details were issued by the holder of "
        "the key and not changed since. It cannot show whether the certificate was "
        "revoked or has expired: check that online at %(url)s"
    ) % {"url": result.verify_url}
    out.write("\n".join([*verdict, *details, "", scope]) + "\n")
    return AUTHENTIC if result.valid else NOT_AUTHENTIC


def load_public_key(path: Path, _: Translate = str) -> Ed25519PublicKey:
    """The Ed25519 public key in the PEM file at `path`, as the site publishes it."""
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError) as error:
        raise Unreadable(
            _("cannot read the public key file %(path)s (%(error)s).")
            % {"path": path, "error": error}
        ) from None
    if not isinstance(key, Ed25519PublicKey):
        raise Unreadable(
            _("%(path)s does not hold an Ed25519 public key.") % {"path": path}
        )
    return key


def to_digits(data: bytes) -> str:
    """`data` as decimal digits, block by block (see BLOCK_BYTES)."""
    blocks = (data[i : i + BLOCK_BYTES] for i in range(0, len(data), BLOCK_BYTES))
    return "".join(
        str(int.from_bytes(block, "big")).zfill(DIGITS_FOR[len(block)])
        for block in blocks
    )


def from_digits(digits: str) -> bytes:
    """The bytes `to_digits` wrote as `digits`; ValueError if it could not have."""
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError(digits)
    width = DIGITS_FOR[BLOCK_BYTES]
    data = bytearray()
    for start in range(0, len(digits), width):
        block = digits[start : start + width]
        size = BYTES_FOR.get(len(block))
        if size is None or int(block) >= 256**size:
            raise ValueError(block)
        data += int(block).to_bytes(size, "big")
    return bytes(data)


def _cannot_check(error: Unreadable, err: Writer, _: Translate = str) -> int:
    err.write(_("Cannot check this certificate: %(error)s") % {"error": error} + "\n")
    return UNREADABLE


def _field(text: str) -> bytes:
    data = text.encode()
    return len(data).to_bytes(2, "big") + data


def _read_field(data: bytes, start: int) -> tuple[str, int]:
    end = start + 2 + int.from_bytes(data[start : start + 2], "big")
    if len(data) < end:
        raise ValueError("field runs past the end")
    return data[start + 2 : end].decode(), end


def _details(name: str, course_title: str, completed_on: date) -> bytes:
    return _field(name) + _field(course_title) + completed_on.isoformat().encode()


def _code_in(verify_url: str) -> str:
    """The certificate code: the last segment of the verification address's path."""
    code = urlsplit(verify_url).path.rstrip("/").rpartition("/")[2]
    if not code or not CODE_CHARACTERS.issuperset(code):
        raise ValueError(verify_url)
    return code


def _parse(text: str, _: Translate) -> tuple[Verification, bytes]:
    """The details a QR text states, not yet checked, and their signature."""
    verify_url, mark, digits = text.strip().partition("#")
    if not mark:
        raise Unreadable(
            _(
                "the text carries no signature (nothing after “#”). Read the QR "
                "code on the certificate, or check the certificate online."
            )
        )
    damaged = _(
        "the signature after “#” is damaged or incomplete. Read the QR code again."
    )
    try:
        code = _code_in(verify_url)
    except ValueError:
        raise Unreadable(
            _("the address before “#” holds no certificate code.")
        ) from None
    try:
        payload = from_digits(digits)
    except ValueError:
        raise Unreadable(damaged) from None
    if len(payload) < HEADER_BYTES:
        raise Unreadable(damaged)
    if payload[0] != FORMAT_VERSION:
        raise Unreadable(
            _(
                "the signature is in a format this program does not know (version "
                "%(version)s). Get the current offline check from the site."
            )
            % {"version": payload[0]}
        )
    try:
        name, end = _read_field(payload, HEADER_BYTES)
        course_title, end = _read_field(payload, end)
        written_date = payload[end:].decode("ascii")
        completed_on = date.fromisoformat(written_date)
    except ValueError:
        raise Unreadable(damaged) from None
    if completed_on.isoformat() != written_date:
        raise Unreadable(damaged)
    claim = Verification(
        valid=False,
        code=code,
        name=name,
        course_title=course_title,
        completed_on=completed_on,
        key_id=payload[1 : 1 + KEY_ID_BYTES].hex(),
        verify_url=verify_url,
    )
    return claim, payload[1 + KEY_ID_BYTES : HEADER_BYTES]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Check the digital signature in a Convention Academy "
        "certificate's QR code, with no network."
    )
    parser.add_argument(
        "--public-key",
        action="append",
        required=True,
        type=Path,
        metavar="FILE",
        help="the site's published public key (PEM); repeat it to give keys the "
        "site used before changing keys",
    )
    parser.add_argument(
        "text",
        help='the text read from the QR code, or "-" to read it from standard input',
    )
    args = parser.parse_args(argv)
    try:
        keys = [load_public_key(path) for path in args.public_key]
    except Unreadable as error:
        return _cannot_check(error, sys.stderr)
    text = sys.stdin.read() if args.text == "-" else args.text
    return report(text, keys, sys.stdout, sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
