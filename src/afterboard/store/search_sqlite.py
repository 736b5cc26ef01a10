"""Search on SQLite: FTS5 and its BM25 (the title weighted 5x), with the rules that keep it fast at 100,000
post-mortems (docs/archive.md, "Searching")."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from afterboard.store import schema as t
from afterboard.store.access import visible
from afterboard.store.records import Filters, Hit, Viewer
from afterboard.store.search_rows import (
    CANDIDATES,
    COMMON_FLOOR,
    COMMON_SHARE,
    HIGHLIGHT,
    SIMILAR_TERMS,
    columns,
    filtered,
    hits,
    window_floor,
)

# Ranks candidate ids by the rare words' BM25 in one pass over a rowid range. `+rowid IN` is a filter, not an
# index constraint: given `rowid IN (...)`, FTS5 would run the whole query again for every id in the list.
_RANK_CANDIDATES = sa.text(
    "SELECT rowid, -bm25(search_fts, 5.0, 1.0) FROM search_fts WHERE search_fts MATCH :q AND rowid >= :low "
    "AND +rowid IN :ids ORDER BY bm25(search_fts, 5.0, 1.0) LIMIT :n"
).bindparams(sa.bindparam("ids", expanding=True))
_FTS: sa.ColumnElement[Any] = sa.literal_column("search_fts")
_FTS_TABLE = sa.table("search_fts", sa.column("rowid"))


def search_ranked(
    conn: Connection,
    fts: str,
    filters: Filters,
    *,
    limit: int,
    exclude: int | None,
    candidates: int | None = None,
) -> list[Hit]:
    """BM25 over the matches (at most the newest `candidates` of them)."""
    p = t.postmortems
    match = _FTS.op("MATCH")(fts)
    rank: sa.ColumnElement[float] = sa.literal_column("bm25(search_fts, 5.0, 1.0)")
    query = (
        sa.select(*columns(), sa.literal("").label("snippet"), (-rank).label("score"))
        .select_from(_FTS_TABLE.join(p, p.c.id == _FTS_TABLE.c.rowid))
        .where(match)
        .order_by(rank)
        .limit(limit)
    )
    floor = window_floor(conn, _FTS_TABLE.c.rowid, match, filters.viewer, candidates)
    if floor is not None:
        query = query.where(_FTS_TABLE.c.rowid > floor)
    return _with_snippets(conn, fts, hits(conn, filtered(query, filters, exclude)))


def search_common(conn: Connection, fts: str, rare: list[str], filters: Filters, *, limit: int) -> list[Hit]:
    """A query with words found in most post-mortems: they narrow the matches but do not rank them.

    BM25 needs each word's document count, which for a word in most of 100,000 post-mortems means reading
    its whole index entry; such a word also says nothing about which match is best (the "common terms"
    query of Lucene). So the newest CANDIDATES matches of the whole query are ranked by BM25 over the rare
    words alone, and the rest follow newest first.
    """
    p = t.postmortems
    # the index alone, newest first: joined, SQLite would probe the index once per post-mortem instead
    newest = (
        sa.select(_FTS_TABLE.c.rowid)
        .where(_FTS.op("MATCH")(fts), visible(filters.viewer, _FTS_TABLE.c.rowid))
        .order_by(_FTS_TABLE.c.rowid.desc())
        .limit(CANDIDATES)
        .scalar_subquery()
    )
    candidates = sa.select(p.c.id).where(p.c.id.in_(newest)).order_by(p.c.id.desc())
    ids = list(conn.execute(filtered(candidates, filters, None)).scalars())
    if not ids:
        return []
    scores: dict[int, float] = {}
    if rare:
        rows = conn.execute(
            _RANK_CANDIDATES, {"q": " OR ".join(rare), "low": min(ids), "ids": ids, "n": limit}
        )
        scores = {row[0]: float(row[1]) for row in rows}
    top = sorted(ids, key=lambda i: (-scores.get(i, 0.0), -i))[:limit]
    found = hits(
        conn,
        sa.select(*columns(), sa.literal("").label("snippet"), sa.literal(0.0).label("score")).where(
            p.c.id.in_(top)
        ),
    )
    by_id = {h.id: h.model_copy(update={"score": scores.get(h.id, 0.0)}) for h in found}
    return _with_snippets(conn, fts, [by_id[i] for i in top])


def _with_snippets(conn: Connection, fts: str, found: list[Hit]) -> list[Hit]:
    """The matching passage of each hit, made for the page shown only (one costs more than ranking a row)."""
    if not found:
        return found
    snippet = sa.func.snippet(_FTS, 1, *HIGHLIGHT, "…", 12)
    rows = conn.execute(
        sa.select(_FTS_TABLE.c.rowid, snippet).where(
            _FTS.op("MATCH")(fts), _FTS_TABLE.c.rowid.in_([h.id for h in found])
        )
    )
    snippets: dict[int, str] = {row[0]: row[1] for row in rows}
    return [h.model_copy(update={"snippet": " ".join(snippets.get(h.id, "").split())}) for h in found]


def rarest(conn: Connection, terms: list[str]) -> list[str]:
    """The words of `terms` found in the fewest post-mortems, leaving out common ones.

    Counted over the whole archive, as PostgreSQL's statistics are: only which words a "similar" query
    asks for depends on it (the matches it ranks are the viewer's), and counting only a viewer's matches
    made "similar" five times slower at 100,000 post-mortems."""
    cap = common_count(conn)
    counted = [(documents(conn, quote(term), cap), term) for term in terms]
    return [term for hits, term in sorted(counted) if 0 < hits <= cap][:SIMILAR_TERMS]


def common_count(conn: Connection) -> int:
    """In more post-mortems than this, a word is common.

    From the size of the whole archive, restricted post-mortems included: that tells nothing of what they
    say, and counting only a viewer's would read every row (20 ms instead of 4 at 100,000)."""
    # postmortems, not search_text: counting rows of long text would read all of it
    total = conn.execute(sa.select(sa.func.count()).select_from(t.postmortems)).scalar_one()
    return max(COMMON_FLOOR, int(total * COMMON_SHARE))


def documents(conn: Connection, fts: str, cap: int, viewer: Viewer | None = None) -> int:
    """How many post-mortems `viewer` may see match `fts`, counting no further than cap + 1 (a common word
    costs no more). Only theirs: a restricted match that made a word common would change how the others
    are ranked, and so tell what it contains."""
    matches = (
        sa.select(sa.literal(1))
        .select_from(_FTS_TABLE)
        .where(_FTS.op("MATCH")(fts), visible(viewer, _FTS_TABLE.c.rowid))
        .limit(cap + 1)
        .subquery()
    )
    return int(conn.execute(sa.select(sa.func.count()).select_from(matches)).scalar_one())


def quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'
