"""Fixtures of the photo tests: one OCR engine for the whole session (loading it costs about a second)."""

from __future__ import annotations

from pathlib import Path

import pytest
from snap_boards import INCIDENT_BOARD, draw_board, save

from afterboard.ingest.photo import PhotoReader


@pytest.fixture(scope="session")
def reader() -> PhotoReader:
    return PhotoReader()


@pytest.fixture(scope="session")
def incident_photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A whiteboard with three headers and seven sticky notes, as a JPEG."""
    folder = tmp_path_factory.mktemp("boards")
    return save(draw_board(INCIDENT_BOARD), folder / "board.jpg", quality=90)
