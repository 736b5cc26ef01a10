"""Action items as rows of their own: kept in step with each revision, listed, filtered and marked done.

A revision's items are matched to the rows by text (case and spacing ignored), then by position, so an
edited sentence keeps its row and history. The archive owns an item's status once it is tracked: a
document that still says "open" does not reopen an item marked done with `afterboard actions --done`,
but a document that says done (`[x]`, DONE) closes it. Items a revision drops keep their row, marked
with the revision that removed them, and are no longer listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from pydantic import TypeAdapter
from sqlalchemy.engine import Connection, Result, Row

from afterboard.errors import NotFoundError
from afterboard.postmortem import ActionItem, ActionStatus
from afterboard.store import schema as t
from afterboard.store.access import visible
from afterboard.store.records import Action, ActionChange, ActionPage, Viewer


def sync_action_items(
    conn: Connection,
    postmortem_id: int,
    items: Sequence[ActionItem],
    *,
    revision: int,
    actor: str | None,
    now: dt.datetime,
    new: bool = False,
) -> None:
    """Match `items` (a revision's action items) to the rows; `new`: the post-mortem has no rows yet."""
    rows = (
        []
        if new
        else conn.execute(
            sa.select(t.action_items)
            .where(
                t.action_items.c.postmortem_id == postmortem_id,
                t.action_items.c.removed_in_revision.is_(None),
            )
            .order_by(t.action_items.c.position)
        ).all()
    )
    pairs, unmatched_rows = _match(rows, items)
    changes: list[dict[str, Any]] = []
    added = [(position, item) for position, item in enumerate(items) if position not in pairs]
    if added:
        ids = conn.execute(
            sa.insert(t.action_items).returning(t.action_items.c.id, sort_by_parameter_order=True),
            [
                {
                    "link": None,
                    **_values(item),
                    "postmortem_id": postmortem_id,
                    "position": position,
                    "status": item.status,
                    "created_at": now,
                    "updated_at": now,
                    "done_at": now if item.status is ActionStatus.DONE else None,
                }
                for position, item in added
            ],
        ).scalars()
        changes += [
            _change(item_id, "created", None, item.text, actor=actor, now=now)
            for item_id, (_position, item) in zip(ids, added, strict=True)
        ]
    for position, row in pairs.items():
        item = items[position]
        values = _values(item)
        update = {k: v for k, v in values.items() if getattr(row, k) != v}
        changes += [_change(row.id, k, getattr(row, k), v, actor=actor, now=now) for k, v in update.items()]
        if item.status is not ActionStatus.OPEN and item.status != row.status:
            update["status"] = item.status
            update["done_at"] = now if item.status is ActionStatus.DONE else None
            changes.append(_change(row.id, "status", row.status, item.status, actor=actor, now=now))
        if update or row.position != position:
            conn.execute(
                sa.update(t.action_items)
                .where(t.action_items.c.id == row.id)
                .values(position=position, updated_at=now, **update)
            )
    for row in unmatched_rows:
        conn.execute(
            sa.update(t.action_items)
            .where(t.action_items.c.id == row.id)
            .values(removed_in_revision=revision, updated_at=now)
        )
        changes.append(_change(row.id, "removed", row.text, None, actor=actor, now=now))
    if changes:
        conn.execute(sa.insert(t.action_item_changes), changes)


def list_actions(
    conn: Connection,
    *,
    owner: str | None = None,
    overdue_on: dt.date | None = None,
    open_only: bool = False,
    postmortem_id: int | None = None,
    viewer: Viewer | None = None,
) -> list[Action]:
    """Tracked action items the viewer may see, oldest due date first (items without one last)."""
    a = t.action_items
    query = _where(_query(), owner=owner, overdue_on=overdue_on, open_only=open_only, viewer=viewer)
    if postmortem_id is not None:
        query = query.where(a.c.postmortem_id == postmortem_id)
    query = query.order_by(a.c.due.is_(None), a.c.due, a.c.postmortem_id, a.c.position)
    return _actions(conn.execute(query))


def open_page(
    conn: Connection,
    *,
    owner: str | None,
    overdue: bool,
    today: dt.date,
    limit: int,
    viewer: Viewer | None = None,
) -> ActionPage:
    """The first `limit` open items the viewer may see (earliest due first, then oldest), with how many
    there are and how many are overdue: one query, the counts taken over the whole list before the limit."""
    a = t.action_items
    late = sa.case((a.c.due < today, 1), else_=0)
    query = _where(
        _query().add_columns(sa.func.count().over().label("total"), sa.func.sum(late).over().label("late")),
        owner=owner,
        overdue_on=today if overdue else None,
        open_only=True,
        viewer=viewer,
    )
    result = conn.execute(query.order_by(a.c.due.is_(None), a.c.due, a.c.id).limit(limit)).freeze()
    rows = result().all()
    total, late_count = (rows[0].total, int(rows[0].late or 0)) if rows else (0, 0)
    return ActionPage(items=_actions(result()), total=total, late=late_count)


def mark(
    conn: Connection,
    action_id: int,
    *,
    status: ActionStatus | None = None,
    link: str | None = None,
    actor: str | None,
    now: dt.datetime,
    viewer: Viewer | None = None,
) -> Action:
    """Change an item's status and/or tracker link, recording who and when."""
    row = _row(conn, action_id, viewer)
    update: dict[str, Any] = {}
    changes: list[dict[str, Any]] = []
    if status is not None and status != row.status:
        update |= {"status": status, "done_at": now if status is ActionStatus.DONE else None}
        changes.append(_change(action_id, "status", row.status, status, actor=actor, now=now))
    if link is not None and link != row.link:
        update["link"] = link
        changes.append(_change(action_id, "link", row.link, link, actor=actor, now=now))
    if update:
        conn.execute(
            sa.update(t.action_items).where(t.action_items.c.id == action_id).values(updated_at=now, **update)
        )
        conn.execute(sa.insert(t.action_item_changes), changes)
    return _actions(conn.execute(_query().where(t.action_items.c.id == action_id)))[0]


def changes(conn: Connection, postmortem_id: int) -> list[ActionChange]:
    """Every recorded change to the post-mortem's action items, oldest first, with who made it."""
    a, c = t.action_items, t.action_item_changes
    rows = conn.execute(
        sa.select(c, a.c.text.label("item_text"))
        .join(a, a.c.id == c.c.action_item_id)
        .where(a.c.postmortem_id == postmortem_id)
        .order_by(c.c.at, c.c.id)
    )
    return [ActionChange.model_validate(row._asdict()) for row in rows]


def normal_owner(owner: str) -> str:
    """'@Ana ' and 'ana' are the same owner."""
    return owner.strip().removeprefix("@").lower()


def _query() -> sa.Select[Any]:
    a, p = t.action_items, t.postmortems
    columns = (
        "id",
        "postmortem_id",
        "text",
        "owner",
        "due",
        "status",
        "priority",
        "category",
        "link",
        "done_at",
    )
    return (
        sa.select(*(a.c[name] for name in columns), p.c.title.label("postmortem_title"))
        .join(p, p.c.id == a.c.postmortem_id)
        .where(a.c.removed_in_revision.is_(None))
    )


def _where(
    query: sa.Select[Any],
    *,
    owner: str | None,
    overdue_on: dt.date | None,
    open_only: bool,
    viewer: Viewer | None,
) -> sa.Select[Any]:
    a = t.action_items
    query = query.where(visible(viewer))
    if owner is not None:
        query = query.where(sa.func.lower(a.c.owner) == normal_owner(owner))
    if overdue_on is not None:
        query = query.where(a.c.due < overdue_on)
    if open_only or overdue_on is not None:
        query = query.where(a.c.status.in_([ActionStatus.OPEN, ActionStatus.IN_PROGRESS]))
    return query


def _row(conn: Connection, action_id: int, viewer: Viewer | None = None) -> Row[Any]:
    a = t.action_items
    row = conn.execute(
        sa.select(a).where(
            a.c.id == action_id, a.c.removed_in_revision.is_(None), visible(viewer, a.c.postmortem_id)
        )
    ).first()
    if row is None:
        raise NotFoundError(f"There is no action item {action_id}; `afterboard actions` lists them.")
    return row


def _match(
    rows: Sequence[Row[Any]], items: Sequence[ActionItem]
) -> tuple[dict[int, Row[Any]], list[Row[Any]]]:
    """Pair each new item (by position) with an existing row: same text first, then same position."""
    free = {row.id: row for row in rows}
    pairs: dict[int, Row[Any]] = {}
    by_text: dict[str, list[Row[Any]]] = {}
    for row in rows:
        by_text.setdefault(_key(row.text), []).append(row)
    for position, item in enumerate(items):
        candidates = [r for r in by_text.get(_key(item.text), []) if r.id in free]
        if candidates:
            pairs[position] = free.pop(candidates[0].id)
    for position, _item in enumerate(items):
        if position in pairs:
            continue
        same_place = next((r for r in free.values() if r.position == position), None)
        if same_place is not None:
            pairs[position] = free.pop(same_place.id)
    return pairs, list(free.values())


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _values(item: ActionItem) -> dict[str, Any]:
    values = {
        "text": item.text,
        "owner": item.owner.strip().removeprefix("@") if item.owner else None,
        "due": item.due,
        "priority": item.priority,
        "category": item.category,
    }
    if item.link is not None:  # a tracker link set with `actions --link` survives a document without one
        values["link"] = item.link
    return values


def _change(
    item_id: int, field: str, old: Any, new: Any, *, actor: str | None, now: dt.datetime
) -> dict[str, Any]:
    return {
        "action_item_id": item_id,
        "field": field,
        "old_value": None if old is None else str(old),
        "new_value": None if new is None else str(new),
        "actor": actor,
        "at": now,
    }


_ACTIONS = TypeAdapter(list[Action])


def _actions(result: Result[Any]) -> list[Action]:
    """The rows as records, validated in one call from plain dicts (a dashboard lists hundreds of rows;
    built one by one, or read as attributes, the records took most of its time)."""
    keys = list(result.keys())
    return _ACTIONS.validate_python([dict(zip(keys, row, strict=True)) for row in result])
