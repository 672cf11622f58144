"""A visitor's course pages carry no cookie and may be kept briefly by a proxy or CDN,
which publishing purges; signed-in people's pages are never marked public."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.test import override_settings

from courses.models import LessonPage, ModulePage


def lesson() -> LessonPage:
    return LessonPage.objects.order_by("path").first()


def pages(course) -> list[str]:
    module = ModulePage.objects.child_of(course).first()
    return ["/", course.get_parent().url, course.url, module.url, lesson().url]


def test_visitors_pages_set_no_cookie_and_are_public_for_a_minute(client, course):
    for url in pages(course):
        response = client.get(url)
        assert not response.cookies, url  # no CSRF or session cookie
        assert response["Cache-Control"] == "public, max-age=60", url


def test_signed_in_pages_are_not_public(client, course, trainee):
    client.force_login(trainee)
    for url in pages(course):
        assert "public" not in client.get(url).get("Cache-Control", ""), url


def test_pages_outside_the_course_tree_are_left_alone(client, db):
    for url in ["/accounts/login/", "/verify/"]:
        assert "public" not in client.get(url).get("Cache-Control", ""), url


@pytest.fixture
def purge_server():
    """An HTTP server that records the PURGE requests a cache would receive."""
    purged: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            purged.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", purged
    server.shutdown()


def test_publishing_a_page_purges_it_from_the_cache(course, purge_server):
    location, purged = purge_server
    page = lesson()
    with override_settings(
        WAGTAILFRONTENDCACHE={
            "proxy": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": location,
            }
        }
    ):
        page.title = "Preservation, revised"
        page.save_revision().publish()
    assert page.url in purged
