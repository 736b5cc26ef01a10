"""Snap, in-process with the real OCR engine: upload the example board photo, follow the job, review the
notes (a doubtful one shown with its crop), correct it, draft, and redraft after a correction."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from afterboard.ingest.ocr import TextLine
from afterboard.ingest.photo import PhotoReader
from afterboard.postmortem import PostMortem
from afterboard.store.records import SnapStatus
from ctc_steps import steps
from scripted_vision import ScriptedVision
from web.webapp import EXAMPLE_PHOTO, Web, running_app

OWNERLESS = "Document query review checklist for new queries"


@pytest.fixture(scope="module")
def read_board(tmp_path_factory: pytest.TempPathFactory, reader: PhotoReader) -> Iterator[tuple[Web, int]]:
    """The example photo uploaded through the form and read by the worker, once for this module."""
    with running_app(tmp_path_factory.mktemp("snap"), reader=reader) as web:
        response = web.upload(EXAMPLE_PHOTO.read_bytes(), filename="checkout-outage.jpg")
        assert response.status_code == 303, response.text
        snap_id = int(response.headers["location"].rsplit("/", 1)[1])
        waiting = web.client.get(f"/snap/{snap_id}")
        assert 'http-equiv="refresh"' in waiting.text and "Waiting for the reader" in waiting.text
        web.queue.drain()
        yield web, snap_id


def _note_index(web: Web, snap_id: int, text: str) -> int:
    board = web.store.snap(snap_id).board
    assert board is not None
    return next(i for i, n in enumerate(board.notes) if n.text.startswith(text))


def _form_of(web: Web, snap_id: int) -> dict[str, list[str]]:
    board = web.store.snap(snap_id).board
    assert board is not None
    return {
        "note": [str(i) for i in range(len(board.notes))],
        "text": [n.text for n in board.notes],
        "section": [n.section or "" for n in board.notes],
    }


def test_the_photo_is_read_outside_the_request_and_then_reviewed(read_board: tuple[Web, int]) -> None:
    web, snap_id = read_board

    progress = web.client.get(f"/snap/{snap_id}", follow_redirects=False)
    status = web.client.get(f"/api/snaps/{snap_id}").json()

    assert progress.status_code == 303 and progress.headers["location"] == f"/snap/{snap_id}/board"
    assert status["status"] == "done" and len(status["notes"]) == 26
    assert status["filename"] == "checkout-outage.jpg"


def test_the_review_page_shows_the_annotated_photo_and_notes_by_section(read_board: tuple[Web, int]) -> None:
    web, snap_id = read_board

    page = web.client.get(f"/snap/{snap_id}/board").text

    assert f'src="/snap/{snap_id}/annotated.jpg"' in page
    sections = re.findall(r"<legend>([^<]+?) <span", page)
    assert sections[:6] == [
        "Impact",
        "Timeline",
        "Root cause",
        "Contributing factors",
        "What went well",
        "Action items",
    ]
    annotated = web.client.get(f"/snap/{snap_id}/annotated.jpg")
    assert Image.open(io.BytesIO(annotated.content)).format == "JPEG"


def test_a_doubtful_note_is_highlighted_with_its_crop(read_board: tuple[Web, int]) -> None:
    web, snap_id = read_board
    index = _note_index(web, snap_id, OWNERLESS)

    page = web.client.get(f"/snap/{snap_id}/board").text
    crop = web.client.get(f"/snap/{snap_id}/notes/{index}/crop.jpg")

    block = page.split(f'id="note-{index}"')[0].rsplit("<div", 1)[1]
    assert "doubtful" in block
    assert f"/snap/{snap_id}/notes/{index}/crop.jpg" in page
    image = Image.open(io.BytesIO(crop.content))
    assert image.format == "JPEG" and max(image.size) <= 640
    assert web.client.get(f"/snap/{snap_id}/notes/999/crop.jpg").status_code == 400


def test_a_note_placed_outside_the_photo_has_no_crop_but_a_sentence(read_board: tuple[Web, int]) -> None:
    web, snap_id = read_board
    notes = web.client.get(f"/api/snaps/{snap_id}").json()["notes"]
    moved = [{**notes[0], "box": [-5000, -5000, -4000, -4000]}, *notes[1:]]
    web.api("PUT", f"/api/snaps/{snap_id}/notes", json={"notes": moved})

    response = web.client.get(f"/snap/{snap_id}/notes/0/crop.jpg")
    web.api("PUT", f"/api/snaps/{snap_id}/notes", json={"notes": notes})

    assert response.status_code == 400
    assert "lies outside the photo" in response.text


def test_correcting_a_note_before_drafting_fixes_the_finding(read_board: tuple[Web, int]) -> None:
    web, snap_id = read_board
    drafted = web.post_form(f"/snap/{snap_id}/board", {**_form_of(web, snap_id), "op": "draft"})
    pm_id = int(re.findall(r"/postmortems/(\d+)", drafted.headers["location"])[0])
    assert "Action item 5 has no owner" in web.client.get(f"/postmortems/{pm_id}").text
    form = _form_of(web, snap_id)
    index = _note_index(web, snap_id, OWNERLESS)
    form["text"][index] = f"{OWNERLESS} - @raj - by 12/11"

    redrafted = web.post_form(f"/snap/{snap_id}/board", {**form, "op": "draft"})

    assert redrafted.headers["location"] == f"/postmortems/{pm_id}?drafted=2"
    page = web.client.get(f"/postmortems/{pm_id}").text
    assert "has no owner" not in page
    note = web.store.snap(snap_id).board.notes[index]  # type: ignore[union-attr]
    assert note.confidence == 1.0  # a person's correction is certain
    assert note.read_as is not None and note.read_as.startswith(OWNERLESS)  # what the engine read stays
    review = web.client.get(f"/snap/{snap_id}/board").text
    assert "The engine read: <q>" + note.read_as in review.replace("&#39;", "'")
    files = {f.role: f.filename for f in web.store.attachments(pm_id)}
    assert files == {"photo": "checkout-outage.jpg", "annotated": "annotated-checkout-outage.jpg"}


def test_notes_can_be_moved_split_merged_and_deleted(read_board: tuple[Web, int]) -> None:
    web, snap_id = read_board
    form = _form_of(web, snap_id)
    index = _note_index(web, snap_id, "Support had a status page")
    form["section"][index] = "lessons_learned"
    form["text"][index] = "Support had a status page post\nwithin 20 min"
    count = len(form["text"])

    web.post_form(f"/snap/{snap_id}/board", {**form, "op": f"split:{index}"})
    board = web.store.snap(snap_id).board
    assert board is not None and len(board.notes) == count + 1
    assert [n.text for n in board.notes[index : index + 2]] == [
        "Support had a status page post",
        "within 20 min",
    ]
    assert board.notes[index].section == "lessons_learned"

    web.post_form(f"/snap/{snap_id}/board", {**_form_of(web, snap_id), "op": f"merge:{index}"})
    web.post_form(f"/snap/{snap_id}/board", {**_form_of(web, snap_id), "op": f"delete:{index}"})
    board = web.store.snap(snap_id).board
    assert board is not None and len(board.notes) == count - 1
    assert not any("status page" in n.text for n in board.notes)


def test_an_unread_note_shows_its_crop_to_be_typed_and_survives_other_edits(
    read_board: tuple[Web, int],
) -> None:
    web, snap_id = read_board
    notes = web.client.get(f"/api/snaps/{snap_id}").json()["notes"]
    unread = {**notes[0], "text": "", "confidence": 0.0, "section": "action_items"}
    web.api("PUT", f"/api/snaps/{snap_id}/notes", json={"notes": [*notes, unread]})
    index = len(notes)
    try:
        page = web.client.get(f"/snap/{snap_id}/board").text
        block = page.split(f'id="note-{index}"')[1].split('class="note-tools"')[0]
        assert "Unread note: nothing on it could be read; type what it says" in block
        assert f"/snap/{snap_id}/notes/{index}/crop.jpg" in block
        assert web.client.get(f"/snap/{snap_id}/notes/{index}/crop.jpg").status_code == 200

        form = _form_of(web, snap_id)
        form["text"][0] = form["text"][0] + " (checked)"
        web.post_form(f"/snap/{snap_id}/board", {**form, "op": "save"})
        board = web.store.snap(snap_id).board
        assert board is not None and len(board.notes) == index + 1 and board.notes[index].text == ""
    finally:
        web.api("PUT", f"/api/snaps/{snap_id}/notes", json={"notes": notes})


def test_a_stale_form_is_refused_in_one_sentence(read_board: tuple[Web, int]) -> None:
    web, snap_id = read_board

    response = web.post_form(f"/snap/{snap_id}/board", {"text": ["only one"], "section": ["timeline"]})

    assert response.status_code == 400
    assert "The notes changed since this page was loaded" in response.text


def test_a_photo_being_read_when_the_server_stopped_is_read_after_a_restart(
    tmp_path: Path, reader: PhotoReader
) -> None:
    blank = io.BytesIO()
    Image.new("RGB", (1200, 900), (245, 245, 242)).save(blank, format="JPEG")
    with running_app(tmp_path, reader=reader) as web:
        snap_id = web.upload(blank.getvalue(), filename="blank.jpg").headers["location"].rsplit("/", 1)[1]
        assert web.store.claim_snap() is not None  # the worker took it, then the server died
    with running_app(tmp_path, reader=reader) as web:
        assert web.store.snap(int(snap_id)).status is SnapStatus.QUEUED  # put back on start
        web.queue.drain()
        failed = web.client.get(f"/snap/{snap_id}")

    assert "blank.jpg shows a blank board" in failed.text
    assert 'http-equiv="refresh"' not in failed.text


def test_a_reading_corrected_in_review_is_corrected_again_on_the_next_photo(web: Web) -> None:
    first = _uploaded(web)
    form = _form_of(web, first)
    index = _note_index(web, first, OWNERLESS)
    form["text"][index] = f"{OWNERLESS} @raj by 12/11"
    assert web.post_form(f"/snap/{first}/board", {**form, "op": "save"}).status_code == 303

    again = _uploaded(web)

    board = web.store.snap(again).board
    assert board is not None
    assert [n.text for n in board.notes if n.corrected == "team"] == [f"{OWNERLESS} @raj by 12/11"]
    note = board.notes[_note_index(web, again, OWNERLESS)]
    assert (note.text, note.corrected, note.confidence) == (f"{OWNERLESS} @raj by 12/11", "team", 1.0)
    assert note.read_as is not None and note.read_as.startswith(OWNERLESS)
    review = web.client.get(f"/snap/{again}/board").text.replace("&#39;", "'")
    assert "Corrected as the team corrected this reading in an earlier review; the engine read" in review
    drafted = web.post_form(f"/snap/{again}/board", {**_form_of(web, again), "op": "draft"})
    document = web.client.get(drafted.headers["location"].split("?")[0]).text
    assert "corrected as the team corrected the same reading in an earlier review" in document


def _uploaded(web: Web) -> int:
    response = web.upload(EXAMPLE_PHOTO.read_bytes(), filename="checkout-outage.jpg")
    web.queue.drain()
    return int(response.headers["location"].rsplit("/", 1)[1])


def test_a_photo_job_reads_with_the_words_the_archive_has_when_it_runs(tmp_path: Path) -> None:
    blank = io.BytesIO()
    Image.new("RGB", (1200, 900), (245, 245, 242)).save(blank, format="JPEG")
    # the engine read 'pgbouncr', giving a missing 'e' a fair chance between the 'c' and the 'r'
    bouncer = steps([f for c in "pgbounc" for f in ({c: 0.95}, {})] + [{"e": 0.4}, {"r": 0.95}])
    vision = ScriptedVision(
        [
            TextLine("Action items", 0.99, (50, 40, 300, 90)),
            TextLine("pgbouncr", 0.3, (60, 150, 500, 190), steps=bouncer),
        ]
    )
    with running_app(tmp_path, reader=PhotoReader(vision)) as web:
        before = web.upload(blank.getvalue(), filename="before.jpg")
        web.queue.drain()
        web.store.save(PostMortem(title="Pool exhausted", tags=("PgBouncer",)), actor="tester")
        after = web.upload(blank.getvalue(), filename="after.jpg")
        web.queue.drain()
        texts = [
            [n.text for n in web.store.snap(int(r.headers["location"].rsplit("/", 1)[1])).board.notes]  # type: ignore[union-attr]
            for r in (before, after)
        ]

    assert texts == [["pgbouncr"], ["PgBouncer"]]
