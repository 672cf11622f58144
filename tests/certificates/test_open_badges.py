"""A certificate downloads as an Open Badges 3.0 credential whose eddsa-jcs-2022 proof
an HR system can check with the site's public key; only its owner downloads it, and
never once it is revoked."""

import copy
import hashlib
import json
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from http import HTTPStatus

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.urls import reverse
from django.utils import timezone

from certificates import openbadges, services, signing
from certificates.models import Certificate
from tests.factories.accounts import TraineeFactory
from tests.factories.learning import finish_course

MODULES = ["General provisions", "Criminalization"]
OUTCOMES_HTML = (
    "<ul><li>Apply the <b>Convention</b> to a case.</li>"
    "<li>Request that   traffic data be <i>preserved</i>.</li></ul>"
)
OUTCOMES = [
    "Apply the Convention to a case.",
    "Request that traffic data be preserved.",
]

# W3C Data Integrity EdDSA Cryptosuites v1.0, appendix "eddsa-jcs-2022": the test key
# pair, the unsigned credential and the proofValue the specification gives.
W3C_PUBLIC_KEY_MULTIBASE = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
W3C_PRIVATE_KEY_MULTIBASE = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
W3C_CREDENTIAL = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://www.w3.org/ns/credentials/examples/v2",
    ],
    "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
    "type": ["VerifiableCredential", "AlumniCredential"],
    "name": "Alumni Credential",
    "description": "A minimum viable example of an Alumni Credential.",
    "issuer": "https://vc.example/issuers/5678",
    "validFrom": "2023-01-01T00:00:00Z",
    "credentialSubject": {
        "id": "did:example:abcdefgh",
        "alumniOf": "The School of Examples",
    },
}
W3C_PROOF_VALUE = (
    "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMp"
    "t3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX"
)


@pytest.fixture
def certificate(trainee, course) -> Certificate:
    course.learning_outcomes = OUTCOMES_HTML
    course.save()
    return services.issue_certificate(
        trainee, course, timezone.now(), MODULES, Decimal("87.50")
    )


def badge_url(certificate: Certificate) -> str:
    return reverse("certificates:open_badge", args=[certificate.code])


def test_credential_has_the_required_open_badges_fields(certificate):
    credential = openbadges.signed_credential(certificate)

    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["id"] == f"http://testserver/verify/{certificate.code}/"
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    issuer = credential["issuer"]
    assert issuer["id"] == openbadges.did_key(signing.public_key())
    assert issuer["id"].startswith("did:key:z6Mk")
    assert (issuer["type"], issuer["name"]) == (["Profile"], "Convention Academy")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", credential["validFrom"])
    assert "validUntil" not in credential
    assert "Cybercrime basics" in credential["name"]
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["achievement"]["type"] == ["Achievement"]
    assert subject["achievement"]["achievementType"] == "CertificateOfCompletion"
    proof = credential["proof"]
    assert (proof["type"], proof["cryptosuite"], proof["proofPurpose"]) == (
        "DataIntegrityProof",
        "eddsa-jcs-2022",
        "assertionMethod",
    )
    assert proof["verificationMethod"].startswith(issuer["id"] + "#z6Mk")


def test_issuer_is_the_one_named_on_the_certificate(certificate):
    certificate.issuer = "Regional Police Academy"
    assert openbadges.credential(certificate)["issuer"]["name"] == (
        "Regional Police Academy"
    )


def test_valid_until_is_the_end_of_the_last_valid_day(certificate, settings):
    settings.TIME_ZONE = "Africa/Nairobi"  # UTC+3 all year
    certificate.expires_on = date(2027, 3, 31)
    credential = openbadges.credential(certificate)
    assert credential["validUntil"] == "2027-03-31T21:00:00Z"


def test_achievement_describes_the_course_its_criteria_and_outcomes(
    certificate, course
):
    achievement = openbadges.credential(certificate)["credentialSubject"]["achievement"]

    assert achievement["id"] == f"urn:uuid:{course.translation_key}"
    assert achievement["name"] == "Cybercrime basics"
    assert achievement["description"] == course.summary
    assert openbadges.learning_outcomes(course) == OUTCOMES
    narrative = achievement["criteria"]["narrative"]
    assert "completed every module" in narrative
    assert "passed the course's final assessment" in narrative
    assert "about 3 hours" in narrative
    assert "- Apply the Convention to a case.\n- Request that traffic data" in narrative
    assert "<" not in narrative


def test_results_record_each_module_and_the_final_score(certificate):
    subject = openbadges.credential(certificate)["credentialSubject"]
    descriptions = {d["id"]: d for d in subject["achievement"]["resultDescription"]}

    outcomes = {
        descriptions[result["resultDescription"]]["name"]: result.get("status")
        or result["value"]
        for result in subject["result"]
    }
    assert outcomes == {
        "General provisions": "Completed",
        "Criminalization": "Completed",
        "Final assessment": "87.5",
    }


def test_without_a_final_assessment_only_modules_are_required(trainee, course):
    certificate = services.issue_certificate(
        trainee, course, timezone.now(), MODULES, None
    )
    achievement = openbadges.credential(certificate)["credentialSubject"]["achievement"]
    assert "final assessment" not in achievement["criteria"]["narrative"]
    assert len(achievement["resultDescription"]) == len(MODULES)


def test_the_email_address_is_only_given_hashed_with_a_salt(certificate, trainee):
    credential = openbadges.signed_credential(certificate)

    assert trainee.email not in json.dumps(credential)
    email, name = credential["credentialSubject"]["identifier"]
    assert (email["identityType"], email["hashed"]) == ("emailAddress", True)
    digest = hashlib.sha256((trainee.email + email["salt"]).encode()).hexdigest()
    assert email["identityHash"] == f"sha256${digest}"
    assert (name["identityType"], name["identityHash"]) == ("name", "Amina K.")


def test_identity_hash_matches_the_open_badges_example():
    # OB 3.0, IdentityHash: "a@example.com" salted with "Kosher".
    assert openbadges.identity_hash("a@example.com", "Kosher") == (
        "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"
    )


def test_the_proof_verifies_with_the_site_public_key(certificate):
    credential = openbadges.signed_credential(certificate)
    assert openbadges.verify_proof(credential, signing.public_key())
    other_key = Ed25519PrivateKey.generate().public_key()
    assert not openbadges.verify_proof(credential, other_key)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (["name"], "Certificate of completion: Advanced forensics"),
        (["validFrom"], "2020-01-01T00:00:00Z"),
        (["issuer", "name"], "Another Academy"),
        (["credentialSubject", "identifier", 1, "identityHash"], "Someone Else"),
        (["credentialSubject", "achievement", "name"], "Advanced forensics"),
        (["credentialSubject", "achievement", "criteria", "narrative"], "Nothing."),
        (["credentialSubject", "result", 2, "value"], "100"),
        (["validUntil"], "2099-12-31T23:59:59Z"),
        (["proof", "created"], "2020-01-01T00:00:00Z"),
        (["proof", "@context"], ["https://www.w3.org/ns/credentials/v2"]),
        (["proof", "proofValue"], "z1111"),
    ],
)
def test_the_proof_fails_once_any_field_is_altered(certificate, path, value):
    credential = copy.deepcopy(openbadges.signed_credential(certificate))
    *parents, last = path
    target = credential
    for step in parents:
        target = target[step]
    target[last] = value
    assert not openbadges.verify_proof(credential, signing.public_key())


def test_jcs_sorts_keys_by_utf16_code_units_as_in_rfc_8785():
    # The sorting example of RFC 8785 (3.2.3), with U+007F added to a value: U+1F600
    # (UTF-16 D83D DE00) sorts before U+FB33; U+0080 and U+007F are written as they
    # are, and only control characters below U+0020 are escaped.
    value = {
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\U0001f600": "Emoji: Grinning Face",
        "\u0080": "Control\u007f",
        "\u00f6": "Latin Small Letter O With Diaeresis",
    }
    expected = (
        '{"\\r":"Carriage Return","1":"One","\u0080":"Control\u007f",'
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",'
        '"\U0001f600":"Emoji: Grinning Face",'
        '"\ufb33":"Hebrew Letter Dalet With Dagesh"}'
    )
    assert openbadges.canonical_json(value) == expected.encode("utf-8")


def test_jcs_writes_literals_and_escapes_strings_minimally():
    value = {"b": [None, True, False, -7, 0], "a": "€$\u000f\nA'B\"\\/", "c": {}}
    assert (
        openbadges.canonical_json(value)
        == (
            '{"a":"€$\\u000f\\nA\'B\\"\\\\/","b":[null,true,false,-7,0],"c":{}}'
        ).encode()
    )
    with pytest.raises(TypeError):
        openbadges.canonical_json({"score": 87.5})
    with pytest.raises(ValueError, match="range"):
        openbadges.canonical_json(2**53)


def test_base58btc_keeps_leading_zero_bytes():
    data = b"\0\0\x01\x02\xff"
    encoded = openbadges.base58btc_encode(data)
    assert encoded.startswith("z11")
    assert openbadges.base58btc_decode(encoded) == data
    with pytest.raises(ValueError):
        openbadges.base58btc_decode("u" + encoded[1:])


def test_proof_matches_the_w3c_eddsa_jcs_2022_example():
    key_bytes = openbadges.base58btc_decode(W3C_PRIVATE_KEY_MULTIBASE)
    assert key_bytes[:2] == b"\x80\x26"  # multicodec ed25519-priv
    key = Ed25519PrivateKey.from_private_bytes(key_bytes[2:])
    assert openbadges.did_key(key.public_key()) == f"did:key:{W3C_PUBLIC_KEY_MULTIBASE}"

    created = datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC)
    signed = openbadges.add_proof(W3C_CREDENTIAL, key, created)

    assert signed["proof"]["proofValue"] == W3C_PROOF_VALUE
    assert openbadges.verify_proof(signed, key.public_key())


def test_owner_downloads_the_signed_badge(client, trainee, certificate):
    client.force_login(trainee)
    response = client.get(badge_url(certificate))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/ld+json"
    assert response["Content-Disposition"] == (
        'attachment; filename="certificate-cybercrime-basics.json"'
    )
    credential = json.loads(response.content)
    assert openbadges.verify_proof(credential, signing.public_key())


def test_anonymous_visitors_are_sent_to_log_in(client, certificate):
    response = client.get(badge_url(certificate))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("account_login"))


def test_another_trainee_gets_not_found(client, certificate):
    client.force_login(TraineeFactory(email="other@example.org"))
    assert client.get(badge_url(certificate)).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    "download", ["certificates:open_badge", "certificates:download"]
)
def test_a_revoked_certificate_is_not_downloadable(
    client, trainee, certificate, download
):
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = "Issued in error"
    certificate.save()
    client.force_login(trainee)

    response = client.get(reverse(download, args=[certificate.code]))

    assert response.status_code == HTTPStatus.GONE
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "can no longer be downloaded" in html
    assert "Issued in error" in html


def test_my_learning_links_to_the_badge(client, trainee, course):
    certificate = finish_course(trainee, course)
    client.force_login(trainee)

    html = client.get(reverse("learning:dashboard")).content.decode()

    assert f'href="{badge_url(certificate)}"' in html
    assert "Open Badge (for HR systems)" in html
