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

from afterboard.errors import NotFoundError
from afterboard.store import schema as t
from afterboard.store.access import visible
from afterboard.store.records import Incident, Viewer


def record_incident(
    conn: Connection, values: dict[str, Any], *, actor: str | None, now: dt.datetime
) -> Incident:
    """Add an incident, or update the one with the same `ref` (importing the same list twice is harmless)."""
    values = {k: v for k, v in values.items() if k in Incident.model_fields and k != "id"}
    if values.get("postmortem_id") is not None:
        _require_postmortem(conn, values["postmortem_id"])
    i = t.incidents
    existing = conn.execute(sa.select(i.c.id).where(i.c.ref == values["ref"])).scalar_one_or_none()
    if existing is None:
        existing = conn.execute(
            sa.insert(i).values(**values, actor=actor, created_at=now).returning(i.c.id)
        ).scalar_one()
    else:
        update = {k: v for k, v in values.items() if v is not None}
        conn.execute(sa.update(i).where(i.c.id == existing).values(**update, actor=actor))
    return get_incident(conn, values["ref"])


def link(conn: Connection, ref: str, postmortem_id: int, *, now: dt.datetime) -> Incident:
    """Mark incident `ref` as covered by post-mortem `postmortem_id` (recording the incident if new)."""
    _require_postmortem(conn, postmortem_id)
    i = t.incidents
    updated = conn.execute(sa.update(i).where(i.c.ref == ref).values(postmortem_id=postmortem_id)).rowcount
    if not updated:
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
    return get_incident(conn, ref)


def get_incident(conn: Connection, ref: str) -> Incident:
    row = conn.execute(sa.select(t.incidents).where(t.incidents.c.ref == ref)).first()
    if row is None:
        raise NotFoundError(f"There is no incident '{ref}' in the archive.")
    return _incident(row)


def list_incidents(
    conn: Connection, *, without_postmortem: bool = False, viewer: Viewer | None = None
) -> list[Incident]:
    """Recorded incidents; one whose post-mortem `viewer` may not see is left out with it."""
    i = t.incidents
    query = sa.select(i).order_by(i.c.resolved_at.desc().nulls_last(), i.c.id)
    if viewer is not None and not viewer.is_admin:
        query = query.where(i.c.postmortem_id.is_(None) | visible(viewer, i.c.postmortem_id))
    if without_postmortem:
        query = query.where(i.c.postmortem_id.is_(None))
    return [_incident(row) for row in conn.execute(query)]


def _incident(row: Any) -> Incident:
    fields = {k: v for k, v in row._asdict().items() if k in Incident.model_fields}
    return Incident.model_validate(fields)


def _require_postmortem(conn: Connection, postmortem_id: int) -> None:
    if conn.execute(sa.select(t.postmortems.c.id).where(t.postmortems.c.id == postmortem_id)).first() is None:
        raise NotFoundError(f"There is no post-mortem {postmortem_id} in the archive.")
