"""A certificate as an Open Badges 3.0 credential, for HR systems to import and check.

The credential is an OpenBadgeCredential: a W3C Verifiable Credential 2.0 with the Open
Badges 3.0 context, saying who issued it, to whom, for which achievement (the course,
its criteria and learning outcomes) and with what results. It is secured with a W3C
Data Integrity proof, cryptosuite eddsa-jcs-2022, made with the site's Ed25519 key
(`certificates.signing`). The issuer is named by a did:key, which holds the public key
itself, so a verifier needs nothing from this site to check the proof
(docs/open-badges.md).

The cryptosuite hashes the JSON Canonicalization Scheme (RFC 8785) form of the
credential and writes keys and signatures in base58btc multibase; both are implemented
here for the JSON types a credential holds, rather than adding two dependencies.
"""

import hashlib
import json
import secrets
from datetime import UTC, datetime, time, timedelta

from bs4 import BeautifulSoup
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certificates import signing
from certificates.models import Certificate
from core.site import site_url
from courses.models import CoursePage

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
CRYPTOSUITE = "eddsa-jcs-2022"
# The multicodec code of an Ed25519 public key (0xed) written as an unsigned varint.
ED25519_PUBLIC_KEY_CODEC = b"\xed\x01"
BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
MAX_SAFE_INTEGER = 2**53 - 1


def signed_credential(certificate: Certificate) -> dict:
    """The certificate as an OpenBadgeCredential, signed now with the site's key."""
    return add_proof(credential(certificate), signing.private_key(), timezone.now())


def credential(certificate: Certificate) -> dict:
    """The unsigned OpenBadgeCredential for `certificate`.

    Its `id` is the public verification page: a signed credential cannot learn that it
    was revoked later, so that page is where an HR system checks it still stands.
    """
    document = {
        "@context": CONTEXT,
        "id": site_url(reverse("certificates:verify_code", args=[certificate.code])),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": did_key(signing.public_key()),
            "type": ["Profile"],
            "name": certificate.issuer,
            "url": site_url("/"),
        },
        "validFrom": timestamp(certificate.issued_at),
        "name": _("Certificate of completion: %(course)s")
        % {"course": certificate.course_title},
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": identifiers(certificate),
            "achievement": achievement(certificate),
            "result": results(certificate),
        },
    }
    if certificate.expires_on is not None:
        # expires_on is the last valid day, in the site's time zone.
        document["validUntil"] = timestamp(
            timezone.make_aware(
                datetime.combine(certificate.expires_on + timedelta(days=1), time.min)
            )
        )
    return document


def identifiers(certificate: Certificate) -> list[dict]:
    """The trainee as OB 3.0 IdentityObjects: the e-mail address salted and hashed, so
    an HR system that knows the address can match it without the credential
    revealing it, and the name on the certificate in clear."""
    salt = secrets.token_hex(16)
    return [
        {
            "type": "IdentityObject",
            "identityType": "emailAddress",
            "hashed": True,
            "identityHash": identity_hash(certificate.learner.email, salt),
            "salt": salt,
        },
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": certificate.name,
        },
    ]


def identity_hash(email: str, salt: str) -> str:
    """OB 3.0's IdentityHash of an e-mail address: "sha256$" and the hex SHA-256 of
    the lower-cased address followed by the salt, both in UTF-8."""
    digest = hashlib.sha256((email.lower() + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def achievement(certificate: Certificate) -> dict:
    """The Achievement: the course, identified by its translation key, which every
    translation shares and which outlives the course page.

    The course's learning outcomes go in the criteria narrative. OB 3.0 offers three
    candidates: `alignment`, but each Alignment needs a `targetUrl` in a published
    competency framework, which our outcomes are not; `resultDescription`, but that
    describes a result that can be graded, with a `resultType`; and `criteria`, whose
    Markdown narrative says what is needed to earn the achievement, which is what an
    outcome list states, and which displayers show with the achievement.
    """
    course = certificate.course
    return {
        "id": achievement_id(certificate),
        "type": ["Achievement"],
        "achievementType": "CertificateOfCompletion",
        "name": certificate.course_title,
        "description": course.summary
        if course
        else _("Completion of the course “%(course)s”.")
        % {"course": certificate.course_title},
        "criteria": {
            "narrative": criteria_narrative(certificate, learning_outcomes(course))
        },
        "resultDescription": result_descriptions(certificate),
    }


def achievement_id(certificate: Certificate) -> str:
    return f"urn:uuid:{certificate.course_key}"


def learning_outcomes(course: CoursePage | None) -> list[str]:
    """The course's learning outcomes as plain text, one per item of its rich-text
    list."""
    if course is None:
        return []
    items = BeautifulSoup(course.learning_outcomes, "html.parser").find_all("li")
    return [" ".join(item.get_text().split()) for item in items]


def criteria_narrative(certificate: Certificate, outcomes: list[str]) -> str:
    """The completion rule (docs/completion-rules.md), the study time and the
    learning outcomes, as Markdown."""
    if certificate.final_score is None:
        rule = _(
            "Awarded to trainees who completed every module of the course: all its "
            "lessons, and its end-of-module quiz where it has one."
        )
    else:
        rule = _(
            "Awarded to trainees who completed every module of the course (all its "
            "lessons, and its end-of-module quiz where it has one) and passed the "
            "course's final assessment."
        )
    hours = ngettext(
        "The course takes about %(hours)d hour of study.",
        "The course takes about %(hours)d hours of study.",
        certificate.estimated_hours,
    ) % {"hours": certificate.estimated_hours}
    paragraphs = [f"{rule} {hours}"]
    if outcomes:
        paragraphs.append(_("After the course, trainees can:"))
        paragraphs.append("\n".join(f"- {outcome}" for outcome in outcomes))
    return "\n\n".join(paragraphs)


def result_descriptions(certificate: Certificate) -> list[dict]:
    """The results the achievement records: each module's completion and, if the
    course has one, the final assessment score in percent."""
    descriptions = [
        {
            "id": f"{achievement_id(certificate)}#module-{number}",
            "type": ["ResultDescription"],
            "name": title,
            "resultType": "Status",
        }
        for number, title in enumerate(certificate.modules, start=1)
    ]
    if certificate.final_score is not None:
        descriptions.append(
            {
                "id": f"{achievement_id(certificate)}#final-assessment",
                "type": ["ResultDescription"],
                "name": _("Final assessment"),
                "resultType": "Percent",
                "valueMin": "0",
                "valueMax": "100",
            }
        )
    return descriptions


def results(certificate: Certificate) -> list[dict]:
    """The trainee's Results, each linked to its ResultDescription by id."""
    achieved = []
    for description in result_descriptions(certificate):
        result = {"type": ["Result"], "resultDescription": description["id"]}
        if description["resultType"] == "Status":
            result["status"] = "Completed"
        else:
            result["value"] = format(certificate.final_score.normalize(), "f")
        achieved.append(result)
    return achieved


def timestamp(moment: datetime) -> str:
    """An XML Schema dateTime in UTC to the second, as VC 2.0 dates are written."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def canonical_json(value: object) -> bytes:
    """`value` in the JSON Canonicalization Scheme (RFC 8785), encoded in UTF-8.

    Covers objects, arrays, strings, integers in JavaScript's safe range, booleans and
    null; floats are refused, since credentials carry numbers as strings and
    ECMAScript's float formatting is not worth reproducing for them.
    """
    return _canonical(value).encode("utf-8")


def _canonical(value: object) -> str:
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise ValueError(f"{value} is outside I-JSON's integer range.")
        return str(value)
    if isinstance(value, str):
        # Python escapes exactly what RFC 8785 does, in lower-case \u00xx form.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ",".join(_canonical(item) for item in value) + "]"
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("JSON object keys must be strings.")
        # RFC 8785 orders keys by their UTF-16 code units, not by code points.
        keys = sorted(value, key=lambda key: key.encode("utf-16-be"))
        members = (f"{_canonical(key)}:{_canonical(value[key])}" for key in keys)
        return "{" + ",".join(members) + "}"
    raise TypeError(f"JCS cannot encode {type(value).__name__}.")


def base58btc_encode(data: bytes) -> str:
    """`data` as a multibase string: "z", then base58 in the Bitcoin alphabet, each
    leading zero byte written as "1"."""
    number = int.from_bytes(data, "big")
    digits = ""
    while number:
        number, remainder = divmod(number, 58)
        digits = BASE58_ALPHABET[remainder] + digits
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "z" + "1" * zeros + digits


def base58btc_decode(text: str) -> bytes:
    """The bytes of a base58btc multibase string; ValueError if it is not one."""
    if not text.startswith("z"):
        raise ValueError("Not a base58btc multibase string.")
    digits = text[1:]
    number = 0
    for digit in digits:
        number = number * 58 + BASE58_ALPHABET.index(digit)
    zeros = len(digits) - len(digits.lstrip("1"))
    return b"\0" * zeros + number.to_bytes((number.bit_length() + 7) // 8, "big")


def did_key(public_key: Ed25519PublicKey) -> str:
    """The did:key naming `public_key`: its multicodec form in base58btc."""
    raw = public_key.public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return "did:key:" + base58btc_encode(ED25519_PUBLIC_KEY_CODEC + raw)


def verification_method(public_key: Ed25519PublicKey) -> str:
    """The key's verification method: its did:key with the key as fragment, which any
    did:key resolver turns back into the key."""
    did = did_key(public_key)
    return f"{did}#{did.removeprefix('did:key:')}"


def add_proof(
    document: dict, private_key: Ed25519PrivateKey, created: datetime
) -> dict:
    """A copy of `document` with an eddsa-jcs-2022 DataIntegrityProof by `private_key`.

    As the cryptosuite specifies, the proof options carry the document's @context, and
    the key signs SHA-256(JCS(proof options)) followed by SHA-256(JCS(document)).
    """
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": timestamp(created),
        "verificationMethod": verification_method(private_key.public_key()),
        "proofPurpose": "assertionMethod",
        "@context": document["@context"],
    }
    signature = private_key.sign(_hash_data(document, options))
    return {**document, "proof": {**options, "proofValue": base58btc_encode(signature)}}


def verify_proof(credential: dict, public_key: Ed25519PublicKey) -> bool:
    """Whether `credential` carries a valid eddsa-jcs-2022 proof by `public_key`.

    False if any member of the credential or of its proof changed after signing, or
    if the proof names another key.
    """
    proof = credential.get("proof")
    if not isinstance(proof, dict):
        return False
    options = {name: value for name, value in proof.items() if name != "proofValue"}
    document = {name: value for name, value in credential.items() if name != "proof"}
    if (
        options.get("type") != "DataIntegrityProof"
        or options.get("cryptosuite") != CRYPTOSUITE
        or options.get("proofPurpose") != "assertionMethod"
        or options.get("verificationMethod") != verification_method(public_key)
    ):
        return False
    try:
        if "@context" in options:
            # The document's @context must start with the one the proof was made for.
            context = options["@context"]
            if document.get("@context", [])[: len(context)] != context:
                return False
            document["@context"] = context
        signature = base58btc_decode(proof.get("proofValue", ""))
        public_key.verify(signature, _hash_data(document, options))
    except (InvalidSignature, TypeError, ValueError):
        return False
    return True


def _hash_data(document: dict, options: dict) -> bytes:
    return (
        hashlib.sha256(canonical_json(options)).digest()
        + hashlib.sha256(canonical_json(document)).digest()
    )
