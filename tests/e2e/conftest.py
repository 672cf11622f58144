"""Journeys through the real site in headless Chromium, against the live server."""

import pytest


@pytest.fixture
def demo_site(committed_db, demo_snapshot, live_server) -> str:
    """The demo course (without the demo partner organisations, which no journey
    needs) committed and served; returns the server's base URL."""
    demo_snapshot[0].restore()
    return live_server.url
