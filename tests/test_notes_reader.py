from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from afterboard.errors import EmptyBoardError, InputError
from afterboard.ingest.text import parse_notes, read_notes
from conftest import TODAY
from helpers import write


def sections(text: str) -> dict[str | None, list[str]]:
    found: dict[str | None, list[str]] = {}
    for note in parse_notes(text, today=TODAY).notes:
        found.setdefault(note.section, []).append(note.text)
    return found


def test_markdown_headings_open_sections_and_bullets_are_notes() -> None:
    got = sections("# Outage\n\n## Timeline\n- 09:00 a\n- 09:05 b\n\n## What went well\n* fast rollback\n")
    assert got == {"timeline": ["09:00 a", "09:05 b"], "went_well": ["fast rollback"]}


def test_label_lines_and_bare_section_names_open_sections() -> None:
    got = sections("Title line\n\nTimeline:\n09:00 a\nWhat went well\ncomms\n5 whys\nwhy? because x\n")
    assert got == {"timeline": ["09:00 a"], "went_well": ["comms"], "root_cause": ["why? because x"]}


def test_a_label_with_text_after_it_opens_the_section_with_that_note() -> None:
    got = sections("x\n\nRoot cause: cache keys changed format\n")
    assert got == {"root_cause": ["cache keys changed format"]}


def test_setext_and_bold_headings() -> None:
    got = sections("Outage\n======\n\nTimeline\n--------\n- 09:00 a\n\n**Action items**\n- add canary\n")
    assert got == {"timeline": ["09:00 a"], "action_items": ["add canary"]}


def test_an_unknown_heading_keeps_its_notes_under_its_own_name() -> None:
    board = parse_notes("x\n\n## Parking lot\n- freeze Fridays?\n", today=TODAY)
    assert [(n.section, n.header, n.text) for n in board.notes] == [
        ("Parking lot", "Parking lot", "freeze Fridays?")
    ]


def test_a_sub_heading_inside_a_known_section_stays_in_it() -> None:
    got = sections("x\n\n## Action items\n### Short term\n- add canary\n### Long term\n- second DNS\n")
    assert got == {"action_items": ["add canary", "second DNS"]}


def test_an_indented_line_continues_the_bullet_above() -> None:
    got = sections(
        "x\n\n## 5 whys\n1. Why was it not caught?\n   Because staging is small.\n2. Why? no load test\n"
    )
    assert got["root_cause"] == ["Why was it not caught? Because staging is small.", "Why? no load test"]


def test_indented_plain_lines_are_separate_notes() -> None:
    got = sections("x\n\ntimeline\n  09:00 a\n  09:05 b\n")
    assert got == {"timeline": ["09:00 a", "09:05 b"]}


def test_a_short_line_over_indented_items_heads_a_block() -> None:
    got = sections("x\n\nQuestions\n  - who owns dashboards?\n")
    assert got == {"Questions": ["who owns dashboards?"]}


def test_table_rows_become_notes_and_rule_rows_are_skipped() -> None:
    got = sections("x\n\n## Timeline\n| Time | Event |\n|---|---|\n| 09:00 | alert fired |\n")
    assert got == {"timeline": ["Time — Event", "09:00 — alert fired"]}


def test_metadata_lines_describe_the_board() -> None:
    board = parse_notes(
        "DNS outage\nDate: 2026-11-14\nSeverity: SEV-2\nKind: incident\nAll times in CET\n\n"
        "Timeline:\n23:40 push\n",
        today=TODAY,
    )
    assert (board.title, board.date, board.severity, board.kind, board.timezone) == (
        "DNS outage",
        dt.date(2026, 11, 14),
        "SEV-2",
        "incident",
        "CET",
    )
    assert [n.text for n in board.notes] == ["23:40 push"]


def test_front_matter_describes_the_board() -> None:
    board = parse_notes("---\ntitle: Login outage\ndate: 2026-11-02\nkind: project\n---\n\n## Wins\n- x\n")
    assert (board.title, board.date, board.kind) == ("Login outage", dt.date(2026, 11, 2), "project")


def test_the_board_date_can_come_from_the_title() -> None:
    assert parse_notes("# Checkout errors — Nov 20\n\n## Timeline\n- 09:00 a\n", today=TODAY).date == dt.date(
        2026, 11, 20
    )


def test_a_zone_stated_in_a_heading_is_the_board_zone() -> None:
    assert parse_notes("x\n\n## Timeline (all times UTC)\n- 09:00 a\n").timezone == "UTC"


def test_every_note_knows_its_file_and_line() -> None:
    board = parse_notes("x\n\n## Timeline\n- 09:00 a\n\n- 09:05 b\n", name="board.md")
    assert [n.source for n in board.notes] == ["board.md:4", "board.md:6"]


def test_emphasis_is_stripped_but_hostile_text_is_kept_verbatim() -> None:
    board = parse_notes("x\n\n## Wins\n- **fast** rollback\n- <script>alert(1)</script>\n")
    assert [n.text for n in board.notes] == ["fast rollback", "<script>alert(1)</script>"]


def test_notes_without_any_note_are_an_empty_board() -> None:
    with pytest.raises(EmptyBoardError, match="holds no notes"):
        parse_notes("# Just a title\n\n## Timeline\n\n", name="b.md")


def test_read_notes_refuses_unusable_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_notes(tmp_path / "missing.md")
    with pytest.raises(InputError, match="is a folder"):
        read_notes(tmp_path)
    with pytest.raises(InputError, match="PNG image"):
        read_notes(write(tmp_path / "board.md", b"\x89PNG\r\n\x1a\n" + bytes(64)))
    with pytest.raises(InputError, match="not valid UTF-8"):
        read_notes(write(tmp_path / "latin1.md", "Zeitplan: Störung".encode("latin-1")))


def test_a_utf8_bom_and_windows_line_ends_are_fine(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.md", "\ufeffx\r\n\r\nTimeline:\r\n09:00 a\r\n".encode())
    assert [n.text for n in read_notes(path).notes] == ["09:00 a"]
