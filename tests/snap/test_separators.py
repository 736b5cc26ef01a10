"""Column lines: found on a drawn board, sticky-note edges left out, and used to place notes."""

from __future__ import annotations

import datetime as dt

import numpy as np
from snap_boards import draw_board, draw_layout

from afterboard.ingest.layout import lay_out
from afterboard.ingest.ocr import TextLine
from afterboard.ingest.separators import Separator, find_separators
from afterboard.ingest.stickies import find_stickies


def test_the_lines_between_columns_are_found_and_note_edges_are_not() -> None:
    board = np.asarray(draw_board({"A": ["one", "two", "three"], "B": ["four", "five"], "C": ["six"]}))
    found = find_separators(board, find_stickies(board))
    assert [round(s.x_at(600)) for s in found] == [600, 1200]  # draw_board's column lines


def test_a_column_line_decides_the_column_of_a_note_left_of_a_centred_header() -> None:
    today = dt.date(2026, 11, 27)
    headers = [
        TextLine("Timeline", 0.99, (100, 20, 300, 70)),
        TextLine("Went well", 0.99, (900, 20, 1150, 70)),
    ]
    # The note sits right of the column line (x=700) but left of where 'Went well' starts: without the
    # line, the headers' left edges would put it in the first column.
    note = TextLine("Fast rollback", 0.95, (720, 200, 880, 240))
    line = Separator(slope=0.0, offset=700.0, start=0.0, end=1000.0)
    assert [p.section for p in lay_out([*headers, note], [], today=today, separators=[line]).notes] == [
        "went_well"
    ]
    assert [p.section for p in lay_out([*headers, note], [], today=today).notes] == ["timeline"]


def test_a_line_across_the_board_is_found_apart_from_the_column_lines() -> None:
    board = np.asarray(
        draw_layout(
            headers=[],
            notes=[("one", (80, 390)), ("two", (420, 650))],
            lines=[((60, 600), (1740, 620)), ((900, 40), (900, 300))],
        )
    )
    found = find_separators(board, find_stickies(board))
    assert [s.across for s in found] == [True]  # the short stroke down is no column line
    line = found[0]
    assert abs(line.y_at(900) - 610) < 6 and line.start < 100 and line.end > 1700


def test_a_column_line_crossing_a_line_across_is_the_cross_of_a_2x2() -> None:
    across = Separator(slope=0.0, offset=600.0, start=0.0, end=1800.0, across=True)
    assert Separator(slope=0.0, offset=900.0, start=0.0, end=1200.0).crosses(across)
    assert not Separator(slope=0.0, offset=900.0, start=0.0, end=400.0).crosses(across)
