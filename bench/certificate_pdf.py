"""Time to draw one certificate PDF, per script of the trainee's name (target ≤ 100 ms).

Run with `make bench-certificates`. Prints the figures and appends them, with the
machine, date and commit, to bench/RESULTS.md.
"""

import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")

import django  # noqa: E402

django.setup()

from bench import results as bench_results  # noqa: E402
from certificates.models import Certificate  # noqa: E402
from certificates.pdf import render_pdf  # noqa: E402

NAMES = {
    "Vietnamese": "Nguyễn Thị Minh Khai",
    "French": "Éloïse Dubois-Lefèvre",
    "Russian": "Сергей Иванов",
    "Arabic": "ليلى الحداد",
}
RUNS = 20


def measure(name: str) -> float:
    certificate = Certificate(
        code="benchmark-code-0123456789",
        name=name,
        course_title="The UN Convention against Cybercrime: a practitioner's course",
        completed_on=date(2026, 11, 23),
        estimated_hours=15,
        modules=[f"Module {n}" for n in range(1, 10)],
    )
    url = "https://academy.example.org/verify/benchmark-code-0123456789/"
    render_pdf(certificate, url)  # warm-up: fonts and templates load once
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        render_pdf(certificate, url)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    results = {script: measure(name) for script, name in NAMES.items()}
    lines = [
        bench_results.heading("Certificate PDF"),
        f"{bench_results.machine()}. Median of {RUNS} runs, target ≤ 100 ms.",
        "",
        "| Name script | ms per certificate |",
        "|---|---|",
        *(f"| {script} | {ms:.1f} |" for script, ms in results.items()),
        "",
    ]
    bench_results.publish("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
