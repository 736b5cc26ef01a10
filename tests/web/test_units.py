"""The web's pure pieces: note corrections, the publication clock, the action rows, the charts, uploads."""

from __future__ import annotations

import datetime as dt

import pytest

from afterboard.board import Board, Note
from afterboard.errors import InputError
from afterboard.policy import Policy
from afterboard.postmortem import ActionItem, PostMortem, Status
from afterboard.store.records import Stored
from afterboard.web.charts import bar_chart
from afterboard.web.documents import ActionRow, preview_html, publication_clock, with_action_rows
from afterboard.web.notes import api_edits, apply_edits, grouped, operate
from afterboard.web.uploads import detect_type, display_name

BOARD = Board(
    notes=(
        Note(text="09:12 deploy\n09:20 errors", section="timeline", confidence=0.5, box=(0, 0, 10, 10)),
        Note(text="Fast rollback", section="went_well", confidence=0.9, box=(20, 0, 30, 10)),
        Note(text="Runbook up to date", section="went_well", confidence=0.4, box=(20, 20, 40, 30)),
    )
)
RESOLVED = dt.datetime(2026, 11, 20, 10, 30, tzinfo=dt.UTC)


def _stored(
    status: Status = Status.DRAFT,
    published: dt.datetime | None = None,
    resolved: dt.datetime | None = RESOLVED,
) -> Stored:
    now = dt.datetime(2026, 11, 21, tzinfo=dt.UTC)
    return Stored(
        id=1,
        revision=1,
        latest_revision=1,
        status=status,
        visibility="team",
        created_at=now,
        updated_at=now,
        published_at=published,
        postmortem=PostMortem(title="t", resolved_at=resolved),
    )


def test_an_edited_note_is_confirmed_and_a_moved_one_loses_its_header() -> None:
    edited = apply_edits(
        BOARD,
        ["0", "1", "2"],
        ["09:12 deploy v2.3\n09:20 errors", "Fast rollback", ""],
        ["timeline", "lessons_learned", "went_well"],
    )

    assert [n.text for n in edited.notes] == [
        "09:12 deploy v2.3\n09:20 errors",
        "Fast rollback",
    ]  # emptied: gone
    assert edited.notes[0].confidence == 1.0 and edited.notes[1].confidence == 0.9
    assert edited.notes[1].section == "lessons_learned"


def test_the_form_in_the_pages_order_edits_each_note_by_its_index_and_keeps_its_box_and_reading() -> None:
    # the page shows notes by section; the board keeps them in the order they were read
    edited = apply_edits(
        BOARD,
        ["2", "0", "1"],
        ["Runbook up to date", "09:12 deploy\n09:20 errors", "Fast rollback in 4 min"],
        ["went_well", "timeline", "went_well"],
    )

    assert [(n.text, n.box, n.read_as) for n in edited.notes] == [
        ("09:12 deploy\n09:20 errors", (0, 0, 10, 10), None),
        ("Fast rollback in 4 min", (20, 0, 30, 10), "Fast rollback"),
        ("Runbook up to date", (20, 20, 40, 30), None),
    ]


def test_a_form_without_every_notes_index_is_stale() -> None:
    with pytest.raises(InputError, match="reload it"):
        apply_edits(BOARD, ["0", "0", "1"], ["a", "b", "c"], ["", "", ""])


def test_notes_sent_through_the_api_are_kept_as_the_form_keeps_them() -> None:
    read = Board(
        notes=(
            Note(text="Fast rolback", source="b.jpg#note-1"),
            Note(
                text="Runbook up to date",
                source="b.jpg#note-2",
                read_as="Runbook up to dote",
                corrected="review",
            ),
        )
    )
    sent = [
        Note(text="Fast rollback", source="b.jpg#note-1"),
        Note(text="Runbook up to date", source="b.jpg#note-2"),
    ]

    kept = api_edits(read, sent)

    assert [(n.text, n.read_as, n.corrected) for n in kept.notes] == [
        ("Fast rollback", "Fast rolback", "review"),
        ("Runbook up to date", "Runbook up to dote", "review"),
    ]


def test_split_merge_delete_confirm() -> None:
    split = operate(BOARD, "split:0")
    merged = operate(BOARD, "merge:1")
    confirmed = operate(BOARD, "confirm:2")

    assert [n.text for n in split.notes[:2]] == ["09:12 deploy", "09:20 errors"]
    assert merged.notes[1].text == "Fast rollback Runbook up to date"
    assert merged.notes[1].confidence == 0.4 and merged.notes[1].box == (20, 0, 40, 30)
    assert len(operate(BOARD, "delete:1").notes) == 2
    assert confirmed.notes[2].confidence == 1.0


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        ("split:1", "This note is one line"),
        ("merge:2", "the last note of its section"),
        ("explode:1", "is not something that can be done"),
        ("delete:9", "is not something that can be done"),
    ],
)
def test_operations_that_cannot_apply_say_why(operation: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        operate(BOARD, operation)


def test_notes_are_grouped_in_the_drafts_order() -> None:
    assert [(key, [i for i, _ in notes]) for key, _, notes in grouped(BOARD)] == [
        ("timeline", [0]),
        ("went_well", [1, 2]),
    ]


@pytest.mark.parametrize(
    ("stored", "now", "state", "text"),
    [
        (_stored(), dt.datetime(2026, 11, 21, 10, 30, tzinfo=dt.UTC), "on_time", "Publish within 2 d"),
        (_stored(), dt.datetime(2026, 11, 23, 0, 0, tzinfo=dt.UTC), "late", "Publish within 10 h 30 min"),
        (
            _stored(),
            dt.datetime(2026, 11, 24, 10, 30, tzinfo=dt.UTC),
            "overdue",
            "Not published: 1 d past the deadline.",
        ),
        (
            _stored(Status.PUBLISHED, dt.datetime(2026, 11, 21, 10, 30, tzinfo=dt.UTC)),
            None,
            "published",
            "Published 1 d after resolution, on time.",
        ),
        (
            _stored(Status.PUBLISHED, dt.datetime(2026, 11, 25, 10, 30, tzinfo=dt.UTC)),
            None,
            "late",
            "Published 5 d after resolution, after the deadline.",
        ),
        (_stored(resolved=None), None, "none", "No publication clock"),
    ],
)
def test_the_publication_clock(stored: Stored, now: dt.datetime | None, state: str, text: str) -> None:
    clock = publication_clock(stored, Policy(), now or dt.datetime(2026, 12, 1, tzinfo=dt.UTC))

    assert clock.state == state and clock.text.startswith(text)


def test_action_rows_keep_what_they_do_not_change_and_refuse_bad_dates() -> None:
    pm = PostMortem(
        action_items=(ActionItem(text="Add canary", owner="sam", due_text="next sprint", source="n:3"),)
    )

    updated = with_action_rows(
        pm, [ActionRow("Add canary", "@ana", "2026-12-05", "in_progress"), ActionRow("", "", "", "open")]
    )

    item = updated.action_items[0]
    assert (item.owner, item.due, item.status.value, item.source) == (
        "ana",
        dt.date(2026, 12, 5),
        "in_progress",
        "n:3",
    )
    assert len(updated.action_items) == 1
    with pytest.raises(InputError, match="is not a date"):
        with_action_rows(pm, [ActionRow("Add canary", "", "05/12", "open")])


def test_bars_scale_to_the_largest_value() -> None:
    chart = bar_chart("By month", {"2026-10": 1, "2026-11": 4, "2026-12": 0})

    assert [b.width for b in chart.bars] == [round(chart.bar_room / 4), chart.bar_room, 0]
    assert chart.height == 3 * 26 + 8


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\xff\xd8\xff\xe0", "jpg"),
        (b"\x89PNG\r\n\x1a\n", "png"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
        (b"\x00\x00\x00\x18ftypheic", "heic"),
        (b"GIF89a", None),
        (b"%PDF-1.7", None),
    ],
)
def test_the_type_comes_from_the_bytes(head: bytes, kind: str | None) -> None:
    assert detect_type(head + b"\x00" * 16) == kind


def test_a_missing_or_unsafe_name_becomes_something_to_show() -> None:
    assert [display_name(n) for n in (None, "", "...", "a/b/ok.jpg", "x" * 200 + ".jpg")] == [
        "photo",
        "photo",
        "photo",
        "ok.jpg",
        "x" * 80,
    ]


def test_the_page_keeps_dates_and_times_in_table_cells_whole_and_marks_the_title_block() -> None:
    html = preview_html(
        "| | |\n|---|---|\n| **Date** | 2026-11-21 |\n\n"
        "| Time | Event |\n|---|---|\n| 09:12 | deploy on 2026-11-20 at 09:12:30 |\n\n"
        'Not in a table: 2026-11-21. Typed: <span class="nowrap">x</span>\n'
    )
    assert '<table class="keys">' in html and html.count("<table>") == 1  # only the title block stacks
    assert '<td><span class="nowrap">2026-11-21</span></td>' in html
    assert (
        '<span class="nowrap">09:12:30</span>' in html
        and '<td><span class="nowrap">09:12</span></td>' in html
    )
    assert "Not in a table: 2026-11-21." in html
    assert "&lt;span" in html  # what a document says is text, never markup
