"""Layout without OCR: lines and sticky notes in, notes under headers out."""

from __future__ import annotations

import datetime as dt

from afterboard.ingest.blocks import join_lines
from afterboard.ingest.headers import default_vocabulary
from afterboard.ingest.layout import lay_out
from afterboard.ingest.ocr import TextLine
from afterboard.ingest.stickies import Sticky
from afterboard.sections import Section

TODAY = dt.date(2026, 11, 27)


def _line(text: str, x: float, y: float, w: float = 200, h: float = 40) -> TextLine:
    return TextLine(text, 0.95, (x, y, x + w, y + h))


def _sticky(x: float, y: float, w: float = 260, h: float = 200, colour: str = "yellow") -> Sticky:
    return Sticky(((x, y), (x + w, y), (x + w, y + h), (x, y + h)), (x, y, x + w, y + h), colour)


def test_lines_on_one_sticky_note_form_one_note_in_reading_order() -> None:
    lines = [_line("Timeline", 100, 20), _line("started", 120, 200), _line("09:12 deploy", 120, 140)]
    layout = lay_out(lines, [_sticky(100, 120)], today=TODAY)
    (placed,) = layout.notes
    assert placed.block.text == "09:12 deploy started"
    assert placed.section == "timeline" and placed.block.colour == "yellow"


def test_notes_follow_the_nearest_header_above_them_across_columns_and_rows() -> None:
    lines = [
        _line("Went well", 100, 20),
        _line("Action items", 700, 20),
        _line("Fast rollback", 110, 150),
        _line("Add canary @ana", 710, 150),
        _line("Root cause", 100, 600),
        _line("Pool exhausted", 110, 720),
    ]
    layout = lay_out(lines, [], today=TODAY)
    assert {p.block.text: p.section for p in layout.notes} == {
        "Fast rollback": "went_well",
        "Pool exhausted": "root_cause",
        "Add canary @ana": "action_items",
    }
    assert [p.block.text for p in layout.notes] == ["Fast rollback", "Pool exhausted", "Add canary @ana"]


def test_headers_side_by_side_are_not_merged_into_one_line() -> None:
    lines = [_line("What went well", 100, 20, w=300), _line("Contributing factors", 420, 20, w=380)]
    layout = lay_out(lines, [], today=TODAY)
    assert [h.section for h in layout.headers] == [Section.WENT_WELL, Section.CONTRIBUTING_FACTORS]


def test_a_header_split_by_the_ocr_is_joined_again() -> None:
    layout = lay_out([_line("What went", 100, 20), _line("well", 320, 20, w=80)], [], today=TODAY)
    assert [h.text for h in layout.headers] == ["What went well"]


def test_an_unreadable_header_in_line_with_others_takes_its_section_from_its_times() -> None:
    lines = [
        _line("T1mlxne", 100, 20),
        _line("Went well", 700, 20),
        _line("09:12 deploy started", 110, 150, w=300),
        _line("09:31 pager fired", 110, 260, w=300),
        _line("Fast rollback", 710, 150),
    ]
    layout = lay_out(lines, [], today=TODAY)
    sections = {p.block.text: p.section for p in layout.notes}
    assert sections["09:31 pager fired"] == "timeline"
    assert sections["Fast rollback"] == "went_well"


def test_ocr_slips_in_headers_are_forgiven_but_words_inside_longer_text_are_not() -> None:
    assert default_vocabulary().section("TIMLLNE") is Section.TIMELINE
    assert default_vocabulary().section("Actons") is Section.ACTION_ITEMS
    assert default_vocabulary().section("team: Daan & Boudewijn") is None


def test_a_word_hyphenated_at_the_end_of_a_line_is_joined() -> None:
    assert join_lines([_line("config-", 0, 0), _line("uration drift", 0, 50)]) == "configuration drift"
    assert join_lines([_line("Add canary -", 0, 0), _line("Sam", 0, 50)]) == "Add canary - Sam"
