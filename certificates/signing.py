"""The site's Ed25519 key pair, which signs certificates so they can be checked offline.

The private key lives in a PEM file outside the repository (the setting
CERTIFICATE_SIGNING_KEY_FILE, from the environment variable of the same name), created
once by `manage.py generate_certificate_key`. Only the public key is ever published
(docs/certificate-signatures.md).
"""

import os
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from certificates import offline


class KeyFileExists(Exception):
    """Refused to replace an existing key: certificates signed with it would fail."""


def key_path() -> Path:
    return Path(settings.CERTIFICATE_SIGNING_KEY_FILE)


def generate_key_file(path: Path, *, replace: bool = False) -> Ed25519PublicKey:
    """Write a new private key to `path`, readable by its owner only."""
    if path.exists() and not replace:
        raise KeyFileExists(str(path))
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as key_file:
        key_file.write(pem)
    _load.cache_clear()
    return key.public_key()


@cache
def _load(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        raise ImproperlyConfigured(
            f"No certificate signing key at {path}. "
            "Create one with: python manage.py generate_certificate_key"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"{path} does not hold an Ed25519 private key.")
    return key


def private_key() -> Ed25519PrivateKey:
    return _load(key_path())


def public_key() -> Ed25519PublicKey:
    return private_key().public_key()


def public_key_pem() -> str:
    return (
        public_key()
        .public_bytes(
            serialization.Encoding.PEM,
            serialization.PublicFormat.SubjectPublicKeyInfo,
        )
        .decode()
    )


def key_id() -> str:
    """A short fingerprint of the public key, naming the key that signed."""
    return offline.key_id_of(public_key())
