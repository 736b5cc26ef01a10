"""The Word document: opens with python-docx and holds what the PDF holds, in Word's own structure."""

from __future__ import annotations

import io
from functools import cache

import docx
import pytest
from docx.document import Document
from render_fixtures import CASES, draft_text, drafted, headings, words_of

from afterboard.render.docx import render_docx
from afterboard.settings import Settings


@cache
def opened(case: str) -> Document:
    return docx.Document(io.BytesIO(render_docx(drafted(case))))


def all_text(document: Document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("case", [*CASES, "leaky"])
def test_docx_has_every_section_as_a_heading_and_every_action_item_in_its_table(case: str) -> None:
    pm = drafted(case)
    document = opened(case)
    styled = {p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Head")}
    for heading in headings(pm):
        assert any(h.startswith(heading) for h in styled), heading
    assert document.paragraphs[0].text == pm.title
    assert document.core_properties.title == pm.title
    if pm.action_items:
        actions = document.tables[-1]
        assert [c.text for c in actions.rows[0].cells] == ["#", "Action", "Owner", "Due", "Status"]
        assert [words_of(r.cells[1].text) for r in actions.rows[1:]] == [
            words_of(a.text) for a in pm.action_items
        ]


def test_docx_shows_gaps_and_the_title_block() -> None:
    text = all_text(opened("nearly-empty"))
    assert "Owner: not set" in text and "Due: not set" in text
    assert "Publication due" in text and "Severity" in text


def test_docx_timeline_table_has_a_row_per_event_with_its_mark() -> None:
    pm = drafted("incident-db-disk")
    timeline = opened("incident-db-disk").tables[1]
    rows = [[cell.text for cell in row.cells] for row in timeline.rows[1:]]
    assert len(rows) == len(pm.timeline)
    assert [r[2] for r in rows if r[2]] == ["started", "detected", "mitigated", "resolved"]


def test_docx_pictures_carry_their_alt_text() -> None:
    document = opened("incident-dns-midnight")
    shapes = list(document.inline_shapes)
    assert len(shapes) == 3
    descriptions = [s._inline.docPr.get("descr") for s in shapes]
    assert descriptions[0].startswith("Timeline of 6 events")
    assert any(d.startswith("Fishbone diagram") for d in descriptions)
    assert any(d.startswith("Five whys") for d in descriptions)


def test_docx_footer_numbers_pages_with_word_fields() -> None:
    footer = opened("incident-db-disk").sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer


@pytest.mark.parametrize(("paper", "width_cm"), [("A4", 21.0), ("Letter", 21.59)])
def test_docx_paper_size_follows_the_setting(paper: str, width_cm: float) -> None:
    data = render_docx(drafted("nearly-empty"), settings=Settings(paper=paper), pictures={})
    section = docx.Document(io.BytesIO(data)).sections[0]
    assert section.page_width is not None
    assert round(section.page_width.cm, 2) == width_cm


def test_docx_survives_control_characters_and_emoji() -> None:
    pm = draft_text("# Outage \x0b🔥 — é\n\n## What went well\n- rollback \x07worked ✅\n")
    document = docx.Document(io.BytesIO(render_docx(pm, pictures={})))
    assert document.paragraphs[0].text == "Outage 🔥 — é"
    assert "rollback worked ✅" in all_text(document)


def test_docx_shrinks_a_why_chain_taller_than_a_page() -> None:
    whys = "\n".join(
        f"{i}. Why? Because reason number {i}, with enough words to wrap the box" for i in range(1, 16)
    )
    document = docx.Document(io.BytesIO(render_docx(draft_text(f"# Long chain\n\n## 5 whys\n{whys}\n"))))
    section = document.sections[0]
    assert section.page_height is not None and section.top_margin is not None
    room = section.page_height - 2 * section.top_margin
    (shape,) = document.inline_shapes
    assert shape.height <= room
