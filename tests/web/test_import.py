"""The "import a board" form: a digital board's export (or an on-call log) becomes a saved draft opened in
the editor, with the file kept beside it; a file afterboard cannot read is one sentence on the page."""

from __future__ import annotations

import html
import io
import re
from typing import Any

import board_exports as exports
from web.webapp import Web


def _upload(web: Web, name: str, content: str, **fields: Any) -> Any:
    files = {"board": (name, io.BytesIO(content.encode()), "application/octet-stream")}
    return web.post_form("/postmortems/import", {"kind": "incident", **fields}, files=files)


def _sentence(page: str) -> str:
    found = re.search(r'class="error-message"[^>]*>([^<]+)<', page)
    assert found, page[:500]
    return html.unescape(found[1])


def test_the_import_form_is_linked_from_home_and_takes_a_file(web: Web) -> None:
    assert 'href="/postmortems/import"' in web.client.get("/").text
    page = web.client.get("/postmortems/import").text
    assert "<h1>Import a board</h1>" in page
    assert 'type="file" name="board"' in page and 'enctype="multipart/form-data"' in page


def test_a_miro_export_becomes_a_draft_in_the_editor_with_its_file_kept(web: Web) -> None:
    response = _upload(web, "board.json", exports.miro_export())

    assert response.status_code == 303, response.text
    found = re.fullmatch(r"/postmortems/(\d+)/edit", response.headers["location"])
    assert found
    stored = web.store.get(int(found[1]))
    assert stored.postmortem.title == "Checkout errors after v2.3 deploy — retro, Nov 20 2026"
    assert [w.answer for w in stored.postmortem.root_cause.whys][-1] == "Load tests ran on a tiny dataset"
    assert stored.postmortem.timeline[0].source is not None
    assert stored.postmortem.timeline[0].source.startswith("board.json#item-")
    assert [(a.filename, a.role) for a in web.store.attachments(stored.id)] == [("board.json", "other")]
    assert "Checkout errors after v2.3 deploy" in web.client.get(response.headers["location"]).text


def test_an_on_call_log_imports_as_a_timeline(web: Web) -> None:
    response = _upload(web, "webhook.log", exports.alertmanager_log(), kind="incident")

    assert response.status_code == 303, response.text
    pm_id = int(response.headers["location"].split("/")[2])
    assert len(web.store.get(pm_id).postmortem.timeline) == 4


def test_a_file_afterboard_cannot_read_is_one_sentence(web: Web) -> None:
    response = _upload(web, "board.xml", "<?xml version='1.0'?><board/>")

    assert response.status_code == 400
    assert _sentence(response.text).startswith("board.xml is XML or HTML, which afterboard does not read")


def test_no_file_or_an_unknown_kind_is_one_sentence(web: Web) -> None:
    missing = web.post_form("/postmortems/import", {"kind": "incident"})
    assert missing.status_code == 400
    assert _sentence(missing.text).startswith("Choose the board's export file")

    wrong = _upload(web, "board.json", exports.miro_export(), kind="retro")
    assert wrong.status_code == 400
    assert _sentence(wrong.text) == "'retro' is not a kind of post-mortem; choose incident or project."
