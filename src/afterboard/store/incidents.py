"""Incidents as the on-call tool knew them: the record `afterboard due` checks for a missing post-mortem.

An incident is a reference (the on-call tool's id, e.g. 'INC-142' or a PagerDuty incident number) with what
policy needs to decide whether a post-mortem was required: how long it lasted, the share of users affected
and whether on-call was paged, plus when it was resolved (which starts the publication clock). Saving a
post-mortem with `--incident REF` links the two; an incident that required one and has none is "missing".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from afterboard.errors import NotFoundError, PermissionDeniedError
from afterboard.store import schema as t
from afterboard.store.access import require, visible
from afterboard.store.records import Incident, Viewer


def record_incident(
    conn: Connection,
    values: dict[str, Any],
    *,
    actor: str | None,
    now: dt.datetime,
    viewer: Viewer | None = None,
) -> Incident:
    """Add an incident, or update the one with the same `ref` (importing the same list twice is harmless).

    `viewer` may link it only to a post-mortem they may see, and may not change an incident recorded for
    one they may not."""
    values = {k: v for k, v in values.items() if k in Incident.model_fields and k != "id"}
    if values.get("postmortem_id") is not None:
        require(conn, viewer, values["postmortem_id"])
    i = t.incidents
    existing = _existing(conn, values["ref"], viewer)
    if existing is None:
        conn.execute(sa.insert(i).values(**values, actor=actor, created_at=now))
    else:
        update = {k: v for k, v in values.items() if v is not None}
        conn.execute(sa.update(i).where(i.c.id == existing).values(**update, actor=actor))
    return get_incident(conn, values["ref"], viewer=viewer)


def link(
    conn: Connection, ref: str, postmortem_id: int, *, now: dt.datetime, viewer: Viewer | None = None
) -> Incident:
    """Mark incident `ref` as covered by post-mortem `postmortem_id` (recording the incident if new)."""
    require(conn, viewer, postmortem_id)
    i = t.incidents
    existing = _existing(conn, ref, viewer)
    if existing is not None:
        conn.execute(sa.update(i).where(i.c.id == existing).values(postmortem_id=postmortem_id))
    else:
        p = t.postmortems
        pm = conn.execute(
            sa.select(p.c.started_at, p.c.resolved_at, p.c.title).where(p.c.id == postmortem_id)
        ).one()
        conn.execute(
            sa.insert(i).values(
                ref=ref,
                title=pm.title,
                started_at=pm.started_at,
                resolved_at=pm.resolved_at,
                postmortem_id=postmortem_id,
                created_at=now,
            )
        )
    return get_incident(conn, ref, viewer=viewer)


def get_incident(conn: Connection, ref: str, *, viewer: Viewer | None = None) -> Incident:
    """Incident `ref`, unless it was recorded for a post-mortem `viewer` may not see (then it is missing)."""
    i = t.incidents
    row = conn.execute(sa.select(i).where(i.c.ref == ref, _seen(viewer))).first()
    if row is None:
        raise NotFoundError(f"There is no incident '{ref}' in the archive.")
    return _incident(row)


def list_incidents(
    conn: Connection, *, without_postmortem: bool = False, viewer: Viewer | None = None
) -> list[Incident]:
    """Recorded incidents; one whose post-mortem `viewer` may not see is left out with it."""
    i = t.incidents
    query = sa.select(i).order_by(i.c.resolved_at.desc().nulls_last(), i.c.id)
    query = query.where(_seen(viewer))
    if without_postmortem:
        query = query.where(i.c.postmortem_id.is_(None))
    return [_incident(row) for row in conn.execute(query)]


def _incident(row: Any) -> Incident:
    fields = {k: v for k, v in row._asdict().items() if k in Incident.model_fields}
    return Incident.model_validate(fields)


def _seen(viewer: Viewer | None) -> sa.ColumnElement[bool]:
    """The incidents `viewer` may see: those without a post-mortem and those whose post-mortem they may."""
    if viewer is None or viewer.is_admin:
        return sa.true()
    i = t.incidents
    return i.c.postmortem_id.is_(None) | visible(viewer, i.c.postmortem_id)


def _existing(conn: Connection, ref: str, viewer: Viewer | None) -> int | None:
    """The id of incident `ref`, if recorded; refused if it belongs to a post-mortem `viewer` may not see."""
    i = t.incidents
    row = conn.execute(sa.select(i.c.id, _seen(viewer).label("seen")).where(i.c.ref == ref)).first()
    if row is None:
        return None
    if not row.seen:
        # the ref is taken and cannot be recorded anew, so say so rather than pretend it is free
        raise PermissionDeniedError(
            f"The incident '{ref}' is recorded for a post-mortem you may not see; ask an admin to change it."
        )
    return int(row.id)
