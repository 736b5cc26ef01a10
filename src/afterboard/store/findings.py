"""The findings of the last check of a post-mortem, kept as data beside the revision they were made on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from afterboard.checks.finding import Finding, Severity
from afterboard.errors import NotFoundError
from afterboard.store import schema as t
from afterboard.store.records import CheckRecord


def record(
    conn: Connection, postmortem_id: int, found: Sequence[Finding], *, revision: int | None, now: dt.datetime
) -> CheckRecord:
    """Replace the stored findings with `found` (the last check is the one that counts)."""
    current = conn.execute(
        sa.select(t.postmortems.c.current_revision).where(t.postmortems.c.id == postmortem_id)
    ).scalar_one_or_none()
    if current is None:
        raise NotFoundError(f"There is no post-mortem {postmortem_id} in the archive.")
    number = current if revision is None else revision
    for table in (t.findings, t.checks):
        conn.execute(sa.delete(table).where(table.c.postmortem_id == postmortem_id))
    conn.execute(sa.insert(t.checks).values(postmortem_id=postmortem_id, revision=number, checked_at=now))
    rows = [
        {
            "postmortem_id": postmortem_id,
            "rule": f.rule,
            "severity": f.severity,
            "message": f.message,
            "fix": f.fix,
            "location": f.where,
            "line": f.line,
        }
        for f in found
    ]
    if rows:
        conn.execute(sa.insert(t.findings), rows)
    return CheckRecord(revision=number, checked_at=now, findings=tuple(found))


def last(conn: Connection, postmortem_id: int) -> CheckRecord | None:
    """The last check's findings, or None when the post-mortem was never checked."""
    check = conn.execute(sa.select(t.checks).where(t.checks.c.postmortem_id == postmortem_id)).first()
    if check is None:
        return None
    f = t.findings
    rows = conn.execute(sa.select(f).where(f.c.postmortem_id == postmortem_id).order_by(f.c.id)).all()
    found = tuple(
        Finding(
            rule=r.rule,
            severity=Severity(r.severity),
            message=r.message,
            fix=r.fix,
            where=r.location,
            line=r.line,
        )
        for r in rows
    )
    return CheckRecord(revision=check.revision, checked_at=check.checked_at, findings=found)
