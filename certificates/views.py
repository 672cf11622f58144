"""Public verification of a certificate: anyone, no login, only what is needed."""

from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from certificates import services
from certificates.models import Certificate


def verify(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Show whether a code belongs to a valid or revoked certificate, or to none."""
    if code is None and "code" in request.GET:
        typed = request.GET["code"].strip()
        if typed:
            return redirect("certificates:verify_code", code=typed)
    if code is None:
        return render(request, "certificates/verify.html", {})
    if not services.verification_allowed(request.META.get("REMOTE_ADDR", "")):
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
