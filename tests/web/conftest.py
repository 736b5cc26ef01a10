"""Web fixtures: a fresh app over a fresh archive per test, and one OCR engine for the whole session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from afterboard.ingest.photo import PhotoReader
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
