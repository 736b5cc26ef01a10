"""Status changes: draft → in review → published, each with who and when; publishing sets `published_at`."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from afterboard.errors import NotFoundError, StoreError
from afterboard.postmortem import Status
from afterboard.store import schema as t
from afterboard.store.records import StatusChange

ALLOWED: dict[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.IN_REVIEW, Status.PUBLISHED}),
    Status.IN_REVIEW: frozenset({Status.DRAFT, Status.PUBLISHED}),
    Status.PUBLISHED: frozenset({Status.IN_REVIEW}),
}
"""Review may be skipped; a published post-mortem may go back to review (to be corrected and published
again), but never becomes a draft again: others have read it."""


def set_status(
    conn: Connection, postmortem_id: int, status: Status, *, actor: str | None, now: dt.datetime
) -> StatusChange:
    p = t.postmortems
    row = conn.execute(
        sa.select(p.c.status, p.c.published_at).where(p.c.id == postmortem_id).with_for_update()
    ).first()
    if row is None:
        raise NotFoundError(f"There is no post-mortem {postmortem_id} in the archive.")
    current = Status(row.status)
    if status is current:
        raise StoreError(f"Post-mortem {postmortem_id} is already {_label(status)}.")
    if status not in ALLOWED[current]:
        raise StoreError(
            f"Post-mortem {postmortem_id} is {_label(current)} and cannot become {_label(status)}; "
            f"it can become {' or '.join(sorted(_label(s) for s in ALLOWED[current]))}."
        )
    values: dict[str, object] = {"status": status, "updated_at": now}
    if status is Status.PUBLISHED and row.published_at is None:
        values["published_at"] = now
    conn.execute(sa.update(p).where(p.c.id == postmortem_id).values(**values))
    change = {
        "postmortem_id": postmortem_id,
        "from_status": current,
        "to_status": status,
        "actor": actor,
        "at": now,
    }
    conn.execute(sa.insert(t.status_changes).values(**change))
    return StatusChange(from_status=current, to_status=status, actor=actor, at=now)


def status_history(conn: Connection, postmortem_id: int) -> list[StatusChange]:
    s = t.status_changes
    rows = conn.execute(
        sa.select(s.c.from_status, s.c.to_status, s.c.actor, s.c.at)
        .where(s.c.postmortem_id == postmortem_id)
        .order_by(s.c.id)  # the order they were recorded in (an import may back-date one)
    )
    return [StatusChange.model_validate(row._asdict()) for row in rows]


def _label(status: Status) -> str:
    return status.value.replace("_", " ")
