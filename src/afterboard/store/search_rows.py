"""What both engines share for search results: the limits, the columns of a hit, the filters, making hits."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from afterboard.postmortem import Kind, Status
from afterboard.store import schema as t
from afterboard.store.access import visible
from afterboard.store.actions import normal_owner
from afterboard.store.records import Filters, Hit, Viewer

SIMILAR_TERMS = 24
"""At most this many of the new draft's rarest words make the "similar" query: enough to describe a cause,
few enough that the query stays an index lookup at 100,000 documents."""
COMMON_SHARE = 0.05
COMMON_FLOOR = 20
"""A word in more than 5% of the post-mortems (and in more than 20) says nothing about which are similar."""
CANDIDATES = 500
"""A query matching more post-mortems than this ranks the newest CANDIDATES of them: ranking costs time for
every match, and a query that matches thousands says little about which are best (docs/archive.md)."""
SIMILAR_CANDIDATES = 5000
""""Similar" looks further back: its words are rare by construction, so ranking more matches stays cheap,
and an old post-mortem with the same cause is the one worth finding."""
HIGHLIGHT = ("[", "]")


def window_floor(
    conn: Connection,
    ids: sa.ColumnElement[int],
    match: sa.ColumnElement[bool],
    viewer: Viewer | None,
    candidates: int | None,
) -> int | None:
    """The id at and below which matches fall out of the ranking window of the newest `candidates` (default
    CANDIDATES), or None when all of them fit. Only what `viewer` may see counts: counting a restricted
    match would push a visible one out, and so tell whether the restricted post-mortem has the words."""
    floor: int | None = conn.execute(
        sa.select(ids)
        .where(match, visible(viewer, ids))
        .order_by(ids.desc())
        .offset(CANDIDATES if candidates is None else candidates)
        .limit(1)
    ).scalar()
    return floor


def listing(conn: Connection, filters: Filters, *, limit: int) -> list[Hit]:
    p = t.postmortems
    query = (
        sa.select(*columns(), sa.literal("").label("snippet"), sa.literal(0.0).label("score"))
        .order_by(p.c.occurred_on.desc().nulls_last(), p.c.id.desc())
        .limit(limit)
    )
    return hits(conn, filtered(query, filters, None))


def columns() -> list[Any]:
    p = t.postmortems
    return [p.c.id, p.c.title, p.c.kind, p.c.severity, p.c.status, p.c.occurred_on]


def filtered(query: sa.Select[Any], filters: Filters, exclude: int | None) -> sa.Select[Any]:
    p = t.postmortems
    query = query.where(visible(filters.viewer))
    if filters.kind is not None:
        query = query.where(p.c.kind == filters.kind)
    if filters.severity is not None:
        query = query.where(sa.func.lower(p.c.severity) == filters.severity.lower())
    if filters.status is not None:
        query = query.where(p.c.status == filters.status)
    if filters.since is not None:
        query = query.where(p.c.occurred_on >= filters.since)
    if filters.until is not None:
        query = query.where(p.c.occurred_on <= filters.until)
    if filters.tag is not None:
        query = query.where(
            sa.exists().where(t.tags.c.postmortem_id == p.c.id, t.tags.c.tag == filters.tag.strip().lower())
        )
    if filters.owner is not None:
        a = t.action_items
        query = query.where(
            sa.exists().where(
                a.c.postmortem_id == p.c.id,
                a.c.removed_in_revision.is_(None),
                sa.func.lower(a.c.owner) == normal_owner(filters.owner),
            )
        )
    if exclude is not None:
        query = query.where(p.c.id != exclude)
    return query


def hits(conn: Connection, query: sa.Select[Any]) -> list[Hit]:
    return [
        Hit(
            id=row.id,
            title=row.title,
            kind=Kind(row.kind),
            severity=row.severity,
            status=Status(row.status),
            occurred_on=row.occurred_on,
            snippet=" ".join((row.snippet or "").split()),
            score=float(row.score or 0.0),
        )
        for row in conn.execute(query)
    ]
