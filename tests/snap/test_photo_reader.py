"""The photo reader on boards drawn in the test, read by the real OCR engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from snap_boards import INCIDENT_BOARD, draw_board, save
from snap_boards import incident_photo as board_photo

from afterboard.board import Board
from afterboard.drafting import draft
from afterboard.ingest.photo import PhotoReader, read_photos

TODAY = dt.date(2026, 11, 27)
READER = PhotoReader()
"""One reader for the module; the engine itself is loaded once per process."""


@pytest.fixture
def incident_photo(tmp_path: Path) -> Path:
    return board_photo(tmp_path)


def _by_text(board: Board) -> dict[str, str | None]:
    return {note.text.casefold(): note.section for note in board.notes}


def test_notes_under_headers_land_in_their_sections(incident_photo: Path) -> None:
    board = READER.read(incident_photo, today=TODAY)
    sections = _by_text(board)
    assert sections["09:12 deploy started"] == "timeline"
    assert sections["fast rollback"] == "went_well"
    assert sections["add canary stage @ana by 12/05"] == "action_items"
    assert len(board.notes) == sum(len(notes) for notes in INCIDENT_BOARD.values())


def test_each_note_keeps_header_box_colour_confidence_and_source(incident_photo: Path) -> None:
    board = READER.read(incident_photo, today=TODAY)
    note = next(n for n in board.notes if n.text.casefold() == "fast rollback")
    assert note.header == "What went well"
    assert note.colour in {"yellow", "pink", "green", "blue", "orange"}
    assert note.region == "column 2"
    assert note.source is not None and note.source.startswith("board.jpg#note-")
    assert 0.8 <= note.confidence <= 1.0
    assert note.box is not None
    x0, y0, x1, y1 = note.box
    assert 600 < x0 < x1 < 1200 and 100 < y0 < y1 < 1000


def test_draft_of_a_photo_parses_owners_dates_and_times(incident_photo: Path) -> None:
    pm = draft(READER.read(incident_photo, today=TODAY), today=TODAY)
    owners = {item.owner: item.due for item in pm.action_items}
    assert owners == {"ana": dt.date(2026, 12, 5), "raj": dt.date(2026, 12, 12)}
    assert [entry.at.strftime("%H:%M") for entry in pm.timeline if entry.at] == ["09:12", "09:31", "10:05"]
    assert [item.text for item in pm.went_well] == ["Fast rollback", "Clear updates in Slack"]


def test_exif_orientation_is_honoured_and_boxes_are_in_the_upright_photo(tmp_path: Path) -> None:
    upright = draw_board(INCIDENT_BOARD)
    stored = upright.rotate(90, expand=True)  # what a phone held sideways stores, with orientation 6
    exif = Image.Exif()
    exif[0x0112] = 6
    photo = save(stored, tmp_path / "phone.jpg", quality=90, exif=exif.tobytes())
    board = READER.read(photo, today=TODAY)
    assert _by_text(board)["fast rollback"] == "went_well"
    note = next(n for n in board.notes if n.text.casefold() == "fast rollback")
    assert note.box is not None and note.box[0] > 600 and note.box[2] < 1200


def test_a_photo_stored_on_its_side_is_turned_upright(tmp_path: Path) -> None:
    photo = save(draw_board(INCIDENT_BOARD).rotate(-90, expand=True), tmp_path / "sideways.png")
    board = READER.read(photo, today=TODAY)
    sections = _by_text(board)
    assert sections["09:31 pager alert fired"] == "timeline"
    assert sections["lower alert threshold @raj by 12/12"] == "action_items"
    note = next(n for n in board.notes if n.text.casefold() == "fast rollback")
    assert note.box is not None
    x0, y0, x1, y1 = note.box  # in the photo as stored: the board's columns run down it
    assert x1 - x0 < WIDE and 600 < y0 < y1 < 1200


WIDE = 300


def test_notes_written_sideways_either_way_are_read(tmp_path: Path) -> None:
    board = draw_board({"Went well": ["Fast rollback"], "Action items": []}, size=(1400, 1000))
    font = ImageFont.load_default(size=40)
    for angle, left in ((90, 800), (-90, 1100)):
        note = Image.new("RGB", (440, 120), (150, 220, 150))
        ImageDraw.Draw(note).text((20, 35), "Rotate the keys", fill=(20, 20, 20), font=font)
        board.paste(note.rotate(angle, expand=True), (left, 200))
    read = READER.read(save(board, tmp_path / "sideways-notes.png"), today=TODAY)
    assert [(n.text, n.section) for n in read.notes if n.text != "Fast rollback"] == [
        ("Rotate the keys", "action_items"),
        ("Rotate the keys", "action_items"),
    ]


def test_a_misread_header_takes_its_section_from_its_notes(tmp_path: Path) -> None:
    columns = {
        "Tmlnx": ["09:12 deploy started", "09:31 pager alert fired", "10:05 service restored"],
        "What went well": ["Fast rollback", "Clear updates in Slack"],
    }
    board = READER.read(save(draw_board(columns), tmp_path / "misread.png"), today=TODAY)
    sections = _by_text(board)
    assert sections["09:31 pager alert fired"] == "timeline"
    assert sections["fast rollback"] == "went_well"


def test_a_header_that_names_no_known_section_is_kept_as_written(tmp_path: Path) -> None:
    columns = {"Parking lot": ["Rename the dashboards", "Budget for tracing"], "Went well": ["Pairing"]}
    board = READER.read(save(draw_board(columns), tmp_path / "own.png"), today=TODAY)
    assert _by_text(board)["rename the dashboards"] == "Parking lot"
    assert _by_text(board)["pairing"] == "went_well"


def test_several_photos_of_one_board_merge_in_order(tmp_path: Path) -> None:
    left = save(draw_board({"Timeline": ["09:12 deploy started"]}, size=(900, 700)), tmp_path / "left.png")
    right = save(
        draw_board({"Action items": ["Add canary @ana by 12/05"]}, size=(900, 700)), tmp_path / "right.png"
    )
    board = read_photos([left, right], reader=READER, today=TODAY)
    assert [n.section for n in board.notes] == ["timeline", "action_items"]
    assert board.sources == ("left.png", "right.png")


def test_blurred_text_reads_with_lower_confidence_than_sharp_text(tmp_path: Path) -> None:
    sharp = READER.read(save(draw_board(INCIDENT_BOARD), tmp_path / "sharp.png"), today=TODAY)
    image = np.asarray(draw_board(INCIDENT_BOARD).resize((450, 300)).resize((1800, 1200)))
    blurred = READER.read(save(Image.fromarray(image), tmp_path / "blurred.png"), today=TODAY)
    mean = lambda board: sum(n.confidence for n in board.notes) / len(board.notes)  # noqa: E731
    assert mean(blurred) < mean(sharp)


@pytest.mark.parametrize("suffix", [".png", ".webp"])
def test_png_and_webp_photos_are_read(tmp_path: Path, suffix: str) -> None:
    photo = save(draw_board({"Went well": ["Fast rollback"]}, size=(900, 700)), tmp_path / f"b{suffix}")
    assert _by_text(READER.read(photo, today=TODAY)) == {"fast rollback": "went_well"}
