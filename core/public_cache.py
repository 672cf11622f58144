"""Visitors' pages that a proxy or CDN may keep for a short while.

A course, module or lesson page served to a visitor who is not signed in, and that
sets no cookie, is the same for every visitor: it is marked `Cache-Control: public`
with a short lifetime (`PUBLIC_PAGE_MAX_AGE`, 60 s by default), and Wagtail's
frontend cache purges it when it is published (`WAGTAILFRONTENDCACHE`, docs/deploy.md).
Signed-in people's pages, and anything else the site serves, are left as they are.
Visitors' pages hold no form for the same reason (no CSRF cookie): the course
page's "Enrol in this course" is a link to log in for them
(learning/includes/course_panel.html).
"""

from django.conf import settings
from django.utils.cache import patch_cache_control


class PublicPageCacheMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and match is not None
            and match.url_name == "wagtail_serve"
            and not response.cookies
            and not response.has_header("Cache-Control")
            and not request.user.is_authenticated
        ):
            patch_cache_control(
                response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE
            )
        return response
