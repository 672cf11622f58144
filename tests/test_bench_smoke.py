"""The benchmark (bench/run.py) works from end to end: its plan is made from a small
scale database, and `--smoke` makes one request of every page against a live server
with Server-Timing on, and a 2-second load where wrk is installed. It checks that the
benchmark runs and reads every figure, not how fast anything is."""

import argparse
import json
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from django.test.testcases import LiveServerThread

from bench import results as bench_results
from bench import run as bench

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    bench.BARE,
    "Bare Wagtail page, logged in",
    "Catalogue",
    "Course",
    "Course, logged in",
    "Lesson, anonymous",
    bench.LESSON,
    "Quiz: start (POST)",
    "Quiz: attempt page",
    "Quiz: answer (autosave POST)",
    "Quiz: submit (POST)",
    "Quiz: result",
    "My learning",
    bench.DASHBOARD,
    bench.CERTIFICATE,
    "Verification page",
]


@pytest.fixture
def timed_server(committed_db, settings):
    """A live server of the test database with the Server-Timing middleware; its
    base URL. Not pytest-django's `live_server`: that one is shared by the whole
    run and built its middleware when it started. Logins are not rate-limited
    here: the suite's other logins come from the same address."""
    settings.MIDDLEWARE = [
        "core.server_timing.ServerTimingMiddleware",
        *settings.MIDDLEWARE,
    ]
    settings.ACCOUNT_RATE_LIMITS = False
    server = LiveServerThread("127.0.0.1", StaticFilesHandler)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    yield f"http://127.0.0.1:{server.port}"
    server.terminate()


@pytest.fixture
def plan_file(committed_db, demo_snapshot, tmp_path) -> Path:
    """The plan of a small scale database: the demo course and 100 learners."""
    demo_snapshot[0].restore()
    call_command(
        "seed_scale",
        "--learners=100",
        "--organisations=2",
        "--force",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(bench.prepare()))
    return path


def test_the_smoke_run_reads_every_page_and_writes_no_results(timed_server, plan_file):
    results_before = bench_results.RESULTS.read_bytes()

    run = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "bench/run.py",
            "--smoke",
            f"--url={timed_server}",
            f"--plan={plan_file}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert run.returncode == 0, run.stdout + run.stderr
    for name in PAGES:
        assert f"| {name} |" in run.stdout
    assert "| logged-in lesson p50 ≤ 8 ms |" in run.stdout
    if shutil.which("wrk"):
        assert f"| {bench.LESSON} | 2 |" in run.stdout
    assert bench_results.RESULTS.read_bytes() == results_before


def test_only_loopback_servers_are_benchmarked():
    for url in ["http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:80"]:
        assert bench.loopback_url(url) == url
    for url in ["http://192.0.2.10:8000", "https://127.0.0.1", "http://example.org"]:
        with pytest.raises(argparse.ArgumentTypeError, match="loopback"):
            bench.loopback_url(url)
