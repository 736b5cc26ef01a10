"""Publication deadlines: post-mortems whose window after resolution is running or missed, and incidents
that policy says needed a post-mortem but have none."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from afterboard.policy import Policy
from afterboard.postmortem import Kind, Status
from afterboard.store import schema as t
from afterboard.store.access import visible
from afterboard.store.incidents import list_incidents
from afterboard.store.records import Due, DueState, Viewer


def due(conn: Connection, policy: Policy, *, now: dt.datetime, viewer: Viewer | None = None) -> list[Due]:
    """Everything that needs publishing that `viewer` may see, most urgent (earliest deadline) first."""
    p = t.postmortems
    entries: list[Due] = []
    rows = conn.execute(
        sa.select(p.c.id, p.c.title, p.c.resolved_at).where(
            p.c.status != Status.PUBLISHED,
            p.c.kind == Kind.INCIDENT,
            p.c.resolved_at.is_not(None),
            visible(viewer),
        )
    )
    for row in rows:
        target, deadline = policy.publication_window(row.resolved_at)
        state = DueState.RUNNING if now < deadline else DueState.MISSED
        entries.append(
            Due(
                state=state,
                title=row.title,
                resolved_at=row.resolved_at,
                target=target,
                deadline=deadline,
                postmortem_id=row.id,
            )
        )
    for incident in list_incidents(conn, without_postmortem=True):
        requirement = policy.is_required(incident.duration, incident.users_share, incident.emergency_on_call)
        if incident.resolved_at is None or not requirement.required:
            continue
        target, deadline = policy.publication_window(incident.resolved_at)
        entries.append(
            Due(
                state=DueState.MISSING,
                title=incident.title or incident.ref,
                resolved_at=incident.resolved_at,
                target=target,
                deadline=deadline,
                incident_ref=incident.ref,
                reasons=requirement.reasons,
            )
        )
    return sorted(entries, key=lambda e: (e.deadline, e.postmortem_id or 0, e.incident_ref or ""))
