"""Creating a post-mortem restricted through the web: the new post-mortem form, the board's draft form, the
API's create and snap-draft calls. The one made is missing to everyone else from its first response (page,
API, download, files, snap photos, lists), there for its author, the people named and admins; a bad name
is one sentence with nothing saved; and who may see it is still changed by admins alone."""

from __future__ import annotations

import io
from typing import Any

import pytest

from web.team import PEOPLE, Team, csrf
from web.webapp import EXAMPLE_NOTES, EXAMPLE_PHOTO

NAMED = PEOPLE["named"][0]
AUTHOR = PEOPLE["author"][0]
OTHERS = ("viewer",)
"""Signed-in people who are neither its author nor named (the other author is named in these tests)."""


def _notes(word: str) -> str:
    return EXAMPLE_NOTES.read_text().replace("Checkout", f"The {word} breach and checkout", 1)


def _post_form(team: Team, who: str, url: str, fields: dict[str, Any]) -> Any:
    client = team.client(who)
    return client.post(url, data={"csrf_token": csrf(client), **fields}, follow_redirects=False)


def _api(team: Team, who: str, method: str, url: str, body: Any = None) -> Any:
    client = team.client(who)
    return client.request(method, url, json=body, headers={"X-CSRF-Token": csrf(client)})


def _count(team: Team) -> int:
    return len(team.store.search("", limit=1000))


def _seen_only_by(team: Team, pm_id: int, word: str, allowed: set[str]) -> None:
    """The post-mortem's page, API call, download and files answer only to `allowed` (404 as a missing id
    to the others), and it is in the archive's lists for them alone."""
    files = [f.id for f in team.store.attachments(pm_id)]
    urls = [
        f"/postmortems/{pm_id}",
        f"/api/postmortems/{pm_id}",
        f"/postmortems/{pm_id}/download/md",
        *(f"/postmortems/{pm_id}/files/{file_id}" for file_id in files),
    ]
    for who in ("viewer", "author", "named", "admin"):
        client = team.client(who)
        for url in urls:
            response = client.get(url)
            if who in allowed:
                assert response.status_code == 200, f"{url} as {who}: {response.status_code}"
            else:
                assert response.status_code == 404, f"{url} as {who}: {response.status_code}"
                assert "There is no" in response.text
        listed = {hit["id"] for hit in client.get(f"/api/search?q={word}").json()}
        assert (pm_id in listed) == (who in allowed), who
        assert (f"the {word} breach" in client.get("/postmortems").text.lower()) == (who in allowed), who


def test_the_new_form_offers_it_to_authors(team: Team) -> None:
    text = team.client("author").get("/postmortems/new").text

    assert "Only these people and admins may see it" in text
    assert 'name="people"' in text


def test_the_new_form_creates_it_restricted(team: Team) -> None:
    made = _post_form(
        team,
        "author",
        "/postmortems/new",
        {"notes": _notes("wombat"), "kind": "incident", "visibility": "restricted", "people": NAMED},
    )

    assert made.status_code == 303, made.text
    pm_id = int(made.headers["location"].split("/")[2])
    assert team.store.access(pm_id) == ("restricted", sorted([AUTHOR, NAMED]))
    _seen_only_by(team, pm_id, "wombat", {"author", "named", "admin"})
    page = team.client("author").get(f"/postmortems/{pm_id}").text
    assert f"Restricted to {AUTHOR}, {NAMED} and admins" in page


def test_the_creator_cannot_open_it_to_the_team(team: Team) -> None:
    made = _post_form(
        team, "author", "/postmortems/new", {"notes": _notes("numbat"), "visibility": "restricted"}
    )
    pm_id = int(made.headers["location"].split("/")[2])

    opened = _post_form(team, "author", f"/postmortems/{pm_id}/access", {"visibility": "team"})
    assert opened.status_code == 403
    put = _api(team, "author", "PUT", f"/api/postmortems/{pm_id}/access", {"visibility": "team"})
    assert put.status_code == 403
    assert team.store.access(pm_id) == ("restricted", [AUTHOR])
    _seen_only_by(team, pm_id, "numbat", {"author", "admin"})


@pytest.mark.parametrize(
    ("visibility", "people", "sentence"),
    [
        ("restricted", "nobody@example.com", "nobody@example.com has no active account here"),
        ("restricted", f"{NAMED}, ghost@example.com", "ghost@example.com has no active account here"),
        # names typed with "everyone" left chosen: refused rather than shown to the team
        ("team", NAMED, "You named people but chose everyone on the team"),
    ],
)
def test_a_bad_choice_on_the_form_is_one_sentence_and_nothing_is_saved(
    team: Team, visibility: str, people: str, sentence: str
) -> None:
    before = _count(team)

    refused = _post_form(
        team,
        "author",
        "/postmortems/new",
        {"notes": _notes("dingo"), "visibility": visibility, "people": people},
    )

    assert refused.status_code == 400
    assert sentence in refused.text
    assert _count(team) == before


def test_the_api_creates_it_restricted_and_refuses_bad_names(team: Team) -> None:
    before = _count(team)
    refused = _api(
        team,
        "author",
        "POST",
        "/api/postmortems",
        {"notes": _notes("quoll"), "restricted_to": ["nope@x.org"]},
    )
    assert refused.status_code == 400
    assert refused.json() == {
        "error": "nope@x.org has no active account here; name people as they sign in, or leave them out "
        "(an admin can add them later)."
    }
    assert _count(team) == before

    made = _api(
        team, "author", "POST", "/api/postmortems", {"notes": _notes("quoll"), "restricted_to": [NAMED]}
    )
    assert made.status_code == 201, made.text
    pm_id = made.json()["saved"]["id"]
    _seen_only_by(team, pm_id, "quoll", {"author", "named", "admin"})
    assert _api(team, "named", "GET", f"/api/postmortems/{pm_id}/access").json() == {
        "visibility": "restricted",
        "people": sorted([AUTHOR, NAMED]),
    }


def test_without_restricted_to_the_api_still_creates_it_for_the_team(team: Team) -> None:
    made = _api(team, "author", "POST", "/api/postmortems", {"notes": _notes("bilby")})

    assert made.status_code == 201, made.text
    _seen_only_by(team, made.json()["saved"]["id"], "bilby", {"viewer", "author", "named", "admin"})


def test_the_openapi_schema_documents_restricted_to(team: Team) -> None:
    schema = team.client("stranger").get("/openapi.json").json()["components"]["schemas"]

    for model in ("NewPostMortem", "DraftSnap"):
        field = schema[model]["properties"]["restricted_to"]
        assert "only these people" in field["description"].lower(), model
        assert {"type": "null"} in field["anyOf"], model


def _read_snap(team: Team) -> int:
    client = team.client("author")
    uploaded = client.post(
        "/snap",
        data={"csrf_token": csrf(client), "kind": "incident"},
        files={"photo": ("board.jpg", io.BytesIO(EXAMPLE_PHOTO.read_bytes()))},
        follow_redirects=False,
    )
    assert uploaded.status_code == 303, uploaded.text
    team.queue.drain()
    return int(uploaded.headers["location"].rsplit("/", 1)[1])


def _board_fields(team: Team, snap_id: int) -> dict[str, Any]:
    board = team.store.snap(snap_id).board
    assert board is not None
    return {
        "note": [str(i) for i in range(len(board.notes))],
        "text": [n.text for n in board.notes],
        "section": [n.section or "" for n in board.notes],
    }


def test_the_board_draft_form_drafts_it_restricted_with_its_photos(team: Team) -> None:
    snap_id = _read_snap(team)
    assert (
        "Only these people and admins may see it" in team.client("author").get(f"/snap/{snap_id}/board").text
    )
    fields = _board_fields(team, snap_id)
    fields["text"][0] = "09:12 the edit typed before the refusal"
    for visibility, people, sentence in (
        ("restricted", "gone@x.org", "gone@x.org has no active account here"),
        ("team", NAMED, "You named people but chose everyone on the team"),
    ):
        refused = _post_form(
            team,
            "author",
            f"/snap/{snap_id}/board",
            {**fields, "op": "draft", "visibility": visibility, "people": people},
        )
        assert refused.status_code == 400 and sentence in refused.text
        kept = team.store.snap(snap_id)
        assert kept.postmortem_id is None
        assert kept.board is not None and kept.board.notes[0].text == fields["text"][0]

    drafted = _post_form(
        team,
        "author",
        f"/snap/{snap_id}/board",
        {**_board_fields(team, snap_id), "op": "draft", "visibility": "restricted", "people": ""},
    )

    assert drafted.status_code == 303, drafted.text
    pm_id = team.store.snap(snap_id).postmortem_id
    assert pm_id is not None and team.store.access(pm_id) == ("restricted", [AUTHOR])
    assert len(team.store.attachments(pm_id)) == 2  # the photo and the annotated photo
    for who in ("viewer", "named", "author", "admin"):
        photo = team.client(who).get(f"/snap/{snap_id}/annotated.jpg")
        assert photo.status_code == (200 if who in {"author", "admin"} else 404), who
        page = team.client(who).get(f"/postmortems/{pm_id}")
        assert page.status_code == (200 if who in {"author", "admin"} else 404), who
    assert "Only these people" not in team.client("author").get(f"/snap/{snap_id}/board").text


def test_the_api_drafts_a_snap_restricted_and_never_restricts_a_team_redraft(team: Team) -> None:
    snap_id = _read_snap(team)
    drafted = _api(team, "author", "POST", f"/api/snaps/{snap_id}/draft", {"restricted_to": [NAMED]})
    assert drafted.status_code == 200, drafted.text
    assert team.store.access(drafted.json()["id"]) == ("restricted", sorted([AUTHOR, NAMED]))

    team_snap = _read_snap(team)
    first = _api(team, "author", "POST", f"/api/snaps/{team_snap}/draft")
    assert first.status_code == 200, first.text
    redraft = _api(team, "author", "POST", f"/api/snaps/{team_snap}/draft", {"restricted_to": []})
    assert redraft.status_code == 400
    assert "which the team may see; ask an admin to restrict it" in redraft.json()["error"]
    assert team.store.access(first.json()["id"]) == ("team", [])
