"""Server time, SQL queries and throughput of the pages learners, managers and
verifiers use, each also as a ratio to a bare Wagtail page of the same site,
measured in the same run.

    bin/bench-server    # one shell: builds var/bench/ once, serves on 127.0.0.1:8000
    make bench          # another: runs this script and appends to bench/RESULTS.md

Against a running server on a loopback address that sends `Server-Timing` headers
(SERVER_TIMING=1, core/server_timing.py), it:

1. logs in the learners, the quiz taker, a certificate holder and the manager of the
   largest organisation named in the plan (var/bench/plan.json, see `prepare`);
2. requests each page a few times unmeasured, then 30 times in rounds (one request
   of each page per round, so that the shared machine's ups and downs fall on every
   page alike), and reads the server's own time and query count from each response;
   the quiz is taken as many times: start, attempt page, autosave, submit, result;
3. weighs the logged-in lesson page: its HTML, CSS and JavaScript gzipped;
4. loads the server with wrk for 15 s at 50 and then 200 connections (`Extent`):
   the bare page, the bare page logged in, and the logged-in lesson pages, in 5 s
   slices taken in turns (connections cycle over the learners' sessions, each at
   the lesson they would continue with);
5. prints the tables and the targets met or missed, and appends them to
   bench/RESULTS.md with the machine, date, commit, database and learner count.

The reference is a page of Wagtail's own base type (`wagtailcore.Page`), served by
Wagtail at /bench-reference/ with Wagtail's default template: everything the site's
pages go through (middleware, session, Wagtail's routing from the home page) and
nothing of their own. `--prepare`, which bin/bench-server runs through Django against
the server's database, adds it there and writes the plan. `--smoke` (the CI check,
tests/test_bench_smoke.py) makes two requests of each (one a warm-up, so that every
step is seen to work twice in a row), loads for 2 seconds with 2 connections if wrk
is installed, and writes nothing to RESULTS.md.
"""

import argparse
import gzip
import http.client
import ipaddress
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script, from bench/

from bench import results as bench_results  # noqa: E402

DEFAULT_PLAN = ROOT / "var" / "bench" / "plan.json"
BARE_SLUG = "bench-reference"
LOGIN_PATH = "/accounts/login/"
LOAD_LEARNERS = 20
# Targets of issue 7: measured and reported, never asserted.
LESSON_MS = 8
LESSON_QUERIES = 8
LESSON_GZIP_BYTES = 20_000
THROUGHPUT_RATIO = 0.8
DASHBOARD_MS = 300
CERTIFICATE_MS = 100
LEARNERS = 100_000
BARE = "Bare Wagtail page (reference)"
LESSON = "Lesson, logged in"
DASHBOARD = "Partner dashboard"
CERTIFICATE = "Certificate PDF"


class BenchError(Exception):
    """The benchmark cannot go on; the message says why."""


@dataclass(frozen=True)
class Extent:
    """How much a run measures: `runs` requests of each page after `warmup`, and
    `seconds` of load per page and concurrency, in `slices` taken in turns."""

    runs: int = 30
    warmup: int = 5
    seconds: int = 15
    slices: int = 3
    connections: tuple[int, ...] = (50, 200)


SMOKE = Extent(runs=1, warmup=1, seconds=2, slices=1, connections=(2,))


# --- The plan: who logs in and what they open (Django, against the server's data) ---


def prepare() -> dict:
    """Add the bare reference page if it is missing and return the plan: the
    learners at a lesson, the quiz taker, a certificate holder and the manager of
    the largest organisation, all scale accounts (`manage.py seed_scale`), with the
    database and server settings they were read from. Needs Django set up."""
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count, Q

    from certificates.models import Certificate
    from courses.models import CourseIndexPage
    from courses.outline import course_outline
    from demo import scale
    from learning.models import Enrolment
    from learning.services import course_progress
    from partners.models import Membership, Organisation

    course = scale.scale_course()
    outline = course_outline(course)
    enrolments = (
        Enrolment.objects.filter(
            course_key=course.translation_key,
            completed_at__isnull=True,
            learner__in=scale.scale_learners(),
        )
        .select_related("learner")
        .order_by("learner__email")
    )
    # Learners part way through: the first takes the quiz, the others read lessons.
    part_way = []
    for enrolment in enrolments.iterator():
        progress = course_progress(enrolment.learner, course, outline)
        if progress and progress.completed and progress.next_lesson is not None:
            part_way.append(
                {
                    "email": enrolment.learner.email,
                    "lesson": path_of(progress.next_lesson),
                }
            )
        if len(part_way) > LOAD_LEARNERS:
            break
    if len(part_way) < 2:
        raise BenchError("Too few scale learners part way through the course.")
    quiz_taker, *at_lessons = part_way
    quiz = next(
        (
            quiz
            for module in outline.modules
            if (quiz := outline.quiz_of(module)) is not None
            and not quiz.attempts_allowed
            and not quiz.retake_wait_minutes
        ),
        None,
    )
    if quiz is None:
        raise BenchError("No module quiz can be taken again and again.")
    certificate = (
        Certificate.objects.filter(
            learner__in=scale.scale_learners(), revoked_at__isnull=True
        )
        .select_related("learner")
        .order_by("pk")
        .first()
    )
    if certificate is None:
        raise BenchError("No scale learner has a certificate: seed more learners.")
    organisation = (
        Organisation.objects.annotate(
            trainees=Count(
                "memberships", filter=Q(memberships__role=Membership.Role.TRAINEE)
            )
        )
        .order_by("-trainees", "pk")
        .first()
    )
    manager = Membership.objects.filter(
        organisation=organisation,
        role=Membership.Role.MANAGER,
        user__email__endswith=f"@{scale.EMAIL_DOMAIN}",
    ).first()
    if manager is None:
        raise BenchError("The largest organisation has no scale manager.")
    return {
        "learners": scale.scale_learners().count(),
        "database": database_version(connection),
        "server": {
            "settings": os.environ["DJANGO_SETTINGS_MODULE"],
            "debug": settings.DEBUG,
            "workers": os.environ.get("WEB_CONCURRENCY", "?"),
        },
        "password": scale.PASSWORD,
        "bare": path_of(bare_page()),
        "catalogue": path_of(CourseIndexPage.objects.live().order_by("path").first()),
        "course": path_of(course),
        "at_lessons": at_lessons,
        "quiz": {"email": quiz_taker["email"], "id": quiz.pk, "page": path_of(quiz)},
        "certificate": {"email": certificate.learner.email, "code": certificate.code},
        "manager": {
            "email": manager.user.email,
            "organisation": organisation.pk,
            "trainees": organisation.trainees,
        },
    }


def bare_page():
    """The reference: a page of Wagtail's base type under the site's home page,
    rendered with Wagtail's own default template (wagtailcore/page.html). Created in
    the benchmark database only; the product has no such page."""
    from wagtail.models import Page, Site

    home = Site.objects.get(is_default_site=True).root_page
    page = Page.objects.child_of(home).filter(slug=BARE_SLUG).first()
    if page is None:
        page = Page(title="Benchmark reference", slug=BARE_SLUG)
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def path_of(page) -> str:
    return urlsplit(page.get_url()).path


def database_version(connection) -> str:
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        return cursor.fetchone()[0].split(" on ")[0].split(",")[0]


# --- HTTP: one visitor at a time, with the server's own timing of each request ---


@dataclass
class Reply:
    """One response, with the server's time (ms) and SQL statements from its
    Server-Timing header."""

    status: int
    headers: http.client.HTTPMessage
    body: bytes
    server_ms: float
    queries: int


class PageReader(HTMLParser):
    """What the benchmark needs from a page: the CSRF token, the form fields of a
    quiz attempt, and the stylesheets and scripts it loads."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.csrf_token = ""
        self.fields: list[tuple[str, str, str]] = []
        self.assets: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {name: value or "" for name, value in attrs}
        name = attributes.get("name", "")
        if tag == "input" and name == "csrfmiddlewaretoken":
            self.csrf_token = attributes["value"]
        elif tag in {"input", "textarea"} and name:
            kind = attributes.get("type", "text") if tag == "input" else "text"
            self.fields.append((kind, name, attributes.get("value", "")))
        elif tag == "link" and attributes.get("rel") == "stylesheet":
            self.assets.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.assets.append(attributes["src"])

    def answers(self) -> list[tuple[str, str]]:
        """A quiz form filled in: the first choice of each question, some text in
        each text answer, and the fields that say which questions were shown."""
        given, answered = [], set()
        for kind, name, value in self.fields:
            if kind == "hidden":
                given.append((name, value))
            elif kind in {"radio", "checkbox"} and name not in answered:
                given.append((name, value))
                answered.add(name)
            elif kind == "text" and name.startswith("q"):
                given.append((name, "I would ask the provider to preserve the data."))
        return given


# Benchmarking addresses (RFC 2544), one per simulated client.
CLIENT_ADDRESSES = ipaddress.ip_network("198.18.0.0/15").hosts()


class Visitor:
    """A browser without the browser: keeps its cookies by hand, since the server's
    are marked Secure (production settings) and a cookie jar would not send them
    back over plain HTTP on loopback. Redirects are not followed: each request is
    measured on its own.

    Each visitor comes from an address of its own, as the proxy would tell the
    server in X-Forwarded-For (read by the production settings): two dozen logins
    from one address in a minute would be an artefact of the benchmark, held back
    by the per-address limits that are no part of what is measured.
    """

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.cookies: dict[str, str] = {}
        self.address = str(next(CLIENT_ADDRESSES))

    def get(self, path: str, headers: dict | None = None) -> Reply:
        return self.request("GET", path, headers=headers)

    def post(
        self, path: str, form: list[tuple[str, str]], token: str, headers=None
    ) -> Reply:
        body = urlencode([("csrfmiddlewaretoken", token), *form]).encode()
        return self.request(
            "POST",
            path,
            body,
            {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})},
        )

    def request(self, method: str, path: str, body=None, headers=None) -> Reply:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(
                method,
                path,
                body,
                {
                    "Cookie": self.cookie_header(),
                    "X-Forwarded-For": self.address,
                    **(headers or {}),
                },
            )
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for set_cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = set_cookie.partition("=")
            value = rest.partition(";")[0]
            if value and value != '""':
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        server_ms, queries = server_timing(response.headers.get("Server-Timing"))
        return Reply(response.status, response.headers, content, server_ms, queries)

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def get_static(self, path: str) -> bytes:
        """A static file's body: served before Django, so without Server-Timing."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
        if response.status != http.HTTPStatus.OK:
            raise BenchError(f"{path} answered HTTP {response.status}.")
        return body


def server_timing(header: str | None) -> tuple[float, int]:
    """The `app` duration and the number of queries in a Server-Timing header."""
    app = re.search(r"\bapp;dur=([\d.]+)", header or "")
    queries = re.search(r'\bdb;[^,]*desc="(\d+) queries"', header or "")
    if app is None or queries is None:
        raise BenchError(
            "A response has no Server-Timing header with the server time and "
            "queries: start the server with SERVER_TIMING=1 (bin/bench-server)."
        )
    return float(app.group(1)), int(queries.group(1))


def log_in(base_url: str, email: str, password: str) -> Visitor:
    visitor = Visitor(base_url)
    token = PageReader(visitor.get(LOGIN_PATH).body.decode()).csrf_token
    reply = visitor.post(LOGIN_PATH, [("login", email), ("password", password)], token)
    if reply.status != http.HTTPStatus.FOUND or "sessionid" not in visitor.cookies:
        raise BenchError(f"{email} could not log in (HTTP {reply.status}).")
    return visitor


# --- Server time and queries, page by page ---


@dataclass
class Row:
    """One request's figures over the measured runs."""

    name: str
    times: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        if len(self.times) < 2:
            return self.times[0]
        return statistics.quantiles(self.times, n=20, method="inclusive")[-1]

    @property
    def median_queries(self) -> int:
        return round(statistics.median(self.queries))

    def queries_text(self) -> str:
        low, high = min(self.queries), max(self.queries)
        return str(low) if low == high else f"{self.median_queries} ({low}–{high})"


# A case makes one visit and returns the measured requests it made, by row name.
Case = Callable[[], list[tuple[str, Reply]]]


def expect(reply: Reply, status: int, what: str) -> Reply:
    if reply.status != status:
        raise BenchError(f"{what} answered HTTP {reply.status}, not {status}.")
    return reply


def page(name: str, visitor: Visitor, path: str, headers=None) -> Case:
    return lambda: [
        (name, expect(visitor.get(path, headers), http.HTTPStatus.OK, name))
    ]


def quiz_case(visitor: Visitor, quiz: dict) -> Case:
    """Take the quiz once: start, open the attempt, autosave the answers (as the
    page's script does), submit and open the result. The CSRF token is read from
    a page with a form: the quiz page first, then each attempt page (the token
    stays valid for the session)."""
    found = http.HTTPStatus.FOUND
    quiz_page = expect(visitor.get(quiz["page"]), http.HTTPStatus.OK, "Quiz page")
    token = PageReader(quiz_page.body.decode()).csrf_token

    def take() -> list[tuple[str, Reply]]:
        nonlocal token
        start = expect(
            visitor.post(f"/quizzes/{quiz['id']}/start/", [], token),
            found,
            "Quiz start",
        )
        attempt_path = urlsplit(start.headers["Location"]).path
        attempt = expect(visitor.get(attempt_path), http.HTTPStatus.OK, "Quiz attempt")
        form = PageReader(attempt.body.decode())
        token = form.csrf_token
        answers = form.answers()
        saved = expect(
            visitor.post(
                attempt_path + "save/",
                answers,
                token,
                {"X-Requested-With": "fetch"},
            ),
            http.HTTPStatus.OK,
            "Quiz autosave",
        )
        submitted = expect(
            visitor.post(attempt_path + "submit/", answers, token),
            found,
            "Quiz submit",
        )
        result_path = urlsplit(submitted.headers["Location"]).path
        result = expect(visitor.get(result_path), http.HTTPStatus.OK, "Quiz result")
        return [
            ("Quiz: start (POST)", start),
            ("Quiz: attempt page", attempt),
            ("Quiz: answer (autosave POST)", saved),
            ("Quiz: submit (POST)", submitted),
            ("Quiz: result", result),
        ]

    return take


def verification_case(visitor: Visitor, path: str) -> Case:
    """A certificate checked each time from another address, as when the QR codes
    of many certificates are scanned, so that the per-address limit on lookups
    (certificates/services.py) stays out of the figures."""
    name = "Verification page"

    def check() -> list[tuple[str, Reply]]:
        address = {"X-Forwarded-For": str(next(CLIENT_ADDRESSES))}
        return [(name, expect(visitor.get(path, address), http.HTTPStatus.OK, name))]

    return check


def measure(cases: list[Case], runs: int, warmup: int) -> dict[str, Row]:
    """Every case `warmup` times unmeasured, then `runs` rounds of all of them."""
    for _ in range(warmup):
        for case in cases:
            case()
    rows: dict[str, Row] = {}
    for _ in range(runs):
        for case in cases:
            for name, reply in case():
                row = rows.setdefault(name, Row(name))
                row.times.append(reply.server_ms)
                row.queries.append(reply.queries)
    return rows


def page_weight(visitor: Visitor, path: str) -> dict[str, int]:
    """Bytes of a page's HTML and of each stylesheet and script it loads, each
    gzipped at level 6 (nginx's and most CDNs' usual setting)."""
    html = expect(visitor.get(path), http.HTTPStatus.OK, "Lesson").body
    weights = {"HTML": len(gzip.compress(html, 6))}
    for asset in PageReader(html.decode()).assets:
        asset_path = urlsplit(urljoin(path, asset)).path
        weights[asset_path] = len(gzip.compress(visitor.get_static(asset_path), 6))
    return weights


# --- Load: wrk against the bare page and the logged-in lesson pages ---

WRK_SCRIPT = """
local targets = {%(targets)s}
local threads = {}
local next_target = 0
function setup(thread) table.insert(threads, thread) end
function init(args) failed = 0 end
function request()
  next_target = next_target %% #targets + 1
  local target = targets[next_target]
  return wrk.format("GET", target[1], target[2])
end
function response(status, headers, body)
  if status ~= 200 then failed = failed + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("failed") end
  io.write(string.format("non-200 responses: %%d\\n", total))
end
"""


@dataclass
class Slice:
    """One wrk run's figures."""

    seconds: float
    requests: int
    socket_errors: int
    non_200: int
    latency_p50_ms: float
    latency_p99_ms: float


@dataclass
class Load:
    """One page's load at one concurrency: wrk runs (slices) taken in turns with
    the other pages', so that the machine's ups and downs fall on each alike."""

    name: str
    connections: int
    slices: list[Slice] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(s.requests for s in self.slices)

    @property
    def per_second(self) -> float:
        return self.requests / sum(s.seconds for s in self.slices)

    @property
    def errors(self) -> tuple[int, int]:
        """Socket errors (connect, read, write, timeout) and non-200 responses."""
        return (
            sum(s.socket_errors for s in self.slices),
            sum(s.non_200 for s in self.slices),
        )

    @property
    def latency_p50_ms(self) -> float:
        return statistics.median(s.latency_p50_ms for s in self.slices)

    @property
    def latency_p99_ms(self) -> float:
        return max(s.latency_p99_ms for s in self.slices)


def wrk_targets(targets: list[tuple[str, str]]) -> str:
    """(path, cookie) pairs as a Lua table; an empty cookie sends none."""
    entries = []
    for path, cookie in targets:
        headers = f"Cookie = {json.dumps(cookie)}" if cookie else ""
        entries.append(f"{{{json.dumps(path)}, {{{headers}}}}}")
    return ", ".join(entries)


def load(
    wrk: str,
    base_url: str,
    targets: list[tuple[str, str]],
    connections: int,
    seconds: int,
) -> Slice:
    """`connections` connections for `seconds`, cycling over `targets`."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "targets.lua"
        script.write_text(WRK_SCRIPT % {"targets": wrk_targets(targets)})
        result = subprocess.run(  # noqa: S603 - our own arguments, no shell
            [
                wrk,
                f"--threads={min(2, connections)}",
                f"--connections={connections}",
                f"--duration={seconds}s",
                "--timeout=30s",
                "--latency",
                f"--script={script}",
                base_url.rstrip("/") + targets[0][0],
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=False,
        )
    output = result.stdout
    if result.returncode != 0 or "Requests/sec:" not in output:
        raise BenchError(f"wrk failed:\n{output}{result.stderr}")
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    requests, duration, unit = re.search(
        r"(\d+) requests in ([\d.]+)(ms|s|m)\b", output
    ).groups()
    return Slice(
        seconds=float(duration) * {"ms": 0.001, "s": 1, "m": 60}[unit],
        requests=int(requests),
        socket_errors=sum(map(int, errors.groups())) if errors else 0,
        non_200=int(re.search(r"non-200 responses: (\d+)", output).group(1)),
        latency_p50_ms=latency_ms(output, "50%"),
        latency_p99_ms=latency_ms(output, "99%"),
    )


def latency_ms(output: str, percentile: str) -> float:
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)\b", output).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


# --- The report ---


def ratio(value: float, reference: float) -> str:
    return f"{value / reference:.2f}×" if reference else "–"


def target(met: bool, miss: str) -> str:
    return "met" if met else f"**missed** by {miss}"


def report(
    plan: dict,
    rows: dict[str, Row],
    weights: dict[str, int],
    loads: list[Load],
    extent: Extent,
) -> str:
    bare = rows[BARE]
    server = plan["server"]
    lines = [
        bench_results.heading("Pages and load"),
        f"{bench_results.machine()}. Server: gunicorn, {server['workers']} "
        f"sync workers, {server['settings']}, "
        f"DEBUG {'on' if server['debug'] else 'off'}, {plan['database']}, "
        f"{plan['learners']:,} scale learners "
        f"(`bench/run.py`; server: `bin/bench-server`). Server time is the app's own "
        f"(Server-Timing header), p50 and p95 over {extent.runs} requests each, "
        f"taken in rounds of one request per page; ratios are "
        f"to the bare Wagtail page in the same run. The partner dashboard is that of "
        f"an organisation with {plan['manager']['trainees']:,} trainees.",
        "",
        "| Request | p50 ms | p95 ms | queries | p50 ÷ bare | p95 ÷ bare "
        "| queries ÷ bare |",
        "|---|---|---|---|---|---|---|",
        *(
            f"| {row.name} | {row.p50:.1f} | {row.p95:.1f} | {row.queries_text()} "
            f"| {ratio(row.p50, bare.p50)} | {ratio(row.p95, bare.p95)} "
            f"| {ratio(row.median_queries, bare.median_queries)} |"
            for row in rows.values()
        ),
        "",
        "Logged-in lesson page, gzipped (level 6): "
        + ", ".join(f"{name} {size:,} B" for name, size in weights.items())
        + f"; total {sum(weights.values()):,} B.",
        "",
    ]
    bare_loads = {x.connections: x for x in loads if x.name == BARE}
    if loads:
        lines += [
            f"Load: wrk on loopback, {extent.seconds} s per line in {extent.slices} "
            f"slices taken in turns with the other pages'; logged-in requests cycle "
            f"over {len(plan['at_lessons'])} learners' sessions, each at the lesson "
            "they would continue with. Socket errors: connect, read, write, timeout.",
            "",
            "| Page | connections | req/s | requests | socket errors | non-200 "
            "| latency p50 ms | latency p99 ms | req/s ÷ bare |",
            "|---|---|---|---|---|---|---|---|---|",
            *(
                f"| {x.name} | {x.connections} | {x.per_second:.0f} | {x.requests} "
                f"| {x.errors[0]} | {x.errors[1]} | {x.latency_p50_ms:.0f} "
                f"| {x.latency_p99_ms:.0f} "
                f"| {ratio(x.per_second, bare_loads[x.connections].per_second)} |"
                for x in loads
            ),
            "",
        ]
    lines += ["| Target | measured | |", "|---|---|---|"]
    lines += targets_rows(plan, rows, weights, loads, bare_loads)
    return "\n".join(lines) + "\n"


def targets_rows(plan, rows, weights, loads, bare_loads) -> list[str]:
    lesson, dashboard, pdf = rows[LESSON], rows[DASHBOARD], rows[CERTIFICATE]
    weight = sum(weights.values())
    result = [
        f"| learners in the database ≥ {LEARNERS:,} | {plan['learners']:,} | "
        + target(plan["learners"] >= LEARNERS, f"{LEARNERS - plan['learners']:,}")
        + " |",
        f"| logged-in lesson p50 ≤ {LESSON_MS} ms | {lesson.p50:.1f} ms | "
        + target(
            lesson.p50 <= LESSON_MS,
            f"{lesson.p50 - LESSON_MS:.1f} ms ({lesson.p50 / LESSON_MS:.1f}×)",
        )
        + " |",
        f"| logged-in lesson queries ≤ {LESSON_QUERIES} | {lesson.queries_text()} | "
        + target(
            lesson.median_queries <= LESSON_QUERIES,
            f"{lesson.median_queries - LESSON_QUERIES}",
        )
        + " |",
        f"| lesson HTML + CSS + JS ≤ {LESSON_GZIP_BYTES:,} B gzipped | {weight:,} B | "
        + target(weight <= LESSON_GZIP_BYTES, f"{weight - LESSON_GZIP_BYTES:,} B")
        + " |",
    ]
    for x in loads:
        if x.name != LESSON:
            continue
        share = x.per_second / (bare_loads[x.connections].per_second or 1)
        result.append(
            f"| logged-in lesson req/s ≥ {THROUGHPUT_RATIO} × bare page, "
            f"{x.connections} connections | {share:.2f}× | "
            + target(
                share >= THROUGHPUT_RATIO and not sum(x.errors),
                f"{THROUGHPUT_RATIO - share:.2f}× of the bare page's req/s"
                if share < THROUGHPUT_RATIO
                else f"{sum(x.errors)} errors",
            )
            + " |"
        )
    trainees = plan["manager"]["trainees"]
    result += [
        f"| partner dashboard ({trainees:,} trainees) p50 ≤ {DASHBOARD_MS} ms "
        f"| {dashboard.p50:.0f} ms | "
        + target(
            dashboard.p50 <= DASHBOARD_MS, f"{dashboard.p50 - DASHBOARD_MS:.0f} ms"
        )
        + " |",
        f"| certificate PDF p50 ≤ {CERTIFICATE_MS} ms | {pdf.p50:.0f} ms | "
        + target(pdf.p50 <= CERTIFICATE_MS, f"{pdf.p50 - CERTIFICATE_MS:.0f} ms")
        + " |",
    ]
    return result


# --- The run ---


def run(
    base_url: str, plan: dict, extent: Extent, wrk: str | None
) -> tuple[dict[str, Row], dict[str, int], list[Load]]:
    password = plan["password"]
    anonymous = Visitor(base_url)
    learner, *others = (
        log_in(base_url, entry["email"], password) for entry in plan["at_lessons"]
    )
    first = plan["at_lessons"][0]
    quiz_taker = log_in(base_url, plan["quiz"]["email"], password)
    holder = log_in(base_url, plan["certificate"]["email"], password)
    manager = log_in(base_url, plan["manager"]["email"], password)
    code = plan["certificate"]["code"]
    cases = [
        page(BARE, anonymous, plan["bare"]),
        page("Bare Wagtail page, logged in", learner, plan["bare"]),
        page("Catalogue", anonymous, plan["catalogue"]),
        page("Course", anonymous, plan["course"]),
        page("Course, logged in", learner, plan["course"]),
        page("Lesson, anonymous", anonymous, first["lesson"]),
        page(LESSON, learner, first["lesson"]),
        quiz_case(quiz_taker, plan["quiz"]),
        page("My learning", learner, "/my-learning/"),
        page(DASHBOARD, manager, f"/partners/{plan['manager']['organisation']}/"),
        page(CERTIFICATE, holder, f"/verify/{code}/pdf/"),
        verification_case(anonymous, f"/verify/{code}/"),
    ]
    rows = measure(cases, extent.runs, extent.warmup)
    weights = page_weight(learner, first["lesson"])
    loads = []
    if wrk:
        sessions = [
            (entry["lesson"], f"sessionid={visitor.cookies['sessionid']}")
            for entry, visitor in zip(
                plan["at_lessons"], [learner, *others], strict=True
            )
        ]
        pages = {
            BARE: [(plan["bare"], "")],
            "Bare Wagtail page, logged in": [
                (plan["bare"], cookie) for _path, cookie in sessions
            ],
            LESSON: sessions,
        }
        seconds = extent.seconds // extent.slices
        for count in extent.connections:
            at_count = [Load(name, count) for name in pages]
            for _ in range(extent.slices):
                for each in at_count:
                    each.slices.append(
                        load(wrk, base_url, pages[each.name], count, seconds)
                    )
                    # The requests wrk left queued when it stopped are still served:
                    # one more, queued behind them, returns once they are done, so
                    # that they do not eat into the next slice.
                    anonymous.get(plan["bare"])
            loads += at_count
    return rows, weights, loads


def loopback_url(url: str) -> str:
    """`url` if it names this machine; the benchmark loads no one else's server."""
    host = urlsplit(url).hostname or ""
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    if not local or urlsplit(url).scheme != "http":
        raise argparse.ArgumentTypeError(
            f"{url}: only http:// on a loopback address (127.0.0.1, ::1, localhost)."
        )
    return url


def setup_django() -> None:
    """Django with the settings and database of the environment, as the server's."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    import django

    django.setup()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--url",
        type=loopback_url,
        default=f"http://127.0.0.1:{os.environ.get('PORT', 8000)}",
        help="The server (default: http://127.0.0.1:$PORT, PORT 8000 if unset).",
    )
    parser.add_argument("--plan", type=Path, default=DEFAULT_PLAN)
    parser.add_argument(
        "--prepare",
        action="store_true",
        help="Add the reference page and write the plan (Django, the server's "
        "database and settings from the environment), then stop.",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="Two requests each and a 2-second load with 2 connections if wrk is "
        "installed; nothing written to RESULTS.md. For CI.",
    )
    parser.add_argument("--runs", type=int, default=Extent.runs)
    parser.add_argument(
        "--seconds", type=int, default=Extent.seconds, help="Of load per line."
    )
    arguments = parser.parse_args(argv)
    try:
        if arguments.prepare:
            setup_django()
            arguments.plan.parent.mkdir(parents=True, exist_ok=True)
            arguments.plan.write_text(json.dumps(prepare(), indent=2))
            sys.stdout.write(f"Benchmark plan written to {arguments.plan}.\n")
            return
        if not arguments.plan.exists():
            raise BenchError(
                f"No plan at {arguments.plan}: start the server with bin/bench-server."
            )
        plan = json.loads(arguments.plan.read_text())
        wrk = shutil.which("wrk")
        if arguments.smoke:
            extent = SMOKE
        elif wrk is None:
            raise BenchError("wrk is needed: apt-get install wrk (or make bench).")
        else:
            extent = Extent(runs=arguments.runs, seconds=arguments.seconds)
        rows, weights, loads = run(arguments.url, plan, extent, wrk)
    except (BenchError, OSError) as error:
        sys.exit(f"Benchmark stopped: {error}")
    text = report(plan, rows, weights, loads, extent)
    if arguments.smoke:
        sys.stdout.write(text)
    else:
        bench_results.publish("\n" + text)


if __name__ == "__main__":
    main()
