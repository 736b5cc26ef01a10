"""A board in uneven, warm light: evened out before reading, and its sticky notes keep their colours."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
from snap_boards import INCIDENT_BOARD, draw_board, in_warm_uneven_light, save

from afterboard.ingest.lighting import board_light, even_out, needs_evening
from afterboard.ingest.photo import PhotoReader

TODAY = dt.date(2026, 11, 27)
READER = PhotoReader()


def test_an_evenly_lit_white_board_is_left_as_it_is() -> None:
    pixels = np.asarray(draw_board(INCIDENT_BOARD))
    assert not needs_evening(board_light(pixels))
    assert even_out(pixels) is pixels


def test_a_gradient_and_a_cast_are_evened_out_to_a_white_board() -> None:
    pixels = np.asarray(in_warm_uneven_light(draw_board(INCIDENT_BOARD)))
    assert needs_evening(board_light(pixels))
    evened = even_out(pixels).astype(np.float32)
    # Bare board near the left and the right (between the header and the first note), before and after.
    left, right = pixels[130:160, 20:60].reshape(-1, 3), pixels[130:160, 1600:1640].reshape(-1, 3)
    assert left.mean() > 1.8 * right.mean() and left[:, 0].mean() > 1.4 * left[:, 2].mean()
    left, right = evened[130:160, 20:60].reshape(-1, 3), evened[130:160, 1600:1640].reshape(-1, 3)
    assert abs(left.mean() - right.mean()) < 0.1 * left.mean()  # from over half to under a tenth
    assert abs(float(left[:, 0].mean() - left[:, 2].mean())) < 12 and left.mean() > 220


def test_a_board_in_warm_uneven_light_still_reads(tmp_path: Path) -> None:
    photo = save(in_warm_uneven_light(draw_board(INCIDENT_BOARD)), tmp_path / "lamp.jpg", quality=88)
    board = READER.read(photo, today=TODAY)
    sections = {note.text.casefold(): note.section for note in board.notes}
    expected = {"Timeline": "timeline", "What went well": "went_well", "Action items": "action_items"}
    for header, section in expected.items():
        for text in INCIDENT_BOARD[header]:
            assert sections.get(text.casefold()) == section, (text, sections)


def test_sticky_notes_keep_their_colours_in_warm_light(tmp_path: Path) -> None:
    plain = READER.read(save(draw_board(INCIDENT_BOARD), tmp_path / "plain.jpg", quality=88), today=TODAY)
    lamp = save(in_warm_uneven_light(draw_board(INCIDENT_BOARD)), tmp_path / "lamp.jpg", quality=88)
    warm = READER.read(lamp, today=TODAY)
    expected = {note.text.casefold(): note.colour for note in plain.notes}
    assert {note.text.casefold(): note.colour for note in warm.notes} == expected
    assert len(set(expected.values())) >= 4
