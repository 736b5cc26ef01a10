"""Web fixtures: a fresh app over a fresh archive per test, a furnished team per module, and one OCR engine
for the whole session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from afterboard.ingest.photo import PhotoReader
from web.team import Team, furnish, team_app
from web.webapp import Web, running_app

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="session")
def reader() -> PhotoReader:
    """The real photo reader; its engine loads once, on the first photo."""
    return PhotoReader()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (never a downloaded browser), for the browser tests."""
    from web.test_browser import ARGS, CHROMIUM

    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def web(tmp_path: Path, reader: PhotoReader) -> Iterator[Web]:
    with running_app(tmp_path, reader=reader) as app:
        yield app


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory, reader: PhotoReader) -> Iterator[Team]:
    """Team mode, signed in as every role, with a team post-mortem and a restricted one (`web.team.furnish`),
    shared by a module's tests (modules that need an empty one define their own `team`)."""
    with team_app(tmp_path_factory.mktemp("team"), reader) as app:
        furnish(app)
        yield app
