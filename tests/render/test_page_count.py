"""The real page count: the length check reports the pages of the rendered PDF, not an estimate."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from render_fixtures import CASES, draft_text, drafted, pdf_of, pdf_pages

from afterboard.checks import Finding, check
from afterboard.render.markdown import render_markdown
from afterboard.render.pdf import page_count
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


@pytest.mark.parametrize("case", CASES)
def test_page_count_is_the_number_of_pages_of_the_pdf(case: str) -> None:
    assert page_count(drafted(case)) == len(pdf_pages(pdf_of(case)))


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
