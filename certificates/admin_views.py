"""Staff actions on a certificate in the admin: revoke with a reason, or re-issue."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required

from certificates import services
from certificates.models import Certificate

ACTION_PERMISSION = "certificates.change_certificate"


@require_POST
@permission_required(ACTION_PERMISSION)
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(Certificate, pk=pk)
    try:
        services.revoke(certificate, request.POST.get("reason", ""), request.user)
    except services.CertificateError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The certificate is revoked."))
    return redirect("certificates_admin:inspect", certificate.pk)


@require_POST
@permission_required(ACTION_PERMISSION)
def reissue(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(Certificate, pk=pk)
    try:
        replacement = services.reissue(certificate, request.user)
    except services.CertificateError as refusal:
        messages.error(request, refusal.message)
        return redirect("certificates_admin:inspect", certificate.pk)
    messages.success(
        request,
        _("Re-issued as %(code)s in the name “%(name)s”.")
        % {"code": replacement.code, "name": replacement.name},
    )
    return redirect("certificates_admin:inspect", replacement.pk)
