"""What the course pages keep in Django's cache between requests, and when it goes.

Every page view shows the course outline, the breadcrumb trail and the catalogue
link, and a lesson page its body, which change only when someone publishes,
unpublishes, moves or deletes a page, changes a page's privacy, or replaces an image
or a document. Entries are kept under a key that ends with the
site's *pages version*; each such change sets a new version, which retires every
entry at once (the old ones are never read again and expire). One version for the
whole tree rather than one per course: pages above the courses (home page,
catalogue) appear in every course's breadcrumbs, and rebuilding an outline costs a
handful of queries.

The version lives in Django's default cache: in-process in development and tests,
shared between processes (Redis, or files on one server) in production, where a
version set by one process must be seen by all of them. An entry never changes under
its key (a change makes a new version, hence a new key), so the entries themselves
live in the "pages" cache, in each process's memory (settings/base.py): a page view
reads only the version from the shared cache. The lesson body is kept with Wagtail's
own page cache (`{% wagtailpagecache %}`), varied on the same version.

Wagtail's routing is cached too (`CachedRouteMixin`), but checked on every use
rather than retired: see there, and docs/decisions/0007 for why it stays.
"""

import hashlib
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar
from uuid import uuid4

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache, caches
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.url_routing import RouteResult

T = TypeVar("T")

# A safety net: a change that bypassed the signals below (a bulk update in a
# shell) shows after at most this long; so does a publish made through another
# worker when each worker has a cache of its own (no REDIS_URL).
TIMEOUT = 5 * 60
# Routes are checked on every use (`CachedRouteMixin`) and can be kept longer.
ROUTE_TIMEOUT = 24 * 60 * 60
PAGES = "pages"
UNREACHABLE = "unreachable"
_MISSING = object()
# The scopes whose version this process could not read: the shared cache was down.
_unreachable: set[str] = set()
# The versions one request has read: a page view asks for the pages version once
# per cached part (trail, outline, catalogue, lesson body), and one answer serves
# them all. None outside requests, where nothing is remembered.
_request_versions: ContextVar[dict[str, str] | None] = ContextVar(
    "courses_request_versions", default=None
)


@receiver(request_started)
def _remember_versions(**kwargs) -> None:
    _request_versions.set({})


@receiver(request_finished)
def _forget_versions(**kwargs) -> None:
    _request_versions.set(None)


def version(scope: str = PAGES) -> str:
    """The current version of what `scope` names (set on first use).

    `UNREACHABLE` while the shared cache cannot be read: nothing is then kept or
    read (`cached`), and pages come from the database. The first answer after an
    outage is a new version, which retires whatever was kept before it: a page
    published during the outage could not retire it then.
    """
    remembered = _request_versions.get()
    if remembered is not None and scope in remembered:
        return remembered[scope]
    key = f"courses:version:{scope}"
    current = cache.get(key)
    if current is None:
        fresh = uuid4().hex
        # True: set now; False: another process set one first; None: the shared
        # cache could not be reached (django-redis ignores the error).
        added = cache.add(key, fresh, None)
        if added is None:
            _unreachable.add(scope)
            current = UNREACHABLE
        else:
            current = fresh if added else (cache.get(key) or fresh)
    if scope in _unreachable and current != UNREACHABLE:
        _unreachable.discard(scope)
        current = uuid4().hex
        cache.set(key, current, None)
    if remembered is not None:
        remembered[scope] = current
    return current


def retire(scope: str = PAGES) -> None:
    """Retire every entry of `scope`: a new version now and again once the
    transaction commits.

    The second one matters: a request that read the new version before the commit
    may have cached what it read, which was still the old content.
    """

    def new_version() -> None:
        cache.set(f"courses:version:{scope}", uuid4().hex, None)
        remembered = _request_versions.get()
        if remembered is not None:
            remembered.pop(scope, None)

    new_version()
    transaction.on_commit(new_version)


def cached(
    name: str,
    part: str,
    build: Callable[[], T],
    scope: str = PAGES,
    timeout: int = TIMEOUT,
) -> T:
    """`build()`'s result, kept under `name` and `part` until `scope` is retired."""
    current = version(scope)
    if current == UNREACHABLE:
        return build()
    key = f"courses:{name}:{part}:{current}"
    entries = caches["pages"]
    value = entries.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        entries.set(key, value, timeout)
    return value


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_tree_changed(sender, **kwargs) -> None:
    retire(PAGES)


@receiver(post_save)
@receiver(post_delete)
def page_or_privacy_saved(sender, instance, **kwargs) -> None:
    """Pages added or deleted (including the descendants of a deleted page), and
    privacy set or lifted, change what outlines show; an image or document
    replaced changes the lesson bodies that show it, and so does a model that says
    it `retires_page_cache` (the Convention status box). Draft saves come through
    here too; they retire entries needlessly but harmlessly."""
    if isinstance(
        instance, Page | PageViewRestriction | AbstractImage | AbstractDocument
    ) or getattr(instance, "retires_page_cache", False):
        retire(PAGES)


class CachedRouteMixin:
    """Wagtail's routing, remembered for the site's root page (and its translations).

    Wagtail finds the page for /courses/course/module/lesson/ with two queries per
    level. The answer is kept in the cache as the page's id; the next request loads
    that page in one query, *only if* it still has that address (`url_path`, which
    Wagtail keeps up to date on every move and slug change) and is live. Anything
    else — no entry, a page deleted, moved or unpublished — goes through Wagtail's
    routing as before, so a stale entry can cost a query but never serve the wrong
    page. View restrictions are not cached: Wagtail checks them after routing on
    every request. Only plain page addresses are remembered, not the sub-routes of
    routable pages; the pages between the home page and the one served route by
    slug, as no page type here overrides `route`.
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        key = "courses:route:" + hashlib.sha256(url_path.encode()).hexdigest()
        page = remembered_page(cache.get(key), url_path)
        if page is not None and page.live:
            return RouteResult(page)
        result = super().route(request, path_components)
        page, args, kwargs = result
        if not args and not kwargs and page.url_path == url_path:
            cache.set(key, (page.content_type_id, page.pk), ROUTE_TIMEOUT)
        return result


def remembered_page(remembered: tuple | None, url_path: str) -> Page | None:
    """The page a route entry names, if it is still at `url_path` (one query)."""
    if remembered is None:
        return None
    content_type_id, page_id = remembered
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        return None
    if model is None:
        return None
    return (
        model.objects.select_related("locale")
        .filter(pk=page_id, url_path=url_path)
        .first()
    )
