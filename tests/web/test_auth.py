"""Authentication basics over HTTP: the session cookie's flags, a rate-limited sign-in that says the same
for an unknown name and a wrong password, sessions that expire, sign-out that ends the session for every
process, the trusted proxy's header believed only from its address, passwords never in any log, and
`serve` refusing the network without accounts."""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from afterboard.ingest.photo import PhotoReader
from afterboard.store.records import Role
from afterboard.web.security import CSRF_COOKIE
from helpers import assert_one_clear_line
from store.store_factory import make_pm
from web.team import PASSWORD, PEOPLE, Team, csrf, later, sign_in, team_app

VIEWER = PEOPLE["viewer"][0]


@pytest.fixture
def team(tmp_path: Path, reader: PhotoReader) -> Iterator[Team]:
    with team_app(tmp_path, reader, sign_in_attempts=3) as app:
        yield app


def _browser(team: Team, address: str = "testclient") -> TestClient:
    client = TestClient(team.app, raise_server_exceptions=False, client=(address, 50000))
    client.get("/signin")
    return client


def test_the_session_cookie_is_httponly_lax_and_for_the_whole_site(team: Team) -> None:
    response = sign_in(_browser(team), VIEWER, PASSWORD)

    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("afterboard_session="))
    assert response.status_code == 303
    assert {"HttpOnly", "SameSite=Lax", "Path=/"} <= {part.strip() for part in cookie.split(";")}
    assert "Secure" not in cookie


def test_the_cookie_is_secure_when_the_setting_says_https(tmp_path: Path, reader: PhotoReader) -> None:
    with team_app(tmp_path, reader, secure_cookies=True) as team:
        response = sign_in(_browser(team), VIEWER, PASSWORD)

    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("afterboard_session="))
    assert "Secure" in {part.strip() for part in cookie.split(";")}


def test_an_unknown_name_and_a_wrong_password_read_the_same(team: Team) -> None:
    unknown = sign_in(_browser(team, "10.0.0.1"), "nobody@example.com", PASSWORD)
    wrong = sign_in(_browser(team, "10.0.0.2"), VIEWER, "not the password")

    assert unknown.status_code == wrong.status_code == 401
    assert (
        _message(unknown.text)
        == _message(wrong.text)
        == "The name or password is not right; check both and try again."
    )


def test_sign_in_waits_after_too_many_failures_even_with_the_right_password(team: Team) -> None:
    for i in range(3):
        assert sign_in(_browser(team, f"10.0.1.{i}"), VIEWER, "guess").status_code == 401

    refused = sign_in(_browser(team, "10.0.2.1"), VIEWER, PASSWORD)

    assert refused.status_code == 429
    assert "Too many failed sign-ins; wait 15 minutes" in refused.text
    later(team, dt.timedelta(minutes=16))
    assert sign_in(_browser(team, "10.0.2.1"), VIEWER, PASSWORD).status_code == 303


def test_sign_in_goes_back_to_the_page_asked_for_but_never_to_another_site(team: Team) -> None:
    asked = _browser(team).get("/stats", follow_redirects=False)
    assert asked.headers["location"] == "/signin?next=%2Fstats"

    assert sign_in(_browser(team), VIEWER, PASSWORD, next="/stats").headers["location"] == "/stats"
    for elsewhere in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        assert sign_in(_browser(team), VIEWER, PASSWORD, next=elsewhere).headers["location"] == "/"


def test_a_session_ends_when_idle_and_at_its_lifetime(team: Team) -> None:
    browser = _browser(team)
    sign_in(browser, VIEWER, PASSWORD)
    assert browser.get("/stats").status_code == 200

    later(team, dt.timedelta(minutes=479))
    assert browser.get("/stats", follow_redirects=False).status_code == 200
    later(team, dt.timedelta(minutes=481))
    assert browser.get("/stats", follow_redirects=False).status_code == 303
    assert browser.get("/api/stats").status_code == 401

    sign_in(browser, VIEWER, PASSWORD)
    for _ in range(7 * 3):  # used every 8 hours less a minute, a week long
        later(team, dt.timedelta(hours=8) - dt.timedelta(minutes=1))
        browser.get("/api/me")
    later(team, dt.timedelta(hours=1))
    assert browser.get("/api/me").status_code == 401


def test_signing_out_ends_the_session_for_every_process(team: Team) -> None:
    browser = _browser(team)
    sign_in(browser, VIEWER, PASSWORD)
    session = browser.cookies["afterboard_session"]

    out = browser.post("/signout", data={"csrf_token": csrf(browser)}, follow_redirects=False)

    assert out.status_code == 303
    assert any("afterboard_session=;" in c and "Max-Age=0" in c for c in out.headers.get_list("set-cookie"))
    replayed = TestClient(team.app, raise_server_exceptions=False, cookies={"afterboard_session": session})
    assert replayed.get("/api/me").status_code == 401


def test_a_disabled_account_is_signed_out_at_once(team: Team) -> None:
    browser = _browser(team)
    sign_in(browser, VIEWER, PASSWORD)

    team.store.accounts.disable(VIEWER)

    assert browser.get("/api/me").status_code == 401


def test_an_api_call_signed_in_by_the_session_cookie_needs_the_token_even_without_its_cookie(
    team: Team,
) -> None:
    """The session cookie goes with every request the browser makes; the Origin check alone must not be
    all that stands between another page and a change (a browser that sends no Origin, a lost CSRF
    cookie)."""
    author = team.client("author")
    pm_id = team.store.save(make_pm()).id
    author.cookies.delete(CSRF_COOKIE)

    refused = author.post(f"/api/postmortems/{pm_id}/status", json={"status": "in_review"})

    assert refused.status_code == 403 and "security token" in refused.json()["error"]
    assert team.store.get(pm_id).status.value == "draft"
    token_call = TestClient(team.app, raise_server_exceptions=False).post(
        f"/api/postmortems/{pm_id}/status",
        json={"status": "in_review"},
        headers={"Authorization": f"Bearer {team.store.accounts.create_token(PEOPLE['author'][0])[1]}"},
    )
    assert token_call.status_code == 200, "a script with a token and no cookies needs no CSRF token"


def test_the_page_shows_who_is_signed_in_and_a_way_out(team: Team) -> None:
    browser = _browser(team)
    sign_in(browser, PEOPLE["admin"][0], PASSWORD)

    home = browser.get("/").text

    assert PEOPLE["admin"][0] in home  # the display name is the name given
    assert 'action="/signout"' in home
    assert 'href="/admin/users"' in home


@pytest.mark.parametrize("where", ["password sign-in", "users add"])
def test_a_password_never_reaches_a_log_or_the_output(
    team: Team,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    run_cli: Callable[..., object],
    where: str,
) -> None:
    secret = "Unmistakable-Password-4711"
    caplog.set_level(logging.DEBUG)
    if where == "password sign-in":
        team.store.accounts.add("eve@example.com", role=Role.VIEWER, password=secret)
        sign_in(_browser(team), "eve@example.com", secret)
        sign_in(_browser(team), "eve@example.com", secret + "-wrong")
        sign_in(_browser(team), "nobody@example.com", secret)
    else:
        result = run_cli(
            "users", "add", "eve@example.com", "--password-stdin", "--db", team.store.url, input=secret + "\n"
        )
        assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
        assert secret not in result.output + result.stderr  # type: ignore[attr-defined]
    out, err = capfd.readouterr()

    assert caplog.records, "nothing was logged: the check would prove nothing"
    assert all(secret not in record.getMessage() for record in caplog.records)
    assert secret not in out + err
    database = Path(team.store.url.removeprefix("sqlite:///")).read_bytes()
    assert secret.encode() not in database


def test_users_add_asks_twice_on_a_terminal_and_never_echoes(tmp_path: Path) -> None:
    import pty

    db = tmp_path / "archive.db"
    subprocess.run(
        [sys.executable, "-m", "afterboard", "migrate", "--db", str(db)], check=True, capture_output=True
    )
    controller, terminal = pty.openpty()
    secret = "Typed-Twice-Password-9"
    process = subprocess.Popen(
        [sys.executable, "-m", "afterboard", "users", "add", "kim", "--db", str(db)],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        start_new_session=True,  # no controlling terminal: the prompt reads the pty it is given
    )
    os.close(terminal)
    seen = _answer(controller, [("Password:", secret), ("Password again:", secret)])
    assert process.wait(timeout=60) == 0, seen
    seen += _drain(controller)
    os.close(controller)

    assert "added kim (author)" in seen
    assert secret not in seen


def test_the_proxy_header_is_believed_only_from_the_trusted_proxy(
    tmp_path: Path, reader: PhotoReader
) -> None:
    with team_app(tmp_path, reader, auth="proxy", trusted_proxies=("10.1.2.0/24",)) as team:
        proxy = TestClient(team.app, raise_server_exceptions=False, client=("10.1.2.3", 443))
        elsewhere = TestClient(team.app, raise_server_exceptions=False, client=("10.9.9.9", 443))
        header = {"X-Forwarded-User": "Carol@Example.com"}

        me = proxy.get("/api/me", headers=header)
        assert (me.status_code, me.json()["name"], me.json()["role"]) == (200, "carol@example.com", "viewer")
        assert elsewhere.get("/api/me", headers=header).status_code == 401
        assert proxy.get("/api/me").status_code == 401
        assert proxy.get("/", follow_redirects=False).headers["location"].startswith("/signin")
        team.store.accounts.disable("carol@example.com")
        assert proxy.get("/api/me", headers=header).status_code == 401


def test_an_api_change_through_the_single_sign_on_proxy_needs_the_csrf_token(
    tmp_path: Path, reader: PhotoReader
) -> None:
    """The proxy adds its user header to whatever the browser sends, another site's request included."""
    with team_app(tmp_path, reader, auth="proxy", trusted_proxies=("10.1.2.0/24",)) as team:
        proxy = TestClient(team.app, raise_server_exceptions=False, client=("10.1.2.3", 443))
        header = {"X-Forwarded-User": PEOPLE["author"][0]}
        pm_id = team.store.save(make_pm()).id

        refused = proxy.post(f"/api/postmortems/{pm_id}/status", json={"status": "in_review"}, headers=header)
        assert refused.status_code == 403 and "security token" in refused.json()["error"]
        assert team.store.get(pm_id).status.value == "draft"

        proxy.get("/", headers=header)  # the page the script runs in sets the CSRF cookie
        token = {"X-CSRF-Token": proxy.cookies[CSRF_COOKIE], **header}
        done = proxy.post(f"/api/postmortems/{pm_id}/status", json={"status": "in_review"}, headers=token)
        assert done.status_code == 200, done.text


def test_serve_refuses_the_network_without_accounts_unless_told(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "afterboard", "serve", "--host", "0.0.0.0", "--port", "1"],
        env={**os.environ, "AFTERBOARD_DATABASE_URL": str(tmp_path / "a.db"), "AFTERBOARD_AUTH": "none"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2
    assert_one_clear_line(result.stderr, "Refusing to listen on 0.0.0.0", "--no-auth-on-network")


def _message(html: str) -> str:
    import re

    found = re.search(r'<p class="error-message" role="alert">([^<]*)</p>', html)
    assert found, html[:500]
    return found[1]


def _answer(fd: int, script: list[tuple[str, str]]) -> str:
    seen = ""
    for prompt, reply in script:
        while prompt not in seen:
            seen += _read(fd)
        os.write(fd, (reply + "\n").encode())
        seen = seen.replace(prompt, "", 1) + prompt  # keep the prompt, look for the next one after it
    return seen


def _read(fd: int) -> str:
    import select

    ready, _, _ = select.select([fd], [], [], 30)
    if not ready:
        raise AssertionError("the command did not prompt")
    return os.read(fd, 1024).decode(errors="replace")


def _drain(fd: int) -> str:
    text = ""
    try:
        while chunk := _read_nowait(fd):
            text += chunk
    except OSError:  # the other end closed
        pass
    return text


def _read_nowait(fd: int) -> str:
    import select

    ready, _, _ = select.select([fd], [], [], 1)
    return os.read(fd, 1024).decode(errors="replace") if ready else ""


def test_a_trusted_proxy_that_is_not_an_address_is_refused_when_settings_are_read() -> None:
    from afterboard.errors import ConfigError
    from afterboard.settings import load_settings

    with pytest.raises(ConfigError, match=r"'10\.0\.0\.999' is not an address or a network"):
        load_settings(env={"AFTERBOARD_AUTH": "proxy", "AFTERBOARD_TRUSTED_PROXIES": "10.0.0.5, 10.0.0.999"})
    assert load_settings(env={"AFTERBOARD_TRUSTED_PROXIES": "10.0.0.5, ::1"}).trusted_proxies == (
        "10.0.0.5",
        "::1",
    )
