"""Public verification of a certificate: anyone, no login, only what is needed."""

from http import HTTPStatus
from pathlib import Path

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from certificates import offline, openbadges, services, signing
from certificates.models import Certificate
from certificates.pdf import render_pdf


def verify(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Show whether a code belongs to a valid or revoked certificate, or to none."""
    if code is None and "code" in request.GET:
        typed = request.GET["code"].strip()
        if typed:
            return redirect("certificates:verify_code", code=typed)
    if code is None:
        return render(request, "certificates/verify.html", {})
    # allauth's reading of the client's address, which knows the trusted proxies.
    client_address = get_adapter(request).get_client_ip(request)
    if not services.verification_allowed(client_address):
        return render(
            request,
            "certificates/verify.html",
            {"too_many": True},
            status=HTTPStatus.TOO_MANY_REQUESTS,
        )
    certificate = Certificate.objects.filter(code=code).first()
    return render(
        request,
        "certificates/verify.html",
        {"certificate": certificate, "code": code},
        status=HTTPStatus.OK if certificate else HTTPStatus.NOT_FOUND,
    )


def revoked_download(request: HttpRequest, certificate: Certificate) -> HttpResponse:
    """410 Gone for a download of a revoked certificate.

    Its PDF and badge carry signatures that verify offline, so a copy handed out now
    would look valid to anyone who never visits the verification page.
    """
    return render(
        request,
        "certificates/revoked_download.html",
        {"certificate": certificate},
        status=HTTPStatus.GONE,
    )


@login_required
def download(request: HttpRequest, code: str) -> HttpResponse:
    """The signed-in trainee's own certificate as a PDF."""
    certificate = get_object_or_404(Certificate, code=code, learner=request.user)
    if certificate.is_revoked:
        return revoked_download(request, certificate)
    verify_url = request.build_absolute_uri(
        reverse("certificates:verify_code", args=[certificate.code])
    )
    response = HttpResponse(
        render_pdf(certificate, verify_url), content_type="application/pdf"
    )
    response["Content-Disposition"] = attachment(certificate, "pdf")
    return response


def attachment(certificate: Certificate, extension: str) -> str:
    """The Content-Disposition of a download of `certificate`, named for its course."""
    filename = f"certificate-{slugify(certificate.course_title)[:60]}.{extension}"
    return f'attachment; filename="{filename}"'


@login_required
def open_badge(request: HttpRequest, code: str) -> HttpResponse:
    """The signed-in trainee's own certificate as an Open Badges 3.0 credential."""
    certificate = get_object_or_404(Certificate, code=code, learner=request.user)
    if certificate.is_revoked:
        return revoked_download(request, certificate)
    response = JsonResponse(
        openbadges.signed_credential(certificate),
        content_type="application/ld+json",
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = attachment(certificate, "json")
    return response


def public_key(request: HttpRequest) -> HttpResponse:
    """The public key that signs certificates' QR codes (PEM), with its key id, for
    checking them offline (docs/certificate-signatures.md)."""
    key_id = signing.key_id()
    heading = _("Public key that signs the certificates of %(site)s.") % {
        "site": settings.WAGTAIL_SITE_NAME
    }
    heading += "\n" + _("Key id: %(key_id)s") % {"key_id": key_id}
    response = HttpResponse(
        f"{heading}\n\n{signing.public_key_pem()}",
        content_type="text/plain; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="certificate-key-{key_id}.pem"'
    return response


def offline_check(request: HttpRequest) -> HttpResponse:
    """The standalone offline check (certificates/offline.py) to copy to a computer
    with no network, with the public key."""
    response = HttpResponse(
        Path(offline.__file__).read_bytes(), content_type="text/x-python; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="offline.py"'
    return response
