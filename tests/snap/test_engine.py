"""The OCR engine: loads its models from the wheel (never from the network) and honours the Vision seam."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from snap_boards import draw_board, save

from afterboard.ingest.ocr import RapidOCRVision, TextLine
from afterboard.ingest.photo import PhotoReader
from scripted_vision import ScriptedVision


def test_engine_loads_and_reads_without_any_download(monkeypatch: pytest.MonkeyPatch) -> None:
    from rapidocr.utils import download_file

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the OCR engine tried to download a file")

    monkeypatch.setattr(download_file.DownloadFile, "run", classmethod(refuse))
    monkeypatch.setattr(download_file.requests, "get", refuse)
    vision = RapidOCRVision()
    image = np.asarray(draw_board({"Went well": ["Fast rollback"]}, size=(900, 700)))
    assert "Fast rollback" in [line.text for line in vision.read(image)]


def test_another_engine_plugs_in_through_the_vision_protocol(tmp_path: Path) -> None:
    photo = save(draw_board({}, size=(900, 700)), tmp_path / "board.png")
    vision = ScriptedVision(
        [
            TextLine("Action items", 0.99, (50, 40, 300, 90)),
            TextLine("Rotate the keys @sam by 12/01", 0.42, (60, 150, 500, 190)),
        ]
    )
    board = PhotoReader(vision).read(photo, today=dt.date(2026, 11, 27))
    (note,) = board.notes
    assert (note.text, note.section, note.header, note.confidence) == (
        "Rotate the keys @sam by 12/01",
        "action_items",
        "Action items",
        0.42,
    )
    assert note.box == (60, 150, 500, 190)


def test_engine_scores_are_stretched_so_that_doubtful_readings_fall_under_the_review_threshold() -> None:
    from afterboard.ingest.ocr import calibrated
    from afterboard.settings import Settings

    low = Settings().low_confidence
    assert calibrated(0.80) == 0.0 and calibrated(1.0) == 1.0
    assert calibrated(0.92) < low < calibrated(0.96)  # under 0.94 few notes were read exactly
    assert calibrated(0.95) < calibrated(0.97) < calibrated(0.99)


def test_engine_threads_match_the_cores_and_sleep_when_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    from afterboard.ingest import ocr

    monkeypatch.setattr(ocr, "usable_cores", lambda: 3)  # not this machine's count: the default must ask
    vision = RapidOCRVision()
    image = np.asarray(draw_board({"Went well": ["Fast rollback"]}, size=(900, 700)))
    assert vision.read(image)  # the engine builds its detector and recogniser on first use
    engine = vision._engine
    for stage in (engine.text_det, engine.text_rec):
        options = stage.session.session.get_session_options()
        assert options.intra_op_num_threads == 3
        assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
