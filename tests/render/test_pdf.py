"""The PDF: every sample case renders with every section, action item and gap in its text, and page numbers
that agree with the real page count."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from render_fixtures import CASES, draft_text, drafted, flat, headings, pdf_of, pdf_pages, words_of

from afterboard.render.pages import page_count
from afterboard.render.pdf import render_pdf
from afterboard.settings import Settings


@pytest.mark.parametrize("case", [*CASES, "leaky"])
def test_pdf_holds_every_section_heading_and_action_item(case: str) -> None:
    pm = drafted(case)
    text = " ".join(pdf_pages(pdf_of(case)))
    for heading in headings(pm):
        assert heading in text, heading
    assert pm.title in text
    for item in pm.action_items:
        assert words_of(item.text) in words_of(text), item.text


@pytest.mark.parametrize("case", [*CASES, "leaky"])
def test_every_page_is_numbered_with_the_real_page_count(case: str) -> None:
    pages = pdf_pages(pdf_of(case))
    assert page_count(drafted(case)) == len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text


def test_pdf_shows_the_title_block_and_gaps_as_markdown_does() -> None:
    text = " ".join(pdf_pages(pdf_of("nearly-empty")))
    labels = ("Kind", "Incident post-mortem", "Severity", "not set", "Publication due", "Status", "Draft")
    for label in labels:
        assert label in text
    assert "Owner: not set" in text and "Due: not set" in text
    assert "Add 3 to 7 specific items" not in text  # the one vague item is listed, not the hint
    assert "Ask 'why?' until the answer is a process" in text  # an empty section shows its hint


def test_publication_due_and_durations_are_in_the_title_block() -> None:
    text = " ".join(pdf_pages(pdf_of("incident-db-disk")))
    assert "Time to detect / mitigate / resolve" in text
    assert "Publication due target 2026-11-20" in text


def test_low_confidence_items_are_marked() -> None:
    pm = drafted("incident-db-disk")
    doubtful = pm.model_copy(
        update={"went_well": (pm.went_well[0].model_copy(update={"confidence": 0.3}), *pm.went_well[1:])}
    )
    text = flat(" ".join(pdf_pages(render_pdf(doubtful, pictures={}))))
    assert f"{pm.went_well[0].text} (?)" in text
    assert "To confirm" in text


def test_unicode_and_emoji_do_not_break_the_pdf() -> None:
    pm = draft_text(
        "# Café checkout — naïve retry 🔥\n\n## Timeline\n- 09:00 deploy ✅ started → queue grew\n"
        "- 09:30 résolu, Ж and ü fine\n\n## Action items\n- Fix the retry ⚠️ — @zoë — by 2026-12-01\n"
    )
    text = " ".join(pdf_pages(render_pdf(pm)))
    assert "Café checkout — naïve retry" in text
    assert "deploy ✓ started → queue grew" in text  # the status emoji becomes a symbol the font has
    assert "résolu, Ж and ü fine" in text
    assert "🔥" not in text


def test_note_text_is_printed_literally_not_read_as_markup() -> None:
    pm = draft_text("# Outage\n\n## What went well\n- <b>bold</b> & <font size=40>big</font> <br/> ok\n")
    text = " ".join(pdf_pages(render_pdf(pm, pictures={})))
    assert "<b>bold</b> & <font size=40>big</font> <br/> ok" in text


@pytest.mark.parametrize(("paper", "size"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_paper_size_follows_the_setting(paper: str, size: tuple[int, int]) -> None:
    data = render_pdf(drafted("nearly-empty"), settings=Settings(paper=paper), pictures={})
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_pictures_are_embedded_as_images() -> None:
    reader = PdfReader(io.BytesIO(pdf_of("incident-dns-midnight")))
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 3  # timeline, fishbone, five whys


def test_the_same_document_renders_to_the_same_bytes() -> None:
    pm = drafted("incident-db-disk")
    assert render_pdf(pm) == pdf_of("incident-db-disk")


def test_a_note_longer_than_a_page_and_a_long_why_chain_still_render() -> None:
    long = " ".join(f"word{i}" for i in range(2500))
    whys = "\n".join(
        f"{i}. Why? Because reason number {i}, with enough words to wrap the box" for i in range(1, 16)
    )
    pm = draft_text(f"# Huge\n\n## Timeline\n- 10:00 {long}\n- 10:30 resolved\n\n## 5 whys\n{whys}\n")
    assert len(pm.root_cause.whys) == 15
    text = " ".join(pdf_pages(render_pdf(pm)))
    assert "word0 word1" in text and "word2499" in text
    assert "Reason number 15" in text
