"""Saving a post-mortem as a new revision (never overwriting one), and reading revisions back."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from afterboard.errors import NotFoundError
from afterboard.postmortem import PostMortem, Status
from afterboard.store import schema as t
from afterboard.store.actions import sync_action_items
from afterboard.store.records import Revision, Saved, Stored
from afterboard.store.text import searchable


def save(
    conn: Connection,
    pm: PostMortem,
    *,
    postmortem_id: int | None,
    actor: str | None,
    message: str | None,
    now: dt.datetime,
) -> Saved:
    """Add `pm` as revision 1 of a new post-mortem, or as the next revision of `postmortem_id`."""
    document = pm.model_dump_json()
    digest = hashlib.sha256(document.encode("utf-8")).hexdigest()
    # statements take their values as parameters (not .values()), so SQLAlchemy compiles each once
    if postmortem_id is None:
        status = pm.status
        postmortem_id = conn.execute(
            sa.insert(t.postmortems).returning(t.postmortems.c.id),
            {
                **_facts(pm),
                "status": status,
                "current_revision": 1,
                "visibility": "team",
                "created_at": now,
                "updated_at": now,
                "published_at": now if status is Status.PUBLISHED else None,
            },
        ).scalar_one()
        conn.execute(
            sa.insert(t.status_changes),
            {
                "postmortem_id": postmortem_id,
                "from_status": None,
                "to_status": status,
                "actor": actor,
                "at": now,
            },
        )
        number, created = 1, True
    else:
        # FOR UPDATE: two saves of the same post-mortem queue here on PostgreSQL (SQLite's BEGIN IMMEDIATE
        # already serialises writers), so both get a revision number of their own.
        row = conn.execute(
            sa.select(t.postmortems.c.current_revision)
            .where(t.postmortems.c.id == postmortem_id)
            .with_for_update()
        ).first()
        if row is None:
            raise NotFoundError(f"There is no post-mortem {postmortem_id} in the archive.")
        latest = conn.execute(
            sa.select(t.revisions.c.sha256).where(
                t.revisions.c.postmortem_id == postmortem_id, t.revisions.c.number == row.current_revision
            )
        ).scalar_one()
        if latest == digest:
            return Saved(id=postmortem_id, revision=row.current_revision, created=False, changed=False)
        number, created = row.current_revision + 1, False
        conn.execute(
            sa.update(t.postmortems).where(t.postmortems.c.id == sa.bindparam("key")),
            {"key": postmortem_id, **_facts(pm), "current_revision": number, "updated_at": now},
        )
    conn.execute(
        sa.insert(t.revisions),
        {
            "postmortem_id": postmortem_id,
            "number": number,
            "document": document,
            "sha256": digest,
            "actor": actor,
            "message": message,
            "created_at": now,
        },
    )
    _replace_derived(conn, postmortem_id, pm, created=created)
    sync_action_items(
        conn, postmortem_id, pm.action_items, revision=number, actor=actor, now=now, new=created
    )
    return Saved(id=postmortem_id, revision=number, created=created)


def get(conn: Connection, postmortem_id: int, revision: int | None = None) -> Stored:
    head = _head(conn, postmortem_id)
    number = head.current_revision if revision is None else revision
    document = conn.execute(
        sa.select(t.revisions.c.document).where(
            t.revisions.c.postmortem_id == postmortem_id, t.revisions.c.number == number
        )
    ).scalar_one_or_none()
    if document is None:
        raise NotFoundError(
            f"Post-mortem {postmortem_id} has no revision {number}; it has revisions 1 to "
            f"{head.current_revision}."
        )
    status = Status(head.status)
    pm = PostMortem.model_validate_json(document).model_copy(update={"status": status})
    return Stored(
        id=postmortem_id,
        revision=number,
        latest_revision=head.current_revision,
        status=status,
        visibility=head.visibility,
        created_at=head.created_at,
        updated_at=head.updated_at,
        published_at=head.published_at,
        postmortem=pm,
    )


def history(conn: Connection, postmortem_id: int) -> list[Revision]:
    _head(conn, postmortem_id)
    rows = conn.execute(
        sa.select(
            t.revisions.c.number,
            t.revisions.c.created_at,
            t.revisions.c.actor,
            t.revisions.c.message,
            t.revisions.c.sha256,
        )
        .where(t.revisions.c.postmortem_id == postmortem_id)
        .order_by(t.revisions.c.number)
    )
    return [Revision.model_validate(row._asdict()) for row in rows]


def diff(old: Stored, new: Stored) -> str:
    """A unified diff of the two revisions rendered as Markdown (empty when they read the same)."""
    import difflib

    from afterboard.render.markdown import render_markdown

    before = render_markdown(old.postmortem).splitlines(keepends=True)
    after = render_markdown(new.postmortem).splitlines(keepends=True)
    return "".join(
        difflib.unified_diff(
            before, after, fromfile=f"{old.id}@{old.revision}", tofile=f"{new.id}@{new.revision}"
        )
    )


def _head(conn: Connection, postmortem_id: int) -> Row[Any]:
    row = conn.execute(sa.select(t.postmortems).where(t.postmortems.c.id == postmortem_id)).first()
    if row is None:
        raise NotFoundError(f"There is no post-mortem {postmortem_id} in the archive.")
    return row


def _facts(pm: PostMortem) -> dict[str, Any]:
    """The latest revision's facts that filters, `due` and `stats` read as columns."""
    occurred = pm.date or (pm.started_at.date() if pm.started_at else None)
    return {
        "title": pm.title or "(untitled)",
        "kind": pm.kind,
        "severity": pm.severity or pm.impact.severity,
        "occurred_on": occurred,
        "started_at": pm.started_at,
        "detected_at": pm.detected_at,
        "mitigated_at": pm.mitigated_at,
        "resolved_at": pm.resolved_at,
    }


def _replace_derived(conn: Connection, postmortem_id: int, pm: PostMortem, *, created: bool) -> None:
    """Tags, factors and the search text follow the latest revision."""
    if not created:
        for table in (t.tags, t.factors):
            conn.execute(sa.delete(table).where(table.c.postmortem_id == postmortem_id))
    tags = sorted({tag.strip().lower() for tag in pm.tags if tag.strip()})
    if tags:
        conn.execute(sa.insert(t.tags), [{"postmortem_id": postmortem_id, "tag": tag} for tag in tags])
    if pm.contributing_factors:
        conn.execute(
            sa.insert(t.factors),
            [
                {
                    "postmortem_id": postmortem_id,
                    "position": i,
                    "text": f.text,
                    "category": f.category.strip().lower() if f.category else None,
                }
                for i, f in enumerate(pm.contributing_factors)
            ],
        )
    title, body = searchable(pm)
    values = {"title": title, "body": body}
    if created:
        conn.execute(sa.insert(t.search_text), {"postmortem_id": postmortem_id, **values})
    else:
        conn.execute(
            sa.update(t.search_text).where(t.search_text.c.postmortem_id == sa.bindparam("key")),
            {"key": postmortem_id, **values},
        )


def newest(conn: Connection) -> int:
    """The id of the newest revision of any post-mortem (0 in an empty archive)."""
    return int(conn.execute(sa.select(sa.func.max(t.revisions.c.id))).scalar() or 0)
