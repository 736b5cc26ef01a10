"""Web fixtures: a fresh app over a fresh archive per test, and one OCR engine for the whole session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from afterboard.ingest.photo import PhotoReader
from web.webapp import Web, running_app


@pytest.fixture(scope="session")
def reader() -> PhotoReader:
    """The real photo reader; its engine loads once, on the first photo."""
    return PhotoReader()


@pytest.fixture
def web(tmp_path: Path, reader: PhotoReader) -> Iterator[Web]:
    with running_app(tmp_path, reader=reader) as app:
        yield app
