"""Full-text search with filters, and "similar past post-mortems", ranked by the database's own engine.

SQLite: FTS5 with its built-in BM25 (`bm25()`), the title weighted 5x. PostgreSQL: `websearch_to_tsquery`
over a GIN-indexed tsvector, ranked by `ts_rank_cd`. docs/archive.md explains the choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from afterboard.postmortem import Kind, PostMortem, Status
from afterboard.store import schema as t
from afterboard.store.actions import normal_owner
from afterboard.store.records import Filters, Hit
from afterboard.store.text import causes, distinct, words

SIMILAR_TERMS = 24
"""At most this many of the new draft's rarest words make the "similar" query: enough to describe a cause,
few enough that the query stays an index lookup at 100,000 documents."""
COMMON_SHARE = 0.05
COMMON_FLOOR = 20
"""A word in more than 5% of the post-mortems (and in more than 20) says nothing about which are similar."""
CANDIDATES = 500
"""A query matching more post-mortems than this ranks the newest CANDIDATES of them: ranking costs time for
every match, and a query that matches thousands says little about which are best (docs/archive.md)."""
_HIGHLIGHT = ("[", "]")
# Ranks candidate ids by the rare words' BM25 in one pass over a rowid range. `+rowid IN` is a filter, not an
# index constraint: given `rowid IN (...)`, FTS5 would run the whole query again for every id in the list.
_RANK_CANDIDATES = sa.text(
    "SELECT rowid, -bm25(search_fts, 5.0, 1.0) FROM search_fts WHERE search_fts MATCH :q AND rowid >= :low "
    "AND +rowid IN :ids ORDER BY bm25(search_fts, 5.0, 1.0) LIMIT :n"
).bindparams(sa.bindparam("ids", expanding=True))
_FTS: sa.ColumnElement[Any] = sa.literal_column("search_fts")
_FTS_TABLE = sa.table("search_fts", sa.column("rowid"))


def search(conn: Connection, query: str, filters: Filters, *, limit: int) -> list[Hit]:
    """Post-mortems matching `query` (words, "a phrase", OR, -word), best first; an empty query lists."""
    if not query.strip():
        return _listing(conn, filters, limit=limit)
    if conn.dialect.name == "sqlite":
        parsed = parse_query(query)
        if parsed is None:
            return []
        cap = _common_count(conn)
        rare = [term for term in parsed.terms if _documents(conn, term, cap) <= cap]
        if len(rare) == len(parsed.terms):
            return _sqlite(conn, parsed.text, filters, limit=limit, exclude=None)
        return _sqlite_common(conn, parsed.text, rare, filters, limit=limit)
    return _postgresql(conn, sa.func.websearch_to_tsquery("english", query), filters, limit, exclude=None)


def similar(
    conn: Connection,
    pm: PostMortem,
    *,
    limit: int,
    exclude: int | None = None,
    filters: Filters | None = None,
) -> list[Hit]:
    """Past post-mortems whose causes read most like `pm`'s: its rarest cause words, ranked by BM25."""
    chosen = similar_terms(conn, pm)
    if not chosen:
        return []
    filters = filters or Filters()
    if conn.dialect.name == "sqlite":
        query = " OR ".join(_quote(term) for term in chosen)
        return _sqlite(conn, query, filters, limit=limit, exclude=exclude)
    # 'simple' leaves the lexemes as they are: they were stemmed by the 'english' configuration already
    tsquery = sa.func.to_tsquery("simple", " | ".join(_pg_quote(x) for x in chosen))
    return _postgresql(conn, tsquery, filters, limit, exclude=exclude)


def similar_terms(conn: Connection, pm: PostMortem) -> list[str]:
    """The words of `pm`'s causes that make the "similar" query: the rarest in the archive, none common."""
    terms = distinct(words(causes(pm)))
    if not terms:
        return []
    if conn.dialect.name == "sqlite":
        return _rarest_sqlite(conn, terms)
    return _rarest_postgresql(conn, " ".join(terms))


@dataclass(frozen=True)
class Query:
    """A user's search as FTS5 terms: AND of groups (each an OR of alternatives), minus excluded terms."""

    groups: tuple[tuple[str, ...], ...]
    excluded: tuple[str, ...]

    @property
    def text(self) -> str:
        parts = [alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")" for alts in self.groups]
        return " AND ".join(parts) + "".join(f" NOT {term}" for term in self.excluded)

    @property
    def terms(self) -> list[str]:
        return distinct(term for alts in self.groups for term in alts)


def parse_query(text: str) -> Query | None:
    """Plain words, "quoted phrases", OR, -excluded and prefix* as quoted FTS5 terms (None: nothing left)."""
    groups: list[list[str]] = []
    excluded: list[str] = []
    pending_or = False
    for match in re.finditer(r'(-?)"([^"]*)"|(\S+)', text):
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare == "OR":
            pending_or = bool(groups)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        prefix = bare is not None and bare.endswith("*")
        tokens = words(phrase if phrase is not None else bare or "")
        if not tokens:
            continue
        term = _quote(" ".join(tokens)) + ("*" if prefix else "")
        if negated:
            excluded.append(term)
        elif pending_or:
            groups[-1].append(term)
            pending_or = False
        else:
            groups.append([term])
    if not groups:
        return None
    return Query(groups=tuple(tuple(g) for g in groups), excluded=tuple(excluded))


def fts5_query(text: str) -> str | None:
    """A user's search as one safe FTS5 query string."""
    parsed = parse_query(text)
    return None if parsed is None else parsed.text


def _sqlite(conn: Connection, fts: str, filters: Filters, *, limit: int, exclude: int | None) -> list[Hit]:
    """BM25 over the matches (at most the newest CANDIDATES of them)."""
    p = t.postmortems
    match = _FTS.op("MATCH")(fts)
    rank: sa.ColumnElement[float] = sa.literal_column("bm25(search_fts, 5.0, 1.0)")
    query = (
        sa.select(*_columns(), sa.literal("").label("snippet"), (-rank).label("score"))
        .select_from(_FTS_TABLE.join(p, p.c.id == _FTS_TABLE.c.rowid))
        .where(match)
        .order_by(rank)
        .limit(limit)
    )
    floor = conn.execute(
        sa.select(_FTS_TABLE.c.rowid)
        .where(match)
        .order_by(_FTS_TABLE.c.rowid.desc())
        .offset(CANDIDATES)
        .limit(1)
    ).scalar()
    if floor is not None:
        query = query.where(_FTS_TABLE.c.rowid > floor)
    return _with_snippets(conn, fts, _hits(conn, _filtered(query, filters, exclude)))


def _sqlite_common(conn: Connection, fts: str, rare: list[str], filters: Filters, *, limit: int) -> list[Hit]:
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
        .where(_FTS.op("MATCH")(fts))
        .order_by(_FTS_TABLE.c.rowid.desc())
        .limit(CANDIDATES)
        .scalar_subquery()
    )
    candidates = sa.select(p.c.id).where(p.c.id.in_(newest)).order_by(p.c.id.desc())
    ids = list(conn.execute(_filtered(candidates, filters, None)).scalars())
    if not ids:
        return []
    scores: dict[int, float] = {}
    if rare:
        rows = conn.execute(
            _RANK_CANDIDATES, {"q": " OR ".join(rare), "low": min(ids), "ids": ids, "n": limit}
        )
        scores = {row[0]: float(row[1]) for row in rows}
    top = sorted(ids, key=lambda i: (-scores.get(i, 0.0), -i))[:limit]
    found = _hits(
        conn,
        sa.select(*_columns(), sa.literal("").label("snippet"), sa.literal(0.0).label("score")).where(
            p.c.id.in_(top)
        ),
    )
    by_id = {h.id: h.model_copy(update={"score": scores.get(h.id, 0.0)}) for h in found}
    return _with_snippets(conn, fts, [by_id[i] for i in top])


def _with_snippets(conn: Connection, fts: str, hits: list[Hit]) -> list[Hit]:
    """The matching passage of each hit, made for the page shown only (one costs more than ranking a row)."""
    if not hits:
        return hits
    snippet = sa.func.snippet(_FTS, 1, *_HIGHLIGHT, "…", 12)
    rows = conn.execute(
        sa.select(_FTS_TABLE.c.rowid, snippet).where(
            _FTS.op("MATCH")(fts), _FTS_TABLE.c.rowid.in_([h.id for h in hits])
        )
    )
    snippets: dict[int, str] = {row[0]: row[1] for row in rows}
    return [h.model_copy(update={"snippet": " ".join(snippets.get(h.id, "").split())}) for h in hits]


def _postgresql(
    conn: Connection, tsquery: Any, filters: Filters, limit: int, *, exclude: int | None
) -> list[Hit]:
    p, s = t.postmortems, t.search_text
    vector: sa.ColumnElement[Any] = sa.literal_column("search_text.search_vector")
    q = sa.select(tsquery.label("q")).cte("q")
    rank = sa.func.ts_rank_cd(vector, q.c.q, 32)
    ranked = (
        sa.select(*_columns(), s.c.body, rank.label("score"))
        .select_from(p.join(s, s.c.postmortem_id == p.c.id).join(q, sa.true()))
        .where(vector.op("@@")(q.c.q))
        .order_by(rank.desc())
        .limit(limit)
    )
    floor = conn.execute(
        sa.select(s.c.postmortem_id)
        .where(vector.op("@@")(tsquery))
        .order_by(s.c.postmortem_id.desc())
        .offset(CANDIDATES)
        .limit(1)
    ).scalar()
    if floor is not None:
        ranked = ranked.where(s.c.postmortem_id > floor)
    top = _filtered(ranked, filters, exclude).subquery("top")
    headline = sa.func.ts_headline(
        "english",
        top.c.body,
        tsquery,
        f"StartSel={_HIGHLIGHT[0]}, StopSel={_HIGHLIGHT[1]}, MaxWords=14, MinWords=6",
    )
    query = sa.select(*[c for c in top.c if c.name != "body"], headline.label("snippet")).order_by(
        top.c.score.desc()
    )
    return _hits(conn, query)


def _listing(conn: Connection, filters: Filters, *, limit: int) -> list[Hit]:
    p = t.postmortems
    query = (
        sa.select(*_columns(), sa.literal("").label("snippet"), sa.literal(0.0).label("score"))
        .order_by(p.c.occurred_on.desc().nulls_last(), p.c.id.desc())
        .limit(limit)
    )
    return _hits(conn, _filtered(query, filters, None))


def _columns() -> list[Any]:
    p = t.postmortems
    return [p.c.id, p.c.title, p.c.kind, p.c.severity, p.c.status, p.c.occurred_on]


def _filtered(query: sa.Select[Any], filters: Filters, exclude: int | None) -> sa.Select[Any]:
    p = t.postmortems
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


def _hits(conn: Connection, query: sa.Select[Any]) -> list[Hit]:
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


def _rarest_sqlite(conn: Connection, terms: list[str]) -> list[str]:
    """The words of `terms` found in the fewest post-mortems, leaving out common ones."""
    cap = _common_count(conn)
    counted = [(_documents(conn, _quote(term), cap), term) for term in terms]
    return [term for hits, term in sorted(counted) if 0 < hits <= cap][:SIMILAR_TERMS]


def _common_count(conn: Connection) -> int:
    """In more post-mortems than this, a word is common."""
    # postmortems, not search_text: counting rows of long text would read all of it
    total = conn.execute(sa.select(sa.func.count()).select_from(t.postmortems)).scalar_one()
    return max(COMMON_FLOOR, int(total * COMMON_SHARE))


def _documents(conn: Connection, fts: str, cap: int) -> int:
    """How many post-mortems match `fts`, counting no further than cap + 1 (a common word costs no more)."""
    return int(
        conn.execute(
            sa.text("SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH :q LIMIT :n)"),
            {"q": fts, "n": cap + 1},
        ).scalar_one()
    )


def _rarest_postgresql(conn: Connection, text: str) -> list[str]:
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


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _pg_quote(lexeme: str) -> str:
    return "'" + lexeme.replace("'", "''") + "'"
