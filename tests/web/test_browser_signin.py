"""Signing in and out in a real browser (Playwright driving Debian's Chromium), on the app served over
loopback in team mode: a page asked for sends to sign-in and back, a wrong password says so, sign-out
ends the session. Skipped, with the reason, where Chromium or Playwright is missing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from afterboard.settings import Settings
from afterboard.store import migrate_store, open_store
from afterboard.store.accounts import WRONG
from afterboard.store.records import Role
from afterboard.web import create_app
from afterboard.web.options import WebOptions
from web.live import serving
from web.test_browser import ARTIFACTS, CHROMIUM

if TYPE_CHECKING:
    from playwright.sync_api import Browser

PASSWORD = "correct horse battery staple"
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium is not installed at {CHROMIUM}")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("signin")
    url = f"sqlite:///{folder / 'archive.db'}"
    migrate_store(url)
    store = open_store(url)
    store.accounts.add("ana@example.com", role=Role.AUTHOR, password=PASSWORD, display_name="Ana Lima")
    settings = Settings(database_url=url, auth="password")
    try:
        with serving(create_app(settings, options=WebOptions(store=store))) as base:
            yield base
    finally:
        store.close()


def test_sign_in_go_back_to_the_page_then_sign_out(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto(f"{base_url}/stats")
    assert page.url.endswith("/signin?next=%2Fstats")
    page.fill("input[name=name]", "ana@example.com")
    page.fill("input[name=password]", "not the password")
    page.click("button:has-text('Sign in')")
    assert page.locator(".error-message").inner_text() == WRONG

    page.fill("input[name=name]", "Ana@Example.com")
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"{base_url}/stats")
    assert page.locator("nav.who").inner_text().startswith("Ana Lima")
    cookie = next(c for c in context.cookies() if c["name"] == "afterboard_session")
    assert (cookie["httpOnly"], cookie["sameSite"], cookie["path"]) == (True, "Lax", "/")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "signed-in.png"))

    page.click("nav.who button:has-text('Sign out')")
    page.wait_for_url(f"{base_url}/signin")
    page.goto(f"{base_url}/stats")
    assert "/signin" in page.url
    assert not any(c["name"] == "afterboard_session" for c in context.cookies())
    assert problems == []
    context.close()
