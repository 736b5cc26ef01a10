"""The page count: the length check reports the pages the PDF has, counted without drawing it. The rendered
PDF is the oracle: the count equals its pages on every sample and on generated documents made to hit the
awkward cases (tables across pages, a cell longer than a page, long words, numbered lists past 9)."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from pypdf import PdfReader
from render_fixtures import CASES, draft_text, drafted, pdf_of, pdf_pages

from afterboard.checks import Finding, check
from afterboard.postmortem import PostMortem
from afterboard.render.blocks import Span
from afterboard.render.markdown import render_markdown
from afterboard.render.pages import line_count, page_count
from afterboard.render.pdf import _Writer, render_pdf
from afterboard.render.story import STYLES, markup
from afterboard.settings import Settings
from helpers import write

LONG_TIMELINE = "\n".join(
    f"- 1{hour}:{minute:02d} step {hour}-{minute}: the team checked another replica, then the next one"
    for hour in range(0, 6)
    for minute in range(0, 60, 2)
)


def long_postmortem() -> str:
    return f"# A very long incident\n\n## Timeline\n{LONG_TIMELINE}\n"


def length_finding(findings: list[Finding]) -> str | None:
    return next((f.message for f in findings if f.rule == "length-pages"), None)


WORDS = (
    "the primary database replica disk filled and the alert fired late; on-call rolled the deploy back, "
    "checkout p99 latency errors customers payment retried timeout config flag DNS TTL cache node pod OOM "
    "& <b>not markup</b> naïve → café — ✅ 🔥 Ж"
).split()


def generated(seed: int) -> PostMortem:
    """A document of random length and shape, the same for a seed: long or short sections, tables that run
    over pages, now and then a note longer than a page, a word longer than a line, a long why-chain."""
    rng = random.Random(seed)

    def words(low: int, high: int) -> str:
        text = [rng.choice(WORDS) for _ in range(rng.randrange(low, high))]
        if rng.random() < 0.15:
            text.insert(rng.randrange(len(text) + 1), "https://logs.example.com/" + "/".join(text[:12]))
        return " ".join(text)

    moment = dt.datetime(2026, 11, 20, rng.randrange(0, 12), rng.randrange(0, 60))
    timeline = []
    for _ in range(rng.choice([0, 3, 14, 40, 90])):
        moment += dt.timedelta(minutes=rng.randrange(1, 30))
        long = rng.random() < 0.04
        mark = rng.choice(["", "", "", " (detected)", " (mitigated)", " (resolved)"])
        timeline.append(f"- {moment:%H:%M} {words(400, 700) if long else words(3, 30)}{mark}")
    whys = [f"{n}. Why? {words(4, 20)}" for n in range(1, rng.choice([0, 3, 12]))]
    owners, dues = ["", " — @alice", " (owner: bob)"], ["", " by 2026-12-01"]
    actions = [f"- {words(3, 25)}{rng.choice(owners)}{rng.choice(dues)}" for _ in range(rng.randrange(0, 25))]
    notes = "\n".join(
        [
            f"# {words(2, 10)}",
            "## Summary",
            words(10, 150),
            "## Impact",
            f"- {rng.randrange(1, 90000)} customers could not pay for {rng.randrange(1, 300)} minutes",
            "## Timeline",
            *timeline,
            "## Root cause",
            words(5, 90),
            *(["### Five whys", *whys] if whys else []),
            "## Contributing factors",
            *(
                f"- {rng.choice(['Process: ', 'Code: ', ''])}{words(3, 30)}"
                for _ in range(rng.randrange(0, 8))
            ),
            "## What went well",
            *(f"- {words(3, 30)}" for _ in range(rng.randrange(0, 5))),
            "## Action items",
            *actions,
        ]
    )
    pm = draft_text(notes)
    if pm.went_well and rng.random() < 0.5:  # a doubtful reading is marked '(?)' in another face
        pm = pm.model_copy(
            update={"went_well": tuple(w.model_copy(update={"confidence": 0.3}) for w in pm.went_well)}
        )
    return pm


def rendered_pages(pm: PostMortem, settings: Settings) -> int:
    return len(PdfReader(io.BytesIO(render_pdf(pm, settings=settings))).pages)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("case", [*CASES, "leaky"])
def test_page_count_is_the_number_of_pages_of_the_pdf(case: str, paper: str) -> None:
    settings = Settings(paper=paper)
    if paper == "A4":
        assert page_count(drafted(case)) == len(pdf_pages(pdf_of(case)))
    assert page_count(drafted(case), settings=settings) == rendered_pages(drafted(case), settings)


@pytest.mark.parametrize("seed", range(8))
def test_page_count_is_the_number_of_pages_of_the_pdf_on_generated_documents(seed: int) -> None:
    pm = generated(seed)
    settings = Settings(paper="Letter" if seed % 2 else "A4")
    assert page_count(pm, settings=settings) == rendered_pages(pm, settings)


def test_length_check_reports_the_rendered_page_count() -> None:
    pm = draft_text(long_postmortem())
    pages = page_count(pm)
    assert pages > 3
    message = length_finding(check(pm, pages=pages))
    assert message is not None
    assert f"The post-mortem is long: {pages} pages" in message


def test_sample_within_budget_raises_no_length_finding_with_the_real_count() -> None:
    pm = drafted("incident-db-disk")
    pages = page_count(pm)
    assert 1 <= pages <= 3
    assert length_finding(check(pm, pages=pages)) is None


def test_check_command_counts_rendered_pages(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    document = write(tmp_path / "long.md", render_markdown(draft_text(long_postmortem())))
    pages = page_count(draft_text(long_postmortem()))
    result = run_cli("check", str(document), "--today", "2026-11-27")
    assert re.search(rf"The post-mortem is long: {pages} pages", result.stdout), result.stdout
    estimated = run_cli("check", str(document), "--today", "2026-11-27", "--estimate-pages")
    assert "The post-mortem is long: about" in estimated.stdout  # words, not pages


TRICKY = [
    "x" * 300,
    "see https://logs.example.com/" + "shard/" * 40 + " for the trace",
    "tabs\tand  double  spaces\u2003and a\u00a0no-break space",
    "a zero\u200bwidth space, soft\u00adhyphen, & <b>markup</b> kept as text",
    "line one\nline two\n\nafter an empty line",
    "naïve café — Ж → ✅ 🔥 (emoji become symbols or go)",
]


@pytest.mark.parametrize("seed", range(4))
def test_lines_break_where_reportlab_breaks_them(seed: int) -> None:
    writer, rng = _Writer(), random.Random(seed)
    for _ in range(150):
        spans = tuple(
            Span(
                " ".join(rng.choice([*WORDS, *TRICKY]) for _ in range(rng.randrange(0, 30))),
                rng.choice(["plain", "bold", "missing", "doubt", "small"]),
            )
            for _ in range(rng.randrange(1, 4))
        )
        style = rng.choice(list(STYLES))
        bullet = rng.choice(["•", "1.", "12."]) if style == "bullet" else None
        width = rng.choice([469.9, 313.5, 72.0, 15.5])
        paragraph = writer.paragraph(markup(spans), style, bullet=bullet)
        paragraph.wrap(width, 1e9)
        assert line_count(markup(spans), STYLES[style], width, bullet=bullet) == len(
            paragraph.blPara.lines
        ), spans


def test_glyph_widths_and_page_geometry_are_reportlabs() -> None:
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics

    from afterboard.render.fonts import FAMILY, metrics, register_pdf_fonts
    from afterboard.render.story import CM, PAGE_SIZES

    register_pdf_fonts()
    for face in ("regular", "bold", "italic", "bold-italic"):
        font = pdfmetrics.getFont(f"{FAMILY}-{face}").face  # type: ignore[attr-defined]
        assert metrics(face).widths == font.charWidths
        assert metrics(face).default == font.defaultWidth
    assert cm == CM
    assert {"A4": A4, "Letter": LETTER} == PAGE_SIZES
