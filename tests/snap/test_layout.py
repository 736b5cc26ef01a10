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


def test_a_retro_formats_common_words_are_headers_only_beside_another_of_its_columns() -> None:
    alone = lay_out([_line("Process", 100, 20), _line("Slow builds", 110, 150)], [], today=TODAY)
    assert alone.headers == []
    retro = lay_out(
        [
            _line("Mad", 100, 20),
            _line("Glad", 700, 20),
            _line("Slow builds", 110, 150),
            _line("Demos", 710, 150),
        ],
        [],
        today=TODAY,
    )
    assert {(h.text, h.section) for h in retro.headers} == {
        ("Mad", Section.CONTRIBUTING_FACTORS),
        ("Glad", Section.WENT_WELL),
    }
    assert {p.block.text: p.section for p in retro.notes} == {
        "Slow builds": "contributing_factors",
        "Demos": "went_well",
    }


def test_a_short_row_ending_in_a_colon_heads_the_rows_below_it() -> None:
    layout = lay_out([_line("Business model:", 100, 20), _line("free to play", 110, 150)], [], today=TODAY)
    (note,) = layout.notes
    assert (note.block.text, note.header and note.header.text) == ("free to play", "Business model")


def test_a_row_of_short_notes_of_one_colour_above_the_others_heads_them() -> None:
    lines = [
        _line("HIGH", 110, 40, w=120),
        _line("LOW", 710, 40, w=120),
        _line("Login is slow", 110, 330),
        _line("Old icons", 710, 330),
    ]
    stickies = [
        _sticky(100, 20, h=120, colour="blue"),
        _sticky(700, 20, h=120, colour="blue"),
        _sticky(100, 300, colour="orange"),
        _sticky(700, 300, colour="orange"),
    ]
    layout = lay_out(lines, stickies, today=TODAY)
    assert [h.text for h in layout.headers] == ["HIGH", "LOW"]
    assert {p.block.text: p.header and p.header.text for p in layout.notes} == {
        "Login is slow": "HIGH",
        "Old icons": "LOW",
    }


def test_a_sticky_note_with_nothing_read_on_it_is_kept_unread_but_a_cut_off_part_of_a_note_is_not() -> None:
    lines = [_line("Went well", 100, 20), _line("Fast rollback over two", 110, 150, w=560)]
    stickies = [
        _sticky(100, 120, w=280),  # the note's text runs over both halves the note finder cut it into
        _sticky(380, 120, w=280),
        _sticky(700, 120, colour="pink"),  # nothing on it
    ]
    layout = lay_out(lines, stickies, today=TODAY)
    texts = sorted(p.block.text for p in layout.notes)
    assert texts == ["", "Fast rollback over two"]
    unread = next(p for p in layout.notes if not p.block.text)
    assert unread.block.colour == "pink" and unread.block.confidence == 0.0


def test_a_short_row_over_indented_rows_heads_them_as_an_outline() -> None:
    lines = [
        _line("Strategy", 100, 20, w=160),
        _line("- attract players", 140, 70),
        _line("- content marketing", 140, 115),
        _line("Pricing", 100, 200, w=140),
        _line("- free to play", 140, 250),
        _line("- pay for services", 140, 295),
    ]
    layout = lay_out(lines, [], today=TODAY)
    assert [h.text for h in layout.headers] == ["Strategy", "Pricing"]
    under = {p.block.text: p.header and p.header.text for p in layout.notes}
    assert under["- content marketing"] == "Strategy" and under["- pay for services"] == "Pricing"
