"""The account and people pages: an admin adds, re-roles and disables people; anyone makes and revokes
their own API token, shown once; an admin restricts a post-mortem from its page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from afterboard.ingest.photo import PhotoReader
from web.team import PASSWORD, PEOPLE, Team, csrf, sign_in, team_app
from web.webapp import EXAMPLE_NOTES


@pytest.fixture
def team(tmp_path: Path, reader: PhotoReader) -> Iterator[Team]:
    with team_app(tmp_path, reader) as app:
        yield app


def _post(team: Team, who: str, url: str, **fields: str) -> Any:
    client = team.client(who)
    return client.post(url, data={"csrf_token": csrf(client), **fields}, follow_redirects=False)


def test_an_admin_adds_promotes_and_disables_someone(team: Team) -> None:
    added = _post(
        team, "admin", "/admin/users", op="add", name="Kim@Example.com", role="viewer", password=PASSWORD
    )
    assert added.status_code == 303
    kim = team.client("stranger")
    assert sign_in(kim, "kim@example.com", PASSWORD).status_code == 303
    assert kim.get("/api/me").json()["role"] == "viewer"

    _post(team, "admin", "/admin/users", op="role", name="kim@example.com", role="author")
    assert kim.get("/api/me").json()["role"] == "author"
    _post(team, "admin", "/admin/users", op="disable", name="kim@example.com")
    assert kim.get("/api/me").status_code == 401
    page = team.client("admin").get("/admin/users").text
    assert "kim@example.com" in page and "disabled" in page


def test_mistakes_on_the_people_page_are_one_sentence_on_the_page(team: Team) -> None:
    short = _post(team, "admin", "/admin/users", op="add", name="lee", role="viewer", password="short")
    twice = _post(
        team, "admin", "/admin/users", op="add", name=PEOPLE["viewer"][0], role="viewer", password=PASSWORD
    )

    assert short.status_code == 400
    assert "at least 10 characters" in short.text
    assert "There is already an account" in twice.text


def test_a_token_made_on_the_account_page_is_shown_once_and_works(team: Team) -> None:
    made = _post(team, "viewer", "/account/tokens", label="my script")
    secret = made.text.split('<code id="new-token">', 1)[1].split("</code>", 1)[0]
    bare = team.client("stranger")

    assert (
        bare.get("/api/me", headers={"Authorization": f"Bearer {secret}"}).json()["name"]
        == PEOPLE["viewer"][0]
    )
    listed = team.client("viewer").get("/account").text
    assert "my script" in listed and secret not in listed
    token_id = team.store.accounts.tokens(team.store.accounts.get(PEOPLE["viewer"][0]))[0].id
    _post(team, "viewer", f"/account/tokens/{token_id}/revoke")
    assert bare.get("/api/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


def test_an_admin_restricts_a_postmortem_from_its_page(team: Team) -> None:
    author = team.client("author")
    made = author.post(
        "/api/postmortems", json={"notes": EXAMPLE_NOTES.read_text()}, headers={"X-CSRF-Token": csrf(author)}
    )
    pm_id = made.json()["saved"]["id"]

    _post(
        team,
        "admin",
        f"/postmortems/{pm_id}/access",
        visibility="restricted",
        people=f"{PEOPLE['named'][0]}\n",
    )

    assert team.client("viewer").get(f"/postmortems/{pm_id}").status_code == 404
    assert team.client("author").get(f"/postmortems/{pm_id}").status_code == 404
    page = team.client("named").get(f"/postmortems/{pm_id}")
    assert page.status_code == 200
    assert f"Restricted to {PEOPLE['named'][0]} and admins." in page.text
    history = team.client("admin").get(f"/postmortems/{pm_id}").text
    assert PEOPLE["author"][0] in history  # who saved the revision


def test_the_history_names_who_saved_published_and_changed_an_action_item(team: Team) -> None:
    author, admin = team.client("author"), team.client("admin")
    made = author.post(
        "/api/postmortems", json={"notes": EXAMPLE_NOTES.read_text()}, headers={"X-CSRF-Token": csrf(author)}
    )
    pm_id = made.json()["saved"]["id"]
    item = team.store.actions(postmortem_id=pm_id)[0]
    _post(team, "admin", f"/actions/{item.id}", status="done")
    admin.post(
        f"/api/postmortems/{pm_id}/status",
        json={"status": "published"},
        headers={"X-CSRF-Token": csrf(admin)},
    )

    page = team.client("viewer").get(f"/postmortems/{pm_id}").text
    history = page.split("<h2>History</h2>", 1)[1]

    assert f"· {PEOPLE['author'][0]} · created" in history  # the revision
    assert "Published · 2026-11-27" in history and PEOPLE["admin"][0] in history
    assert "status open → done · 2026-11-27 12:" in history
    changes = team.store.action_changes(pm_id)
    assert [(c.field, c.actor) for c in changes if c.action_item_id == item.id][-1] == (
        "status",
        PEOPLE["admin"][0],
    )
