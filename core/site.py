"""The site's public address, for links that leave the browser: e-mails, QR codes,
Open Badges credentials and exports."""

from django.conf import settings


def site_url(path: str) -> str:
    """`path` (from `reverse` or a page's relative URL) as an absolute URL on the
    site's public address, `WAGTAILADMIN_BASE_URL`."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
