"""Permissions of every route and API operation, as a stranger, a viewer, an author, an admin and a person
named on a restricted post-mortem. The routes are enumerated from the app itself: a new route without an
entry in CALLS fails `test_every_route_has_a_permission_case`.

For each route: a stranger is sent to sign in (pages) or gets 401 (API and posts); a role below the one the
route needs gets 403; the roles that may use it succeed. The same calls on the restricted post-mortem (its
files, snap and action items too) answer 404 to authors and viewers who are not named — with the very
sentence a missing id gets — and succeed for the named person and for admins."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from afterboard.ingest.photo import PhotoReader
from afterboard.render import render
from afterboard.store.records import Role
from afterboard.web.auth import PUBLIC
from board_exports import excalidraw_file
from web.team import PASSWORD, PEOPLE, Team, csrf, routes, team_app
from web.webapp import EXAMPLE_NOTES, EXAMPLE_PHOTO

ROLES = ("stranger", "viewer", "author", "admin")
RANKS = {"viewer": Role.VIEWER, "author": Role.AUTHOR, "admin": Role.ADMIN, "named": Role.AUTHOR}
MISSING = 987_654
Call = tuple[str, dict[str, Any]]
"""The URL and the keyword arguments of the request (`client.request(method, url, **kwargs)`)."""


@dataclass(frozen=True)
class Case:
    needs: Role | str
    build: Callable[[Team, str, str], Call]
    """(team, who, which) → the call; `which` is 'team' or 'secret' (the restricted post-mortem)."""
    restricted: bool = False
    """The call names the post-mortem (or its file, snap or item), so the restricted case applies."""


def _form(team: Team, who: str, fields: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "data": {"csrf_token": csrf(team.client(who)), **(fields or {})},
        "follow_redirects": False,
        **extra,
    }


def _json(team: Team, who: str, body: Any = None) -> dict[str, Any]:
    headers = {"X-CSRF-Token": csrf(team.client(who))}
    return {"json": body, "headers": headers} if body is not None else {"headers": headers}


def _get(url: str) -> Callable[[Team, str, str], Call]:
    def build(team: Team, who: str, which: str) -> Call:
        return url.format(**_ids(team, which)), {"follow_redirects": False}

    return build


def _ids(team: Team, which: str) -> dict[str, Any]:
    return {
        "pm": team.ids[which],
        "snap": team.ids[f"{which}_snap"],
        "item": team.ids[f"{which}_action"],
        "file": team.ids[f"{which}_file"],
    }


def _markdown(team: Team, which: str) -> str:
    return render(team.store.get(team.ids[which]).postmortem, "md")


def _other_status(team: Team, which: str) -> str:
    return "in_review" if team.store.get(team.ids[which]).status.value == "draft" else "draft"


def _notes(team: Team, which: str) -> list[dict[str, Any]]:
    board = team.store.snap(team.ids[f"{which}_snap"]).board
    assert board is not None
    return [note.model_dump(mode="json") for note in board.notes]


def _access(which: str) -> dict[str, Any]:
    people = [PEOPLE["named"][0]] if which == "secret" else []
    return {"visibility": "restricted" if which == "secret" else "team", "people": people}


def _photo(team: Team, who: str) -> dict[str, Any]:
    return {"files": {"photo": ("board.jpg", io.BytesIO(EXAMPLE_PHOTO.read_bytes()), "image/jpeg")}}


def _board(team: Team, who: str) -> dict[str, Any]:
    return {
        "files": {"board": ("board.excalidraw", io.BytesIO(excalidraw_file().encode()), "application/json")}
    }


def _new_token(team: Team, who: str) -> int:
    name = PEOPLE.get(who, PEOPLE["viewer"])[0]
    return team.store.accounts.create_token(name, "to revoke")[0].id


_unique = iter(range(1_000_000))

CALLS: dict[tuple[str, str], Case] = {
    # -- the JSON API ---------------------------------------------------------------------------------
    ("GET", "/api/postmortems"): Case(Role.VIEWER, _get("/api/postmortems")),
    ("POST", "/api/postmortems"): Case(
        Role.AUTHOR, lambda t, w, _: ("/api/postmortems", _json(t, w, {"notes": EXAMPLE_NOTES.read_text()}))
    ),
    ("GET", "/api/postmortems/{postmortem_id}"): Case(Role.VIEWER, _get("/api/postmortems/{pm}"), True),
    ("PUT", "/api/postmortems/{postmortem_id}"): Case(
        Role.AUTHOR,
        lambda t, w, x: (f"/api/postmortems/{t.ids[x]}", _json(t, w, {"markdown": _markdown(t, x)})),
        True,
    ),
    ("POST", "/api/postmortems/{postmortem_id}/status"): Case(
        Role.AUTHOR,
        lambda t, w, x: (f"/api/postmortems/{t.ids[x]}/status", _json(t, w, {"status": _other_status(t, x)})),
        True,
    ),
    ("GET", "/api/postmortems/{postmortem_id}/findings"): Case(
        Role.VIEWER, _get("/api/postmortems/{pm}/findings"), True
    ),
    ("GET", "/api/postmortems/{postmortem_id}/history"): Case(
        Role.VIEWER, _get("/api/postmortems/{pm}/history"), True
    ),
    ("GET", "/api/postmortems/{postmortem_id}/similar"): Case(
        Role.VIEWER, _get("/api/postmortems/{pm}/similar"), True
    ),
    ("GET", "/api/postmortems/{postmortem_id}/access"): Case(
        Role.VIEWER, _get("/api/postmortems/{pm}/access"), True
    ),
    ("PUT", "/api/postmortems/{postmortem_id}/access"): Case(
        Role.ADMIN, lambda t, w, x: (f"/api/postmortems/{t.ids[x]}/access", _json(t, w, _access(x))), True
    ),
    ("POST", "/api/preview"): Case(
        Role.AUTHOR, lambda t, w, _: ("/api/preview", _json(t, w, {"markdown": "# T"}))
    ),
    ("POST", "/api/snaps"): Case(
        Role.AUTHOR, lambda t, w, _: ("/api/snaps", {**_json(t, w), **_photo(t, w)})
    ),
    ("GET", "/api/snaps/{snap_id}"): Case(Role.VIEWER, _get("/api/snaps/{snap}"), True),
    ("PUT", "/api/snaps/{snap_id}/notes"): Case(
        Role.AUTHOR,
        lambda t, w, x: (f"/api/snaps/{t.ids[x + '_snap']}/notes", _json(t, w, {"notes": _notes(t, x)})),
        True,
    ),
    ("POST", "/api/snaps/{snap_id}/draft"): Case(
        Role.AUTHOR, lambda t, w, x: (f"/api/snaps/{t.ids[x + '_snap']}/draft", _json(t, w)), True
    ),
    ("GET", "/api/search"): Case(Role.VIEWER, _get("/api/search?q=checkout")),
    ("GET", "/api/actions"): Case(Role.VIEWER, _get("/api/actions")),
    ("PATCH", "/api/actions/{action_id}"): Case(
        Role.AUTHOR,
        lambda t, w, x: (f"/api/actions/{t.ids[x + '_action']}", _json(t, w, {"status": "in_progress"})),
        True,
    ),
    ("GET", "/api/due"): Case(Role.VIEWER, _get("/api/due")),
    ("GET", "/api/stats"): Case(Role.VIEWER, _get("/api/stats")),
    ("GET", "/api/me"): Case(Role.VIEWER, _get("/api/me")),
    ("GET", "/openapi.json"): Case(PUBLIC, _get("/openapi.json")),
    # -- pages ----------------------------------------------------------------------------------------
    ("GET", "/"): Case(Role.VIEWER, _get("/")),
    ("GET", "/snap"): Case(Role.AUTHOR, _get("/snap")),
    ("POST", "/snap"): Case(
        Role.AUTHOR, lambda t, w, _: ("/snap", _form(t, w, {"kind": "incident"}, **_photo(t, w)))
    ),
    ("GET", "/snap/{snap_id}"): Case(Role.VIEWER, _get("/snap/{snap}"), True),
    ("GET", "/snap/{snap_id}/board"): Case(Role.VIEWER, _get("/snap/{snap}/board"), True),
    ("POST", "/snap/{snap_id}/board"): Case(
        Role.AUTHOR,
        lambda t, w, x: (
            f"/snap/{t.ids[x + '_snap']}/board",
            _form(
                t,
                w,
                {
                    "op": "save",
                    "note": [str(i) for i in range(len(_notes(t, x)))],
                    "text": [n["text"] for n in _notes(t, x)],
                    "section": [n["section"] or "" for n in _notes(t, x)],
                },
            ),
        ),
        True,
    ),
    ("GET", "/snap/{snap_id}/photo"): Case(Role.VIEWER, _get("/snap/{snap}/photo"), True),
    ("GET", "/snap/{snap_id}/annotated.jpg"): Case(Role.VIEWER, _get("/snap/{snap}/annotated.jpg"), True),
    ("GET", "/snap/{snap_id}/notes/{index}/crop.jpg"): Case(
        Role.VIEWER, _get("/snap/{snap}/notes/0/crop.jpg"), True
    ),
    ("GET", "/postmortems"): Case(Role.VIEWER, _get("/postmortems")),
    ("GET", "/postmortems/new"): Case(Role.AUTHOR, _get("/postmortems/new")),
    ("POST", "/postmortems/new"): Case(
        Role.AUTHOR, lambda t, w, _: ("/postmortems/new", _form(t, w, {"notes": EXAMPLE_NOTES.read_text()}))
    ),
    ("GET", "/postmortems/import"): Case(Role.AUTHOR, _get("/postmortems/import")),
    ("POST", "/postmortems/import"): Case(
        Role.AUTHOR,
        lambda t, w, _: ("/postmortems/import", _form(t, w, {"kind": "incident"}, **_board(t, w))),
    ),
    ("GET", "/postmortems/{postmortem_id}"): Case(Role.VIEWER, _get("/postmortems/{pm}"), True),
    ("POST", "/postmortems/{postmortem_id}/status"): Case(
        Role.AUTHOR,
        lambda t, w, x: (f"/postmortems/{t.ids[x]}/status", _form(t, w, {"status": _other_status(t, x)})),
        True,
    ),
    ("POST", "/postmortems/{postmortem_id}/access"): Case(
        Role.ADMIN,
        lambda t, w, x: (
            f"/postmortems/{t.ids[x]}/access",
            _form(t, w, {"visibility": _access(x)["visibility"], "people": "\n".join(_access(x)["people"])}),
        ),
        True,
    ),
    ("GET", "/postmortems/{postmortem_id}/download/{fmt}"): Case(
        Role.VIEWER, _get("/postmortems/{pm}/download/md"), True
    ),
    ("GET", "/postmortems/{postmortem_id}/files/{attachment_id}"): Case(
        Role.VIEWER, _get("/postmortems/{pm}/files/{file}"), True
    ),
    ("GET", "/postmortems/{postmortem_id}/edit"): Case(Role.AUTHOR, _get("/postmortems/{pm}/edit"), True),
    ("POST", "/postmortems/{postmortem_id}/edit"): Case(
        Role.AUTHOR,
        lambda t, w, x: (f"/postmortems/{t.ids[x]}/edit", _form(t, w, {"markdown": _markdown(t, x)})),
        True,
    ),
    ("POST", "/postmortems/{postmortem_id}/actions"): Case(
        Role.AUTHOR,
        lambda t, w, x: (
            f"/postmortems/{t.ids[x]}/actions",
            _form(
                t,
                w,
                {
                    "item_text": ["Rotate keys"],
                    "item_owner": ["sam"],
                    "item_due": [""],
                    "item_status": ["open"],
                },
            ),
        ),
        True,
    ),
    ("GET", "/search"): Case(Role.VIEWER, _get("/search?q=checkout")),
    ("GET", "/actions"): Case(Role.VIEWER, _get("/actions")),
    ("POST", "/actions/{action_id}"): Case(
        Role.AUTHOR,
        lambda t, w, x: (f"/actions/{t.ids[x + '_action']}", _form(t, w, {"status": "in_progress"})),
        True,
    ),
    ("GET", "/due"): Case(Role.VIEWER, _get("/due")),
    ("GET", "/stats"): Case(Role.VIEWER, _get("/stats")),
    # -- accounts -------------------------------------------------------------------------------------
    ("GET", "/signin"): Case(PUBLIC, _get("/signin")),
    ("GET", "/healthz"): Case(PUBLIC, _get("/healthz")),
    ("POST", "/signin"): Case(
        PUBLIC,
        lambda t, w, _: (
            "/signin",
            _form(t, w, {"name": PEOPLE.get(w, ("nobody", None))[0], "password": PASSWORD}),
        ),
    ),
    ("POST", "/signout"): Case(PUBLIC, lambda t, w, _: ("/signout", _form(t, w))),
    ("GET", "/account"): Case(Role.VIEWER, _get("/account")),
    ("POST", "/account/tokens"): Case(
        Role.VIEWER, lambda t, w, _: ("/account/tokens", _form(t, w, {"label": "x"}))
    ),
    ("POST", "/account/tokens/{token_id}/revoke"): Case(
        Role.VIEWER, lambda t, w, _: (f"/account/tokens/{_new_token(t, w)}/revoke", _form(t, w))
    ),
    ("GET", "/admin/users"): Case(Role.ADMIN, _get("/admin/users")),
    ("POST", "/admin/users"): Case(
        Role.ADMIN,
        lambda t, w, _: (
            "/admin/users",
            _form(
                t,
                w,
                {
                    "op": "add",
                    "name": f"new{next(_unique)}@example.com",
                    "role": "viewer",
                    "password": PASSWORD,
                },
            ),
        ),
    ),
}


def test_every_route_has_a_permission_case(team: Team) -> None:
    served = routes(team.app)

    assert served - set(CALLS) == set(), "routes without a permission case: add them to CALLS"
    assert set(CALLS) - served == set(), "CALLS names routes the app does not serve"


def _call(team: Team, who: str, method: str, path: str, which: str = "team") -> Any:
    if path == "/signout" and who != "stranger":  # sign out another browser, keeping this one's session
        kept = team.client(who)
        team.clients[who] = team.fresh(who)
        try:
            return _call(team, who, method, "/signout/", which)
        finally:
            team.clients[who] = kept
    url, kwargs = CALLS[(method, path.rstrip("/") or "/")].build(team, who, which)
    return team.client(who).request(method, url, **kwargs)


def _allowed(case: Case, who: str) -> bool:
    return case.needs == PUBLIC or (who != "stranger" and RANKS[who].allows(case.needs))  # type: ignore[arg-type]


@pytest.mark.parametrize(("method", "path"), sorted(CALLS))
def test_each_role_gets_what_the_route_allows(team: Team, method: str, path: str) -> None:
    case = CALLS[(method, path)]
    for who in ROLES:
        response = _call(team, who, method, path)
        seen = f"{method} {path} as {who}: {response.status_code} {response.text[:200]}"
        if case.needs == PUBLIC and path == "/signin" and method == "POST" and who == "stranger":
            assert response.status_code == 401, seen  # a stranger's made-up name does not sign in
        elif _allowed(case, who):
            assert response.status_code < 400, seen
        elif who == "stranger":
            signin = response.status_code == 303 and response.headers["location"].startswith("/signin?next=")
            assert (
                signin if method == "GET" and not path.startswith("/api/") else response.status_code == 401
            ), seen
        else:
            assert response.status_code == 403, seen


RESTRICTED = sorted(key for key, case in CALLS.items() if case.restricted)


@pytest.mark.parametrize(("method", "path"), RESTRICTED)
def test_a_restricted_postmortem_is_missing_to_others_and_there_for_the_named_and_admins(
    team: Team, method: str, path: str
) -> None:
    case = CALLS[(method, path)]
    for who in ("viewer", "author", "named", "admin"):
        response = _call(team, who, method, path, "secret")
        seen = f"{method} {path} on the restricted one as {who}: {response.status_code} {response.text[:200]}"
        if not RANKS[who].allows(case.needs):  # type: ignore[arg-type]
            assert response.status_code == 403, seen
        elif who in {"named", "admin"}:
            assert response.status_code < 400, seen
        else:
            assert response.status_code == 404, seen
            assert _digits_out(response.text) == _digits_out(_missing(team, who, method, path).text), seen


def _missing(team: Team, who: str, method: str, path: str) -> Any:
    """The same call with every id replaced by one that does not exist."""
    url, kwargs = CALLS[(method, path)].build(team, who, "secret")
    ids = {str(v) for k, v in team.ids.items() if k.startswith("secret")}
    parts = [str(MISSING) if part in ids else part for part in re.split(r"([/?])", url)]
    return team.client(who).request(method, "".join(parts), **kwargs)


def _digits_out(text: str) -> str:
    return re.sub(r"\d+", "N", text)


HIDDEN = "quokka"
LISTINGS = {
    "/": False,
    "/postmortems": True,
    f"/search?q={HIDDEN}": True,
    "/actions": True,
    "/due": True,
    "/stats": False,
    "/api/postmortems": True,
    f"/api/postmortems?q={HIDDEN}": True,
    f"/api/search?q={HIDDEN}": True,
    "/api/actions": True,
    "/api/due": True,
    "/api/stats": False,
    "/api/postmortems/{team}/similar?limit=20": True,
    "/postmortems/{team}/edit": False,  # its five suggestions may be other copies
}
"""Pages and calls that list, count, search or suggest; True: the named and admins see the restricted one
there (so the test shows that it would appear if it leaked)."""


def test_lists_counts_search_similar_stats_and_due_never_show_it_to_others(team: Team) -> None:
    like_the_team_one = team.store.get(team.ids["team"]).postmortem
    hidden = team.store.save(like_the_team_one.model_copy(update={"title": f"The {HIDDEN} breach"})).id
    team.store.set_access(hidden, "restricted", [PEOPLE["named"][0]])
    everyone = [h.id for h in team.store.search("", limit=1000)]
    open_to_the_team = sum(1 for pm_id in everyone if team.store.access(pm_id)[0] == "team")
    everyone_count = len(everyone)
    assert open_to_the_team <= everyone_count - 2
    for who in ("viewer", "author", "named", "admin"):
        client = team.client(who)
        for url, shown_to_the_named in LISTINGS.items():
            if url.endswith("/edit") and who == "viewer":
                continue
            text = client.get(url.format(team=team.ids["team"])).text
            shows = f"the {HIDDEN} breach" in text.lower()  # the title, not the query echoed back
            if who in {"viewer", "author"}:
                assert not shows, f"{url} shows the restricted post-mortem to the {who}"
            elif shown_to_the_named:
                assert shows, f"{url} does not show the restricted post-mortem to the {who}"
        count = client.get("/api/stats").json()["postmortems"]
        assert count == (everyone_count if who in {"named", "admin"} else open_to_the_team), who


def test_the_api_with_a_token_sees_what_its_person_sees(team: Team) -> None:
    _, viewer_token = team.store.accounts.create_token(PEOPLE["viewer"][0], "script")
    _, named_token = team.store.accounts.create_token(PEOPLE["named"][0], "script")
    bare = team.client("stranger")

    def titles(token: str) -> set[int]:
        response = bare.get("/api/postmortems", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, response.text
        return {hit["id"] for hit in response.json()}

    assert team.ids["secret"] not in titles(viewer_token)
    assert team.ids["secret"] in titles(named_token)
    refused = bare.post(
        "/api/postmortems", json={"notes": "x"}, headers={"Authorization": f"Bearer {viewer_token}"}
    )
    assert refused.status_code == 403
    assert bare.get("/api/me", headers={"Authorization": "Bearer not-a-token"}).status_code == 401


def test_a_kept_similar_list_never_shows_what_was_restricted_since(
    tmp_path: Path, reader: PhotoReader
) -> None:
    with team_app(tmp_path, reader) as team:
        author, admin = team.client("author"), team.client("admin")
        made = [
            author.post(
                "/api/postmortems",
                json={"notes": EXAMPLE_NOTES.read_text()},
                headers={"X-CSRF-Token": csrf(author)},
            )
            for _ in range(2)
        ]
        first, second = (m.json()["saved"]["id"] for m in made)

        def similar() -> str:
            return author.get(f"/postmortems/{second}/edit").text.split("Similar past post-mortems")[1]

        assert f'href="/postmortems/{first}"' in similar()  # and now kept

        restricted = admin.put(
            f"/api/postmortems/{first}/access",
            json={"visibility": "restricted", "people": []},
            headers={"X-CSRF-Token": csrf(admin)},
        )

        assert restricted.status_code == 200
        assert f'href="/postmortems/{first}"' not in similar()
