"""URL map: the Wagtail admin, documents, and the page tree under a language prefix.

English, the source language, is served without a prefix; the other UN languages
under /ar/, /fr/, and so on.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("accounts.urls")),
    path("my-learning/", include("learning.urls")),
    path("quizzes/", include("quizzes.urls")),
    path("verify/", include("certificates.urls")),
    path("partners/", include("partners.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
