"""Staff actions on a certificate in the admin: revoke with a reason, or re-issue."""

from uuid import UUID

from django.contrib import messages
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required

from certificates import services
from certificates.archive import certificates_zip
from certificates.models import Certificate

ACTION_PERMISSION = "certificates.change_certificate"
VIEW_PERMISSION = "certificates.view_certificate"


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


@permission_required(VIEW_PERMISSION)
def course_archives(request: HttpRequest) -> HttpResponse:
    """Each course with certificates, and a link to all of them as one ZIP."""
    courses = (
        Certificate.objects.filter(revoked_at__isnull=True)
        .values("course_key")
        .annotate(title=Max("course_title"), count=Count("pk"))
        .order_by("title")
    )
    return render(
        request, "certificates/admin/course_archives.html", {"courses": courses}
    )


@permission_required(VIEW_PERMISSION)
def course_archive(request: HttpRequest, course_key: UUID) -> StreamingHttpResponse:
    """The unrevoked certificates of one course as a ZIP of PDFs, streamed."""
    certificates = Certificate.objects.filter(
        course_key=course_key, revoked_at__isnull=True
    ).order_by("name", "pk")
    first = certificates.first()
    if first is None:
        raise Http404(_("This course has no certificates."))
    response = StreamingHttpResponse(
        certificates_zip(certificates), content_type="application/zip"
    )
    filename = f"certificates-{slugify(first.course_title)[:60] or 'course'}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
