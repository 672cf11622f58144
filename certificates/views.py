"""Public verification of a certificate: anyone, no login, only what is needed."""

from http import HTTPStatus

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify

from certificates import services
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


@login_required
def download(request: HttpRequest, code: str) -> HttpResponse:
    """The signed-in trainee's own certificate as a PDF."""
    certificate = get_object_or_404(Certificate, code=code, learner=request.user)
    verify_url = request.build_absolute_uri(
        reverse("certificates:verify_code", args=[certificate.code])
    )
    response = HttpResponse(
        render_pdf(certificate, verify_url), content_type="application/pdf"
    )
    filename = f"certificate-{slugify(certificate.course_title)[:60]}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
