"""Snaps: board photos uploaded to be read by a worker, kept with the job's state so that nothing is lost.

The photo is stored as a blob when it is uploaded, before any work, so a reload, a crash or a restart of
the server loses neither the photo nor the job: `requeue_running` puts back what a dead worker held.
`claim` hands each queued snap to exactly one worker (an UPDATE that only succeeds from 'queued') and
counts the attempt. The attempt number is the claim's fence: `finish`, `fail` and `release` given
`attempt=` change the row only while it is still running under that attempt, so a worker presumed dead
(whose snap was taken again, with a higher attempt) cannot overwrite the later result.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from afterboard.board import Board
from afterboard.errors import NotFoundError, StoreError
from afterboard.store import schema as t
from afterboard.store.access import visible
from afterboard.store.files import get_blob, put_blob
from afterboard.store.records import Snap, SnapStatus, Viewer

MAX_ATTEMPTS = 3
"""A photo whose reading killed the worker (or raised) this many times is failed, not retried forever."""

STOPPED_WORKERS = "Reading this photo stopped the worker several times; try a smaller or sharper photo."


def create(
    conn: Connection,
    photo: bytes,
    *,
    filename: str,
    kind: str | None,
    today: dt.date | None,
    actor: str | None,
    now: dt.datetime,
) -> Snap:
    digest = put_blob(conn, photo)
    snap_id = conn.execute(
        sa.insert(t.snaps)
        .values(
            status=SnapStatus.QUEUED.value,
            filename=filename,
            photo_sha256=digest,
            kind=kind,
            today=today,
            actor=actor,
            created_at=now,
            updated_at=now,
        )
        .returning(t.snaps.c.id)
    ).scalar_one()
    return get(conn, snap_id)


def get(conn: Connection, snap_id: int, viewer: Viewer | None = None) -> Snap:
    """The snap, if `viewer` may see it: its uploader until it is drafted, then whoever sees the draft."""
    row = conn.execute(sa.select(t.snaps).where(t.snaps.c.id == snap_id, _visible(viewer))).first()
    if row is None:
        raise NotFoundError(f"There is no snap {snap_id}; upload the photo again.")
    return _snap(row._asdict())


def _visible(viewer: Viewer | None) -> sa.ColumnElement[bool]:
    if viewer is None or viewer.is_admin:
        return sa.true()
    s = t.snaps
    mine = s.c.postmortem_id.is_(None) & (s.c.actor == viewer.name)
    return sa.or_(mine, visible(viewer, s.c.postmortem_id))


def for_postmortem(conn: Connection, postmortem_id: int, viewer: Viewer | None = None) -> Snap | None:
    """The latest snap a post-mortem was drafted from, if it was drafted from a photo (and visible)."""
    row = conn.execute(
        sa.select(t.snaps)
        .where(t.snaps.c.postmortem_id == postmortem_id, _visible(viewer))
        .order_by(t.snaps.c.id.desc())
    ).first()
    return None if row is None else _snap(row._asdict())


def claim(conn: Connection, *, now: dt.datetime, snap_id: int | None = None) -> Snap | None:
    """Mark the oldest queued snap (or `snap_id`, if still queued) running and return it; None if none."""
    query = sa.select(t.snaps.c.id).where(t.snaps.c.status == SnapStatus.QUEUED.value)
    if snap_id is not None:
        query = query.where(t.snaps.c.id == snap_id)
    for candidate in conn.execute(query.order_by(t.snaps.c.id).limit(5)).scalars():
        taken = conn.execute(
            sa.update(t.snaps)
            .where(t.snaps.c.id == candidate, t.snaps.c.status == SnapStatus.QUEUED.value)
            .values(status=SnapStatus.RUNNING.value, attempts=t.snaps.c.attempts + 1, updated_at=now)
        )
        if taken.rowcount == 1:
            return get(conn, candidate)
    return None


class ClaimLostError(StoreError):
    """The worker's claim on a snap is no longer current: another attempt took it, or it was settled."""


def finish(
    conn: Connection,
    snap_id: int,
    board: Board,
    annotated: bytes,
    *,
    now: dt.datetime,
    attempt: int | None = None,
) -> Snap:
    digest = put_blob(conn, annotated)
    _update(
        conn,
        snap_id,
        attempt,
        status=SnapStatus.DONE.value,
        board=board.model_dump_json(),
        annotated_sha256=digest,
        error=None,
        updated_at=now,
    )
    return get(conn, snap_id)


def fail(conn: Connection, snap_id: int, error: str, *, now: dt.datetime, attempt: int | None = None) -> Snap:
    _update(conn, snap_id, attempt, status=SnapStatus.FAILED.value, error=error, updated_at=now)
    return get(conn, snap_id)


def release(conn: Connection, snap_id: int, *, now: dt.datetime, attempt: int) -> Snap:
    """Put a snap running under `attempt` back in the queue, to be tried again (else ClaimLostError)."""
    _update(conn, snap_id, attempt, status=SnapStatus.QUEUED.value, updated_at=now)
    return get(conn, snap_id)


def settle_stalled(conn: Connection, snap_id: int, *, now: dt.datetime, attempt: int | None = None) -> Snap:
    """A running snap whose worker died: queued again, or failed once it has stopped workers too often.

    With `attempt`, only while it is still running under that attempt (a later claim is left alone)."""
    snap = get(conn, snap_id)
    if snap.status is not SnapStatus.RUNNING or attempt not in (None, snap.attempts):
        return snap
    if snap.attempts >= MAX_ATTEMPTS:
        return fail(conn, snap_id, STOPPED_WORKERS, now=now, attempt=snap.attempts)
    return release(conn, snap_id, now=now, attempt=snap.attempts)


def set_board(conn: Connection, snap_id: int, board: Board, *, now: dt.datetime) -> Snap:
    """Keep a person's corrections to the notes that were read."""
    if get(conn, snap_id).status is not SnapStatus.DONE:
        raise StoreError(f"Snap {snap_id} has not been read yet; its notes can be edited once it has.")
    _update(conn, snap_id, None, board=board.model_dump_json(), updated_at=now)
    return get(conn, snap_id)


class SnapDraftedError(StoreError):
    """The snap was drafted (linked to a post-mortem) by someone else first; this draft is not kept."""


def link(conn: Connection, snap_id: int, postmortem_id: int, *, now: dt.datetime) -> Snap:
    """Link the snap to the post-mortem drafted from it, only if it has none yet (else SnapDraftedError).

    The UPDATE is the claim: run in the transaction that saved the draft, two drafts of one snap at once
    (a double click, two people) keep one post-mortem, and the other transaction is rolled back whole.
    """
    s = t.snaps
    claimed = conn.execute(
        sa.update(s)
        .where(s.c.id == snap_id, s.c.postmortem_id.is_(None) | (s.c.postmortem_id == postmortem_id))
        .values(postmortem_id=postmortem_id, updated_at=now)
    )
    if claimed.rowcount == 1:
        return get(conn, snap_id)
    current = get(conn, snap_id)  # NotFoundError when there is no such snap at all
    raise SnapDraftedError(
        f"Snap {snap_id} was drafted a moment ago as post-mortem {current.postmortem_id}; "
        "open that one to continue."
    )


def requeue_running(conn: Connection, *, now: dt.datetime) -> int:
    """Put back the snaps a stopped worker was reading (failing those tried too often); how many."""
    running = t.snaps.c.status == SnapStatus.RUNNING.value
    conn.execute(
        sa.update(t.snaps)
        .where(running, t.snaps.c.attempts >= MAX_ATTEMPTS)
        .values(
            status=SnapStatus.FAILED.value,
            error=STOPPED_WORKERS,
            updated_at=now,
        )
    )
    result = conn.execute(
        sa.update(t.snaps).where(running).values(status=SnapStatus.QUEUED.value, updated_at=now)
    )
    return int(result.rowcount)


def photo(conn: Connection, snap: Snap) -> bytes:
    return get_blob(conn, snap.photo_sha256, what=f"photo of snap {snap.id}")


def annotated(conn: Connection, snap: Snap) -> bytes:
    if snap.annotated_sha256 is None:
        raise NotFoundError(f"Snap {snap.id} has no annotated photo yet; it is made when the photo is read.")
    return get_blob(conn, snap.annotated_sha256, what=f"annotated photo of snap {snap.id}")


def _update(conn: Connection, snap_id: int, attempt: int | None, **values: object) -> None:
    """Change the row; with `attempt`, only while it is running under that claim (the fence)."""
    query = sa.update(t.snaps).where(t.snaps.c.id == snap_id)
    if attempt is not None:
        query = query.where(t.snaps.c.status == SnapStatus.RUNNING.value, t.snaps.c.attempts == attempt)
    if conn.execute(query.values(**values)).rowcount == 1:
        return
    current = get(conn, snap_id)  # NotFoundError when there is no such snap at all
    raise ClaimLostError(
        f"Snap {snap_id} is {current.status.value} at attempt {current.attempts}, no longer held by "
        f"attempt {attempt}; that attempt's result is dropped."
    )


def _snap(row: dict[str, object]) -> Snap:
    board = row.pop("board")
    return Snap.model_validate(
        {**row, "board": Board.model_validate_json(board) if isinstance(board, str) else None}
    )
