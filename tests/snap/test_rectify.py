"""Squaring a board photographed at an angle, and leaving alone a photo whose board edges are not seen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import cv2
import numpy as np
from PIL import Image
from snap_boards import ANGLED, INCIDENT_BOARD, STEEP, at_an_angle, draw_board, save

from afterboard.ingest.photo import PhotoReader
from afterboard.ingest.rectify import find_board, rectify

TODAY = dt.date(2026, 11, 27)
READER = PhotoReader()


def _angled_photo(folder: Path) -> Path:
    return save(at_an_angle(draw_board(INCIDENT_BOARD), ANGLED), folder / "angled.jpg", quality=90)


def test_the_corners_of_a_board_seen_at_an_angle_are_found() -> None:
    pixels = np.asarray(at_an_angle(draw_board(INCIDENT_BOARD), ANGLED))
    corners = find_board(pixels)
    assert corners is not None
    assert np.abs(corners - np.float32(ANGLED)).max() < 15


def test_the_squared_board_has_straight_edges_and_the_boards_proportions() -> None:
    pixels = np.asarray(at_an_angle(draw_board(INCIDENT_BOARD), ANGLED))
    squared = rectify(pixels)
    assert squared.matrix is not None
    width, height = squared.size
    assert width > 1590 and height > 1280  # the longer of opposite sides, plus a margin: nothing shrunk
    # A horizontal line of the board (the top of the first sticky) is level once squared.
    grey = np.asarray(Image.fromarray(squared.pixels).convert("L"), dtype=np.int16)
    rows = [int(np.argmax(np.abs(np.diff(grey[:, x])) > 25)) for x in (width // 9, width // 4)]
    assert abs(rows[0] - rows[1]) <= 6


def test_an_angled_board_is_read_into_its_sections(tmp_path: Path) -> None:
    board = READER.read(_angled_photo(tmp_path), today=TODAY)
    sections = {note.text.casefold(): note.section for note in board.notes}
    assert sections.get("09:12 deploy started") == "timeline"
    assert sections.get("fast rollback") == "went_well"
    assert sections.get("clear updates in slack") == "went_well"
    assert sections.get("add canary stage @ana by 12/05") == "action_items"
    assert sections.get("lower alert threshold @raj by 12/12") == "action_items"


def test_a_board_seen_steeply_is_read_note_by_note_into_its_sections(tmp_path: Path) -> None:
    photo = save(at_an_angle(draw_board(INCIDENT_BOARD), STEEP), tmp_path / "steep.jpg", quality=90)
    result = READER.read_full(photo, today=TODAY)
    assert result.squared
    sections = {note.text.casefold(): note.section for note in result.board.notes}
    expected = {"Timeline": "timeline", "What went well": "went_well", "Action items": "action_items"}
    assert sections == {text.casefold(): expected[h] for h, notes in INCIDENT_BOARD.items() for text in notes}


def test_note_boxes_map_back_onto_the_photo_as_taken(tmp_path: Path) -> None:
    board = READER.read(_angled_photo(tmp_path), today=TODAY)
    quad = np.float32(ANGLED)
    for note in board.notes:
        assert note.box is not None
        x0, y0, x1, y1 = note.box
        assert 0 <= x0 < x1 <= 2000 and 0 <= y0 < y1 <= 1500
        centre = ((x0 + x1) / 2, (y0 + y1) / 2)
        # Each note sits on the board where the photo shows it, not where the squared image had it.
        assert _inside(quad, centre), (note.text, note.box)
    rollback = next(n for n in board.notes if n.text.casefold() == "fast rollback")
    assert rollback.box is not None
    # Its sticky was drawn at x 684-1116, y 170-370 of the 1800 x 1200 board; where the photo shows it:
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [1800, 0], [1800, 1200], [0, 1200]]), quad)
    shown = cv2.perspectiveTransform(np.float32([[[684, 170], [1116, 370]]]), matrix)[0]
    x0, y0, x1, y1 = rollback.box
    assert abs((x0 + x1) / 2 - shown[:, 0].mean()) < 40 and abs((y0 + y1) / 2 - shown[:, 1].mean()) < 40


def test_boxes_are_in_the_pixels_of_the_full_size_photo(tmp_path: Path) -> None:
    # A 12 MP photo is read at 2000 px; its boxes are unsquared, then scaled back up to 4000 x 3000.
    full = at_an_angle(draw_board(INCIDENT_BOARD), ANGLED).resize((4000, 3000))
    board = READER.read(save(full, tmp_path / "full.jpg", quality=90), today=TODAY)
    rollback = next(n for n in board.notes if n.text.casefold() == "fast rollback")
    assert rollback.box is not None
    quad = np.float32(ANGLED)
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [1800, 0], [1800, 1200], [0, 1200]]), quad)
    shown = 2 * cv2.perspectiveTransform(np.float32([[[684, 170], [1116, 370]]]), matrix)[0]
    x0, y0, x1, y1 = rollback.box
    assert abs((x0 + x1) / 2 - shown[:, 0].mean()) < 80 and abs((y0 + y1) / 2 - shown[:, 1].mean()) < 80
    assert all(0 <= x <= 4000 for x in (x0, x1)) and all(0 <= y <= 3000 for y in (y0, y1))


def test_a_photo_with_no_visible_board_edge_is_left_alone() -> None:
    pixels = np.asarray(draw_board(INCIDENT_BOARD))
    same = rectify(pixels)
    assert same.matrix is None and same.pixels is pixels


def test_a_board_running_off_the_frame_is_left_alone() -> None:
    cut = ((-150, 140), (1850, 330), (1800, 1300), (-200, 1420))
    pixels = np.asarray(at_an_angle(draw_board(INCIDENT_BOARD), cut))
    assert find_board(pixels) is None


def test_writing_on_the_wall_beside_the_board_keeps_the_photo_whole() -> None:
    from PIL import ImageDraw, ImageFont

    photo = at_an_angle(draw_board(INCIDENT_BOARD), ((420, 140), (1850, 330), (1800, 1300), (380, 1420)))
    draw = ImageDraw.Draw(photo)
    for k in range(8):  # a column of notes on the wall to the left of the board
        draw.text(
            (30, 150 + k * 150), f"note {k} on wall", fill=(250, 250, 250), font=ImageFont.load_default(40)
        )
    assert find_board(np.asarray(photo)) is None


def _inside(quad: np.ndarray, point: tuple[float, float]) -> bool:
    return cv2.pointPolygonTest(quad.reshape(-1, 1, 2), point, False) >= 0


def test_the_annotated_photo_draws_each_note_where_the_photo_shows_it(tmp_path: Path) -> None:
    from afterboard.ingest.annotate import annotate

    result = READER.read_full(_angled_photo(tmp_path), today=TODAY)
    assert result.squared
    drawn = np.asarray(annotate(result.photo, result.board))
    assert drawn.shape == result.photo.pixels.shape  # the photo as taken, not the squared board
    rollback = next(n for n in result.board.notes if n.text.casefold() == "fast rollback")
    assert rollback.box is not None
    x0, y0, _, y1 = (round(v / result.photo.scale) for v in rollback.box)
    # The box's left edge is drawn in the section's colour (went well: green) on the photo.
    edge = drawn[(y0 + y1) // 2, x0 - 1 : x0 + 3].astype(int)
    assert any(abs(r - 44) < 40 and abs(g - 160) < 40 and abs(b - 44) < 40 for r, g, b in edge), edge
