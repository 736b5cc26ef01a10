"""Shared by the rendering tests: the sample cases drafted once, their PDFs rendered once, text extraction."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

from afterboard.drafting import draft
from afterboard.ingest.text import parse_notes, read_notes
from afterboard.postmortem import PostMortem
from afterboard.render.pdf import render_pdf
from afterboard.render.skeleton import SKELETONS
from conftest import TODAY

SAMPLES = Path(__file__).parent.parent / "samples"
FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p.name for p in SAMPLES.iterdir() if (p / "notes.md").is_file())
LEAKY = FIXTURES / "leaky-notes.md"


@cache
def drafted(case: str) -> PostMortem:
    """A sample case (tests/samples/<case>/notes.md) drafted as of TODAY; 'leaky' is this folder's fixture."""
    path = LEAKY if case == "leaky" else SAMPLES / case / "notes.md"
    return draft(read_notes(path, today=TODAY), today=TODAY)


def draft_text(notes: str) -> PostMortem:
    return draft(parse_notes(notes, today=TODAY), today=TODAY)


@cache
def pdf_of(case: str) -> bytes:
    return render_pdf(drafted(case))


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, whitespace collapsed, as a reader extracting it would get it."""
    from pypdf import PdfReader

    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def headings(pm: PostMortem) -> list[str]:
    """Every section heading the document must show: Summary, the kind's sections, extra sections."""
    return ["Summary", *(s.heading for s in SKELETONS[pm.kind]), *(e.title for e in pm.extra_sections)]


def words_of(text: str) -> str:
    """Text reduced to its words, for comparing what a PDF or a table cell wraps differently."""
    return " ".join(re.findall(r"\w+", text))
