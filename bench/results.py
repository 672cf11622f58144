"""What every benchmark prints with its figures and adds to bench/RESULTS.md: a
heading with the date and the commit measured, and the machine it ran on."""

import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"


def git(*args: str) -> str:
    return subprocess.run(  # noqa: S603 - our own arguments, no shell
        ["git", *args],  # noqa: S607
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    ).stdout.strip()


def heading(title: str) -> str:
    """`## title — date UTC, commit abc1234`, saying so when the tree has changes
    that no commit holds."""
    commit = git("rev-parse", "--short", "HEAD")
    if git("status", "--porcelain", "--untracked-files=no"):
        commit += " with uncommitted changes"
    return f"## {title} — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit}"


def machine() -> str:
    return (
        f"Machine: {platform.node()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )


def publish(text: str) -> None:
    """Print the report and append it to bench/RESULTS.md."""
    sys.stdout.write(text)
    with RESULTS.open("a", encoding="utf-8") as results:
        results.write(text)
