"""Search on PostgreSQL: `websearch_to_tsquery` over a GIN-indexed tsvector, ranked by `ts_rank_cd`."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from afterboard.store import schema as t
from afterboard.store.records import Filters, Hit
from afterboard.store.search_rows import (
    COMMON_FLOOR,
    COMMON_SHARE,
    HIGHLIGHT,
    SIMILAR_TERMS,
    columns,
    filtered,
    hits,
    window_floor,
)


def search_ranked(
    conn: Connection,
    tsquery: Any,
    filters: Filters,
    limit: int,
    *,
    exclude: int | None,
    candidates: int | None = None,
) -> list[Hit]:
    """`ts_rank_cd` over the matches (at most the newest `candidates` of them)."""
    p, s = t.postmortems, t.search_text
    vector: sa.ColumnElement[Any] = sa.literal_column("search_text.search_vector")
    q = sa.select(tsquery.label("q")).cte("q")
    rank = sa.func.ts_rank_cd(vector, q.c.q, 32)
    ranked = (
        sa.select(*columns(), s.c.body, rank.label("score"))
        .select_from(p.join(s, s.c.postmortem_id == p.c.id).join(q, sa.true()))
        .where(vector.op("@@")(q.c.q))
        .order_by(rank.desc())
        .limit(limit)
    )
    floor = window_floor(conn, s.c.postmortem_id, vector.op("@@")(tsquery), filters.viewer, candidates)
    if floor is not None:
        ranked = ranked.where(s.c.postmortem_id > floor)
    top = filtered(ranked, filters, exclude).subquery("top")
    headline = sa.func.ts_headline(
        "english",
        top.c.body,
        tsquery,
        f"StartSel={HIGHLIGHT[0]}, StopSel={HIGHLIGHT[1]}, MaxWords=14, MinWords=6",
    )
    query = sa.select(*[c for c in top.c if c.name != "body"], headline.label("snippet")).order_by(
        top.c.score.desc()
    )
    return hits(conn, query)


def rarest(conn: Connection, text: str) -> list[str]:
    """The stemmed words of `text` (English stop words dropped), rarest first, as PostgreSQL sees them.

    How common a word is comes from the planner's statistics on the tsvector column (ANALYZE keeps its
    most common lexemes and their frequencies), so choosing costs no scan of the documents.
    """
    lexemes = (
        conn.execute(sa.text("SELECT unnest(tsvector_to_array(to_tsvector('english', :t)))"), {"t": text})
        .scalars()
        .all()
    )
    stats = conn.execute(
        sa.text(
            "SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs FROM pg_stats "
            "WHERE tablename = 'search_text' AND attname = 'search_vector' AND schemaname = current_schema()"
        )
    ).first()
    frequency: dict[str, float] = {}
    if stats is not None and stats.elems:
        frequency = dict(zip(stats.elems, stats.freqs, strict=False))
    rows = conn.execute(
        sa.text("SELECT reltuples FROM pg_class WHERE oid = 'search_text'::regclass")
    ).scalar()
    limit = max(COMMON_SHARE, COMMON_FLOOR / max(float(rows or 0), 1.0))
    kept = [x for x in lexemes if frequency.get(x, 0.0) <= limit]
    return sorted(kept, key=lambda x: frequency.get(x, 0.0))[:SIMILAR_TERMS]


def quote(lexeme: str) -> str:
    return "'" + lexeme.replace("'", "''") + "'"
