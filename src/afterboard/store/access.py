"""Who may see which post-mortem: the one clause every reading query adds, and the checks by id.

A `team` post-mortem is visible to everyone signed in; a `restricted` one (a security incident, say) only
to the people named in `postmortem_access` and to admins. The rule lives here, in the query layer, and not
in the routes: a list, a count, a search, a "similar" suggestion, a statistic or a file that forgot to ask
would leak, so the store adds it to each query itself. To someone who may not see it, a restricted
post-mortem does not exist: the same NotFoundError, with the same sentence, as for a missing one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from afterboard.errors import InputError, NotFoundError
from afterboard.store import schema as t
from afterboard.store.accounts import normal_name
from afterboard.store.records import Viewer

TEAM = "team"
RESTRICTED = "restricted"


def visible(viewer: Viewer | None, postmortem_id: Any = None) -> sa.ColumnElement[bool]:
    """True for the post-mortems `viewer` may see (`postmortem_id`: the column to test, default
    `postmortems.id`, which the query must then select from)."""
    if viewer is None or viewer.is_admin:
        return sa.true()
    p, access = t.postmortems, t.postmortem_access
    pm_id = p.c.id if postmortem_id is None else postmortem_id
    named = sa.exists().where(access.c.postmortem_id == pm_id, access.c.principal == (viewer.name or ""))
    if postmortem_id is None:
        return sa.or_(p.c.visibility == TEAM, named)
    team = sa.exists().where(p.c.id == pm_id, p.c.visibility == TEAM)
    return sa.or_(team, named)


def visible_ids(conn: Connection, viewer: Viewer | None, ids: Sequence[int]) -> set[int]:
    """Which of the post-mortems `ids` the viewer may see."""
    p = t.postmortems
    return set(conn.execute(sa.select(p.c.id).where(p.c.id.in_(ids), visible(viewer))).scalars())


def require(conn: Connection, viewer: Viewer | None, postmortem_id: int) -> None:
    """NotFoundError, as for a missing post-mortem, unless `viewer` may see it."""
    p = t.postmortems
    found = conn.execute(sa.select(p.c.id).where(p.c.id == postmortem_id, visible(viewer))).first()
    if found is None:
        raise not_found(postmortem_id)


def not_found(postmortem_id: int) -> NotFoundError:
    return NotFoundError(f"There is no post-mortem {postmortem_id} in the archive.")


def get_access(conn: Connection, postmortem_id: int) -> tuple[str, list[str]]:
    """The post-mortem's visibility and the people named on it."""
    visibility = conn.execute(
        sa.select(t.postmortems.c.visibility).where(t.postmortems.c.id == postmortem_id)
    ).scalar_one()
    people = conn.execute(
        sa.select(t.postmortem_access.c.principal)
        .where(t.postmortem_access.c.postmortem_id == postmortem_id)
        .order_by(t.postmortem_access.c.principal)
    ).scalars()
    return str(visibility), list(people)


def set_access(conn: Connection, postmortem_id: int, visibility: str, people: list[str]) -> None:
    """Make the post-mortem `team` or `restricted` to `people` (names as accounts sign in)."""
    if visibility not in {TEAM, RESTRICTED}:
        raise InputError(f"'{visibility}' is not a visibility; use team or restricted.")
    names = sorted({normal_name(name) for name in people if name.strip()})
    p = t.postmortems
    conn.execute(sa.update(p).where(p.c.id == postmortem_id).values(visibility=visibility))
    conn.execute(sa.delete(t.postmortem_access).where(t.postmortem_access.c.postmortem_id == postmortem_id))
    if names:
        conn.execute(
            sa.insert(t.postmortem_access),
            [{"postmortem_id": postmortem_id, "principal": name} for name in names],
        )


def restrict_new(conn: Connection, postmortem_id: int, people: list[str], author: str | None) -> None:
    """Restrict a post-mortem being created (in its first save's transaction) to `people` and `author`.

    Only people with an active account may be named: a typo or a departed colleague would otherwise leave
    the post-mortem visible to no one intended, and nobody would notice until an admin looked.
    """
    names = sorted({normal_name(name) for name in people if name.strip()} - {author or ""})
    if names:
        u = t.users
        active = set(
            conn.execute(sa.select(u.c.name).where(u.c.name.in_(names), u.c.disabled == sa.false())).scalars()
        )
        absent = [name for name in names if name not in active]
        if absent:
            listed = ", ".join(absent[:5]) + (" …" if len(absent) > 5 else "")
            raise InputError(
                f"{listed} {'has' if len(absent) == 1 else 'have'} no active account here; name people as "
                "they sign in, or leave them out (an admin can add them later)."
            )
    set_access(conn, postmortem_id, RESTRICTED, names + ([author] if author else []))
