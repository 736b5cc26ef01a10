"""Corrections people made in review to the notes read from a snap's photo, kept for the team's vocabulary.

A snap's corrections are rewritten from its board whenever a person saves the review, in the same
transaction: they always say what the board says now (a correction undone, or a note deleted, is no longer
one). A note counts as corrected when a person changed its text in review (`Note.corrected`), away from
the engine's reading (`Note.read_as`; a reader's own re-reading is not a correction), and it is the only
note holding that reading: the parts of a split note share their reading, and none of
them alone is what the reading said.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from afterboard.board import Board, Note
from afterboard.store import schema as t
from afterboard.store.access import TEAM
from afterboard.store.records import Correction
from afterboard.team_vocabulary import reading_key


def record(conn: Connection, snap_id: int, board: Board, *, actor: str | None, now: dt.datetime) -> None:
    conn.execute(sa.delete(t.corrections).where(t.corrections.c.snap_id == snap_id))
    rows = [_row(snap_id, note, actor=actor, now=now) for note in corrected(board)]
    if rows:
        conn.execute(sa.insert(t.corrections), rows)


def team_corrections(conn: Connection) -> list[Correction]:
    """Every correction the whole team may see, oldest first: none from a board drafted into a restricted
    post-mortem."""
    c, s, p = t.corrections, t.snaps, t.postmortems
    restricted = sa.exists().where(p.c.id == s.c.postmortem_id, p.c.visibility != TEAM)
    query = sa.select(c).join(s, s.c.id == c.c.snap_id).where(~restricted).order_by(c.c.created_at, c.c.id)
    return [_correction(row._asdict()) for row in conn.execute(query)]


def corrected(board: Board) -> list[Note]:
    """The notes of `board` whose text a person corrected from the engine's reading."""
    readings = Counter(n.read_as for n in board.notes if n.read_as is not None)
    return [
        n
        for n in board.notes
        if n.read_as is not None
        and n.corrected == "review"
        and n.text.strip()
        and readings[n.read_as] == 1
        and reading_key(n.text) != reading_key(n.read_as)
    ]


def _row(snap_id: int, note: Note, *, actor: str | None, now: dt.datetime) -> dict[str, object]:
    x0, y0, x1, y1 = note.box or (None, None, None, None)
    return {
        "snap_id": snap_id,
        "note": note.source,
        "x0": x0,
        "y0": y0,
        "x1": x1,
        "y1": y1,
        "reading": note.read_as,
        "text": note.text,
        "actor": actor,
        "created_at": now,
    }


def _correction(row: dict[str, object]) -> Correction:
    corners = [row.pop(key) for key in ("x0", "y0", "x1", "y1")]
    box = tuple(corners) if all(v is not None for v in corners) else None
    return Correction.model_validate({**row, "box": box})
