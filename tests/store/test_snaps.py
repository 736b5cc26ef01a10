"""Snaps: an uploaded photo is kept before it is read, each queued snap goes to one worker, a stopped worker's
snap is queued again, and a person's corrections to the notes are kept."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import TypeVar, cast

import pytest

from afterboard.board import Board, Note
from afterboard.errors import NotFoundError, StoreError
from afterboard.settings import Settings
from afterboard.store.records import SnapStatus
from afterboard.store.snaps import MAX_ATTEMPTS, ClaimLostError, SnapDraftedError
from afterboard.store.store import Store
from afterboard.web.deps import Context
from afterboard.web.jobs import JobQueue
from afterboard.web.options import WebOptions
from afterboard.web.snapping import draft_from_snap
from store.store_factory import make_pm

PHOTO = b"\xff\xd8\xff" + bytes(range(256)) * 16
BOARD = Board(notes=(Note(text="09:12 deploy", section="timeline", confidence=0.4),), title="Outage")


def test_an_upload_is_kept_queued_with_its_photo(store: Store) -> None:
    snap = store.add_snap(PHOTO, filename="board.jpg", kind="incident", today=dt.date(2026, 11, 27))

    again = store.snap(snap.id)
    assert (again.status, again.filename, again.kind, again.today) == (
        SnapStatus.QUEUED,
        "board.jpg",
        "incident",
        dt.date(2026, 11, 27),
    )
    assert store.snap_photo(again) == PHOTO


def test_each_queued_snap_is_claimed_once_oldest_first(store: Store) -> None:
    first = store.add_snap(PHOTO, filename="a.jpg")
    second = store.add_snap(PHOTO, filename="b.jpg")

    claimed = [store.claim_snap(), store.claim_snap(), store.claim_snap()]

    assert [c.id if c else None for c in claimed] == [first.id, second.id, None]
    assert all(c is not None and c.status is SnapStatus.RUNNING and c.attempts == 1 for c in claimed[:2])


def test_a_snap_finished_keeps_its_board_and_annotated_photo(store: Store) -> None:
    snap = store.add_snap(PHOTO, filename="a.jpg")
    store.claim_snap(snap.id)

    done = store.finish_snap(snap.id, BOARD, b"annotated")

    assert done.status is SnapStatus.DONE
    assert done.board == BOARD
    assert store.snap_photo(done, annotated=True) == b"annotated"


def test_corrected_notes_replace_the_board_read(store: Store) -> None:
    snap = store.add_snap(PHOTO, filename="a.jpg")
    with pytest.raises(StoreError, match="has not been read yet"):
        store.set_snap_board(snap.id, BOARD)
    store.claim_snap(snap.id)
    store.finish_snap(snap.id, BOARD, b"annotated")
    fixed = Board(notes=(Note(text="09:12 deploy v2.3", section="timeline", confidence=1.0),))

    assert store.set_snap_board(snap.id, fixed).board == fixed


def test_a_failed_snap_keeps_its_sentence(store: Store) -> None:
    snap = store.add_snap(PHOTO, filename="a.jpg")
    store.claim_snap(snap.id)

    failed = store.fail_snap(snap.id, "a.jpg: no text found.")

    assert (failed.status, failed.error) == (SnapStatus.FAILED, "a.jpg: no text found.")


def test_a_stopped_workers_snaps_are_queued_again_until_tried_too_often(store: Store) -> None:
    snap = store.add_snap(PHOTO, filename="a.jpg")
    for attempt in range(1, 4):
        assert store.claim_snap() is not None
        assert store.requeue_snaps() == (1 if attempt < 3 else 0)

    final = store.snap(snap.id)
    assert final.status is SnapStatus.FAILED
    assert final.error is not None and "stopped the worker" in final.error


def test_a_snap_links_to_the_postmortem_drafted_from_it(store: Store) -> None:
    snap = store.add_snap(PHOTO, filename="a.jpg")
    saved = store.save(make_pm())

    store.link_snap(snap.id, saved.id)

    assert store.snap_for(saved.id) == store.snap(snap.id)
    assert store.snap_for(saved.id + 1) is None


def test_an_unknown_snap_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no snap 99"):
        store.snap(99)


def test_a_claim_presumed_dead_cannot_overwrite_the_result_of_the_attempt_that_took_over(
    store: Store,
) -> None:
    snap = store.add_snap(PHOTO, filename="a.jpg")
    presumed_dead = store.claim_snap(snap.id)
    assert presumed_dead is not None
    assert store.settle_stalled_snap(snap.id).status is SnapStatus.QUEUED  # its worker stopped answering
    taken_over = store.claim_snap(snap.id)
    assert taken_over is not None and taken_over.attempts == 2
    store.finish_snap(snap.id, BOARD, b"annotated", attempt=taken_over.attempts)

    late = Board(notes=(Note(text="a stale reading"),))
    with pytest.raises(ClaimLostError, match="no longer held by attempt 1"):
        store.finish_snap(snap.id, late, b"stale", attempt=presumed_dead.attempts)
    with pytest.raises(ClaimLostError):
        store.fail_snap(snap.id, "stale failure", attempt=presumed_dead.attempts)
    with pytest.raises(ClaimLostError):
        store.release_snap(snap.id, attempt=taken_over.attempts)  # settled: nothing to put back

    kept = store.snap(snap.id)
    assert (kept.status, kept.board) == (SnapStatus.DONE, BOARD)


def test_a_snap_whose_worker_died_too_often_is_failed_rather_than_queued_again(store: Store) -> None:
    snap = store.add_snap(PHOTO, filename="a.jpg")
    for _ in range(MAX_ATTEMPTS):
        assert store.claim_snap(snap.id) is not None
        settled = store.settle_stalled_snap(snap.id)

    assert settled.status is SnapStatus.FAILED
    assert settled.error is not None and "stopped the worker" in settled.error
    assert store.settle_stalled_snap(snap.id) == settled  # a settled snap is left as it is


T = TypeVar("T")


def _at_once(work: Callable[[], T], *, before: Callable[[], object] = lambda: None) -> list[T | Exception]:
    """Run `work` in two threads that start it together, each after its own `before`; both outcomes."""
    start = threading.Barrier(2)
    outcomes: list[T | Exception] = []

    def run() -> None:
        before()
        start.wait()
        try:
            outcomes.append(work())
        except Exception as exc:  # the outcome under test
            outcomes.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _read_snap(store: Store) -> int:
    snap = store.add_snap(PHOTO, filename="board.jpg", kind="incident")
    claimed = store.claim_snap(snap.id)
    assert claimed is not None
    store.finish_snap(snap.id, BOARD, b"annotated", attempt=claimed.attempts)
    return snap.id


def test_two_drafts_of_one_snap_at_once_keep_one_postmortem_and_the_other_is_told_in_a_sentence(
    store: Store,
) -> None:
    snap_id = _read_snap(store)

    outcomes = _at_once(lambda: store.draft_snap(snap_id, make_pm(), message="drafted from board.jpg"))

    kept = [o for o in outcomes if not isinstance(o, Exception)]
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(kept) == 1 and len(refused) == 1, outcomes
    assert isinstance(refused[0], SnapDraftedError)
    assert str(refused[0]) == (
        f"Snap {snap_id} was drafted a moment ago as post-mortem {kept[0].id}; open that one to continue."
    )
    assert [h.id for h in store.search("", limit=50)] == [kept[0].id]  # the refused draft left nothing
    assert store.snap(snap_id).postmortem_id == kept[0].id
    assert [a.role for a in store.attachments(kept[0].id)] == ["photo", "annotated"]


def test_a_double_click_on_draft_makes_one_postmortem_and_both_clicks_open_it(store: Store) -> None:
    snap_id = _read_snap(store)
    ctx = Context(
        settings=Settings(),
        store=store,
        queue=cast(JobQueue, None),  # drafting queues nothing
        options=WebOptions(store=store),
    )
    seen = threading.local()

    # each click read the snap (not yet drafted) before either drafted, as two requests do
    outcomes = _at_once(
        lambda: draft_from_snap(ctx, seen.snap),
        before=lambda: setattr(seen, "snap", store.snap(snap_id)),
    )

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    drafted = {o.id for o in outcomes if not isinstance(o, Exception)}
    assert len(drafted) == 1 and [h.id for h in store.search("", limit=50)] == list(drafted)
    assert store.snap(snap_id).postmortem_id in drafted
    assert sorted(o.changed for o in outcomes if not isinstance(o, Exception)) == [False, True]
    assert store.get(drafted.pop()).revision == 1  # the same board again adds no revision


def test_a_snap_drafted_already_is_not_linked_to_another_postmortem(store: Store) -> None:
    snap_id = _read_snap(store)
    first, other = store.save(make_pm()), store.save(make_pm())
    store.link_snap(snap_id, first.id)
    store.link_snap(snap_id, first.id)  # linking it again to the same one is harmless

    with pytest.raises(SnapDraftedError, match=f"drafted a moment ago as post-mortem {first.id}"):
        store.link_snap(snap_id, other.id)
    assert store.snap(snap_id).postmortem_id == first.id
