"""Journeys through the real site in headless Chromium, against the live server."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(committed_db, live_server) -> str:
    """The demo course seeded and served; returns the server's base URL.

    The demo partner organisations are left out: seeding their trainees' progress
    takes seconds that journeys not about partners need not pay.
    """
    call_command("seed_demo", "--without-partners", stdout=StringIO())
    return live_server.url
