"""Boards as teams really draw them, read end to end by the real OCR engine: a 2x2 retro with its headers
in the corners, headers written on sticky notes, a sailboat, and a note nobody can read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from snap_boards import draw_layout, save

from afterboard.board import Board
from afterboard.drafting import draft
from afterboard.errors import ConfigError
from afterboard.ingest.headers import Vocabulary
from afterboard.ingest.photo import PhotoReader
from afterboard.postmortem import Kind
from afterboard.render.markdown import render_markdown
from afterboard.settings import load_settings
from helpers import assert_golden

TODAY = dt.date(2026, 11, 27)
GOLDEN = Path(__file__).parent / "golden"
READER = PhotoReader()


def _under(board: Board) -> dict[str, tuple[str | None, str | None]]:
    """Each note's text → (the header it was read under, as written; its section)."""
    return {n.text.casefold(): (n.header, n.section) for n in board.notes if n.text}


def test_a_quadrant_retro_with_headers_in_its_corners_maps_each_quadrant(tmp_path: Path) -> None:
    image = draw_layout(
        headers=[
            ("CONTINUE", (40, 30)),
            ("CHANGE", (1000, 30)),
            ("NEW IDEAS", (40, 1110)),
            ("APPRECIATE", (1000, 1110)),
        ],
        notes=[
            ("Pairing on reviews", (80, 140)),
            ("Slow builds", (1040, 140)),
            ("Try trunk based dev", (80, 760)),
            ("Thanks Ana for the demo", (1040, 760)),
        ],
        lines=[((900, 0), (900, 1200)), ((0, 600), (1800, 600))],
    )
    board = READER.read(save(image, tmp_path / "quadrants.png"), today=TODAY)
    read = _under(board)
    assert read["pairing on reviews"] == ("CONTINUE", "went_well")
    assert read["slow builds"] == ("CHANGE", "contributing_factors")
    assert read["try trunk based dev"] == ("NEW IDEAS", "action_items")
    assert read["thanks ana for the demo"] == ("APPRECIATE", "went_well")
    assert board.kind == "project"
    pm = draft(board, today=TODAY)
    assert pm.kind is Kind.PROJECT
    assert "Try trunk based dev" in [a.text for a in pm.action_items]
    # the board's own words stay in the document, with how each column was read
    summary = " ".join(item.text for item in pm.summary)
    assert "continue / change / new ideas / appreciate" in summary
    assert "“NEW IDEAS” → action items" in summary


def test_headers_written_on_sticky_notes_head_their_columns(tmp_path: Path) -> None:
    image = draw_layout(
        headers=[],
        header_notes=[("Start", (100, 40)), ("Stop", (700, 40)), ("Continue", (1300, 40))],
        notes=[
            ("Writing runbooks", (100, 250)),
            ("Friday deploys", (700, 250)),
            ("Demo days", (1300, 250)),
        ],
    )
    board = READER.read(save(image, tmp_path / "sticky-headers.png"), today=TODAY)
    read = _under(board)
    assert read["writing runbooks"] == ("Start", "action_items")
    assert read["friday deploys"] == ("Stop", "contributing_factors")
    assert read["demo days"] == ("Continue", "went_well")
    assert "start" not in read  # the header notes are headers, not notes


def test_a_sailboat_gives_each_note_to_the_label_nearest_it(tmp_path: Path) -> None:
    image = draw_layout(
        headers=[
            ("WIND", (80, 60)),
            ("ISLAND", (1450, 200)),
            ("ANCHORS", (300, 1080)),
            ("ROCKS", (1300, 1100)),
        ],
        notes=[
            ("Great team spirit", (80, 160)),
            ("Ship the beta", (1400, 300)),
            ("Flaky test suite", (300, 860)),
            ("Vendor delays", (1300, 880)),
        ],
        lines=[((500, 700), (1200, 700))],
    )
    board = READER.read(save(image, tmp_path / "sailboat.png"), today=TODAY)
    read = _under(board)
    assert read["great team spirit"] == ("WIND", "went_well")
    assert read["ship the beta"] == ("ISLAND", "action_items")
    assert read["flaky test suite"] == ("ANCHORS", "contributing_factors")
    assert read["vendor delays"] == ("ROCKS", "contributing_factors")


def test_a_note_nobody_can_read_surfaces_as_an_unread_note(tmp_path: Path) -> None:
    image = draw_layout(
        headers=[("Went well", (100, 40)), ("Action items", (1000, 40))],
        notes=[("Fast rollback", (100, 200)), ("", (1000, 200))],
    )
    photo = save(image, tmp_path / "unread.png")
    result = READER.read_full(photo, today=TODAY)
    (unread,) = result.board.unread
    assert unread.section == "action_items" and unread.confidence == 0.0
    assert unread.box is not None and unread.box[0] > 950 and unread.source == "unread.png#note-2"
    pm = draft(result.board, today=TODAY)
    assert pm.action_items == ()  # nothing is invented for it
    markdown = render_markdown(pm)
    assert "1 note on the board could not be read; type it in from the photo (unread.png#note-2)" in markdown
    # and it is listed among what a person must confirm
    assert markdown.rindex("could not be read") > markdown.index("## To confirm")


def test_a_team_reads_its_own_header_as_it_chooses(tmp_path: Path) -> None:
    image = draw_layout(
        headers=[("Went well", (100, 40)), ("FYI", (1000, 40))],
        notes=[("Fast rollback", (100, 200)), ("Office moves in May", (1000, 200))],
    )
    photo = save(image, tmp_path / "fyi.png")
    kept = PhotoReader(READER.vision, vocabulary=Vocabulary({"fyi": ""})).read(photo, today=TODAY)
    assert _under(kept)["office moves in may"] == ("FYI", "FYI")
    mapped = PhotoReader(READER.vision, vocabulary=Vocabulary({"fyi": "lessons_learned"})).read(
        photo, today=TODAY
    )
    assert _under(mapped)["office moves in may"] == ("FYI", "lessons_learned")


def test_the_retro_table_in_the_docs_is_the_one_the_reader_uses() -> None:
    from afterboard.retro import FORMATS

    doc = (Path(__file__).resolve().parents[2] / "docs" / "snap.md").read_text(encoding="utf-8")
    for retro in FORMATS:
        columns = "; ".join(f"{h} → {s.value.replace('_', ' ')}" for h, s in retro.columns.items())
        assert f"| {retro.name} | {columns} |" in doc, f"docs/snap.md does not show the {retro.name} format"


def test_a_board_sections_setting_naming_no_section_is_refused_in_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "afterboard.toml").write_text('[board_sections]\n"new ideas" = "actions"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="header 'new ideas' names 'actions', which is no section"):
        load_settings(cwd=tmp_path, env={})
    (tmp_path / "afterboard.toml").write_text('[board_sections]\n"new ideas" = ""\n', encoding="utf-8")
    assert load_settings(cwd=tmp_path, env={}).board_sections == {"new ideas": ""}


def test_a_timeline_drawn_as_an_arrow_reads_along_it_with_its_times(
    tmp_path: Path, update_golden: bool
) -> None:
    # notes stuck above and below a long arrow; row by row, the status-page note would follow 09:12
    arrow = [((60, 600), (1740, 600)), ((1740, 600), (1690, 565)), ((1740, 600), (1690, 635))]
    image = draw_layout(
        headers=[],
        notes=[
            ("09:12 deploy v2.3 started", (80, 390)),
            ("09:31 pager alert fired", (420, 650)),
            ("Customers told on status page", (760, 390)),
            ("10:05 errors back to normal", (1100, 650)),
            ("10:20 incident closed", (1400, 390)),
        ],
        lines=arrow,
    )
    board = READER.read(save(image, tmp_path / "timeline.png"), today=TODAY)

    assert [(n.text.casefold(), n.section) for n in board.notes] == [
        ("09:12 deploy v2.3 started", "timeline"),
        ("09:31 pager alert fired", "timeline"),
        ("customers told on status page", "timeline"),
        ("10:05 errors back to normal", "timeline"),
        ("10:20 incident closed", "timeline"),
    ]
    assert_golden(
        GOLDEN / "timeline-arrow.md", render_markdown(draft(board, today=TODAY)), update=update_golden
    )


def test_a_line_under_a_row_of_headers_or_across_a_2x2_board_is_no_timeline(tmp_path: Path) -> None:
    image = draw_layout(
        headers=[("Went well", (80, 40)), ("To improve", (1000, 40))],
        notes=[
            ("Fast rollback", (80, 300)),
            ("Calm on-call", (80, 650)),
            ("Slow builds", (1000, 300)),
            ("No canary", (1000, 650)),
        ],
        lines=[((40, 600), (1760, 600))],
    )
    board = READER.read(save(image, tmp_path / "divided.png"), today=TODAY)

    assert {n.text.casefold(): n.section for n in board.notes} == {
        "fast rollback": "went_well",
        "calm on-call": "went_well",
        "slow builds": "contributing_factors",
        "no canary": "contributing_factors",
    }
