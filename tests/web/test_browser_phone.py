"""A post-mortem's page on a 390-px-wide phone, in a real browser (Playwright driving Debian's Chromium):
times, dates and words in its tables stay whole, and the title block (a key/value table) stacks each label
above its value. The screenshot goes to tests/artifacts/web/. Skipped, with the reason, where Chromium or
Playwright is missing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from afterboard.drafting import draft
from afterboard.ingest.text import read_notes
from afterboard.settings import Settings
from afterboard.store import migrate_store, open_store
from afterboard.web import create_app
from afterboard.web.options import WebOptions
from conftest import TODAY
from web.live import serving
from web.test_browser import ARTIFACTS, CHROMIUM, VIEWPORTS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium is not installed at {CHROMIUM}")

BROKEN_WORDS = """() => {
  // each date, time and word (up to 24 letters; a hyphenated word may break at its hyphen) in the
  // document's table cells, and whether its letters fall on more than one line
  const broken = [];
  const pieces = /\\d{4}-\\d{2}-\\d{2}|\\d{1,2}:\\d{2}|[^\\s\\-\\/]{2,24}/g;
  for (const cell of document.querySelectorAll("#document td, #document th")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(pieces)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""

STACKED = """() => [...document.querySelector("#document table").querySelectorAll("tbody tr")].map(row => {
  // the title block: each row's label (its first cell) above its value, or beside it
  const [label, value] = [...row.querySelectorAll("td")].map(cell => cell.getBoundingClientRect());
  return value.top >= label.bottom - 1 && value.left <= label.left + 1;
})"""


@pytest.fixture(scope="module")
def postmortem_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A drafted sample incident (timeline, action items, long labels in its title block), stored, served."""
    url = f"sqlite:///{tmp_path_factory.mktemp('phone') / 'archive.db'}"
    migrate_store(url)
    store = open_store(url)
    notes = Path(__file__).resolve().parents[1] / "samples" / "incident-db-disk" / "notes.md"
    saved = store.save(draft(read_notes(notes, today=TODAY), today=TODAY), actor="tester")
    try:
        with serving(create_app(Settings(database_url=url), options=WebOptions(store=store))) as base:
            yield f"{base}/postmortems/{saved.id}"
    finally:
        store.close()


def _open(browser: Browser, url: str, viewport: str) -> Page:
    page = browser.new_context(**VIEWPORTS[viewport]).new_page()
    page.goto(url)
    page.wait_for_load_state()
    return page


def test_on_a_phone_table_words_stay_whole_and_the_title_block_stacks(
    browser: Browser, postmortem_url: str
) -> None:
    page = _open(browser, postmortem_url, "phone")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "phone-postmortem.png"), full_page=True)

    assert page.locator("#document td", has_text="14:05").count() >= 1  # the timeline is there
    assert page.evaluate(BROKEN_WORDS) == []
    assert all(page.evaluate(STACKED))
    # nothing wider than the phone: a long cell scrolls inside its table, the page never sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.context.close()


def test_on_a_desktop_the_title_block_keeps_labels_beside_values(
    browser: Browser, postmortem_url: str
) -> None:
    page = _open(browser, postmortem_url, "desktop")
    assert not any(page.evaluate(STACKED))
    assert page.evaluate(BROKEN_WORDS) == []
    page.context.close()
