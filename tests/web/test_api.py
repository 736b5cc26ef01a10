"""The JSON API: the same operations as the pages, for other tools."""

from __future__ import annotations

import json

from afterboard.render import render
from web.webapp import EXAMPLE_NOTES, EXAMPLE_PHOTO, Web


def _create(web: Web, **body: object) -> dict[str, object]:
    response = web.api("POST", "/api/postmortems", json=body)
    assert response.status_code == 201, response.text
    data: dict[str, object] = response.json()
    return data


def test_a_postmortem_is_created_from_notes_and_its_findings_come_back(web: Web) -> None:
    data = _create(web, notes=EXAMPLE_NOTES.read_text())

    saved = data["saved"]
    assert isinstance(saved, dict) and saved["revision"] == 1 and saved["created"] is True
    rules = {f["rule"] for f in data["findings"]}  # type: ignore[attr-defined]
    assert "action-items-owner" in rules


def test_created_from_markdown_or_json_reads_the_same(web: Web) -> None:
    first = _create(web, notes=EXAMPLE_NOTES.read_text())["saved"]
    doc = web.client.get(f"/api/postmortems/{first['id']}").json()  # type: ignore[index]

    from_markdown = _create(web, markdown=doc["markdown"])["saved"]
    from_json = _create(web, postmortem=doc["postmortem"])["saved"]

    titles = {
        web.client.get(f"/api/postmortems/{s['id']}").json()["postmortem"]["title"]
        for s in (from_markdown, from_json)
    }  # type: ignore[index]
    assert titles == {doc["postmortem"]["title"]}


def test_a_revision_is_saved_from_markdown_and_listed_in_the_history(web: Web) -> None:
    pm_id = web.new_postmortem()
    text = web.client.get(f"/api/postmortems/{pm_id}").json()["markdown"]

    response = web.api(
        "PUT",
        f"/api/postmortems/{pm_id}",
        json={"markdown": text.replace("SEV-2", "SEV-1"), "message": "sev"},
    )

    assert response.status_code == 200 and response.json()["saved"]["revision"] == 2
    history = web.client.get(f"/api/postmortems/{pm_id}/history").json()
    assert [(r["number"], r["message"]) for r in history] == [(1, "drafted from typed notes"), (2, "sev")]
    old = web.client.get(f"/api/postmortems/{pm_id}?revision=1").json()
    assert old["postmortem"]["severity"] == "SEV-2" and old["latest_revision"] == 2


def test_status_findings_and_similar(web: Web) -> None:
    first = web.new_postmortem()
    pm_id = web.new_postmortem()

    change = web.api("POST", f"/api/postmortems/{pm_id}/status", json={"status": "published"}).json()
    findings = web.client.get(f"/api/postmortems/{pm_id}/findings").json()
    similar = web.client.get(f"/api/postmortems/{pm_id}/similar").json()

    assert (change["from_status"], change["to_status"], change["actor"]) == ("draft", "published", "tester")
    assert findings["revision"] == 1 and any(f["rule"] == "action-items-owner" for f in findings["findings"])
    assert [h["id"] for h in similar] == [first]


def test_preview_returns_sanitised_html_and_findings_with_lines(web: Web) -> None:
    pm_id = web.new_postmortem()
    text = web.client.get(f"/api/postmortems/{pm_id}").json()["markdown"]

    data = web.api("POST", "/api/preview", json={"markdown": text}).json()

    assert data["html"].startswith("<h1>Checkout errors after v2.3 deploy")
    owner = next(f for f in data["findings"] if f["rule"] == "action-items-owner")
    assert text.splitlines()[owner["line"] - 1].startswith("| 5 | Document query review checklist")
    assert web.store.get(pm_id).revision == 1  # a preview saves nothing


def test_search_lists_and_filters(web: Web) -> None:
    pm_id = web.new_postmortem()

    assert [h["id"] for h in web.client.get("/api/search?q=rollback").json()] == [pm_id]
    assert web.client.get("/api/search?q=certificate").json() == []
    assert [h["id"] for h in web.client.get("/api/postmortems?severity=SEV-2&owner=priya").json()] == [pm_id]
    assert web.client.get("/api/postmortems?status=published").json() == []


def test_action_items_are_listed_and_marked(web: Web) -> None:
    web.new_postmortem()
    items = web.client.get("/api/actions?owner=ana").json()

    changed = web.api(
        "PATCH", f"/api/actions/{items[0]['id']}", json={"status": "done", "link": "https://t.example/ENG-1"}
    )
    bad = web.api("PATCH", f"/api/actions/{items[0]['id']}", json={"status": "finished"})

    assert [i["text"] for i in items] == ["Add load test with production-sized data to CI"]
    assert changed.json()["status"] == "done" and changed.json()["link"] == "https://t.example/ENG-1"
    assert web.client.get("/api/actions?open_only=true&owner=ana").json() == []
    assert bad.status_code == 400 and "not a status" in bad.json()["error"]


def test_due_and_stats(web: Web) -> None:
    pm_id = web.new_postmortem()

    due = web.client.get("/api/due").json()
    stats = web.client.get("/api/stats").json()

    assert [(d["state"], d["postmortem_id"]) for d in due] == [("missed", pm_id)]
    assert stats["postmortems"] == 1 and stats["median_time_to_detect"] == "PT19M"


def test_a_photo_is_uploaded_followed_corrected_and_drafted(web: Web) -> None:
    upload = web.api(
        "POST",
        "/api/snaps",
        files={"photo": ("board.jpg", EXAMPLE_PHOTO.read_bytes())},
        data={"kind": "incident"},
    )
    snap = upload.json()
    assert upload.status_code == 202 and snap["status"] == "queued" and snap["notes"] is None
    web.queue.drain()

    read = web.client.get(f"/api/snaps/{snap['id']}").json()
    notes = [n for n in read["notes"] if n["section"] != "went_well"]
    corrected = web.api("PUT", f"/api/snaps/{snap['id']}/notes", json={"notes": notes})
    saved = web.api("POST", f"/api/snaps/{snap['id']}/draft").json()

    assert read["status"] == "done" and corrected.status_code == 200
    pm = web.client.get(f"/api/postmortems/{saved['id']}").json()["postmortem"]
    assert pm["went_well"] == [] and len(pm["timeline"]) == 8


def test_the_openapi_document_describes_the_api_only(web: Web) -> None:
    document = web.client.get("/openapi.json").json()

    assert document["info"]["title"] == "afterboard"
    assert set(document["paths"]) == {
        "/api/postmortems",
        "/api/postmortems/{postmortem_id}",
        "/api/postmortems/{postmortem_id}/status",
        "/api/postmortems/{postmortem_id}/findings",
        "/api/postmortems/{postmortem_id}/history",
        "/api/postmortems/{postmortem_id}/similar",
        "/api/postmortems/{postmortem_id}/access",
        "/api/preview",
        "/api/snaps",
        "/api/snaps/{snap_id}",
        "/api/snaps/{snap_id}/notes",
        "/api/snaps/{snap_id}/draft",
        "/api/search",
        "/api/actions",
        "/api/actions/{action_id}",
        "/api/due",
        "/api/stats",
        "/api/me",
    }
    assert json.dumps(document)  # serialisable as served


def test_markdown_from_the_api_renders_as_the_library_does(web: Web) -> None:
    pm_id = web.new_postmortem()

    doc = web.client.get(f"/api/postmortems/{pm_id}").json()

    assert doc["markdown"] == render(
        web.store.get(pm_id).postmortem, "md", settings=web.client.app.state.ctx.settings
    )  # type: ignore[attr-defined]
