"""Full-text search with filters, and "similar past post-mortems", ranked by the database's own engine.

SQLite: FTS5 with its built-in BM25 (`search_sqlite.py`); PostgreSQL: a GIN-indexed tsvector ranked by
`ts_rank_cd` (`search_postgresql.py`). docs/archive.md explains the choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from afterboard.postmortem import PostMortem
from afterboard.store import search_postgresql, search_sqlite
from afterboard.store.records import Filters, Hit
from afterboard.store.search_rows import SIMILAR_CANDIDATES, listing
from afterboard.store.text import causes, distinct, words


def search(conn: Connection, query: str, filters: Filters, *, limit: int) -> list[Hit]:
    """Post-mortems matching `query` (words, "a phrase", OR, -word), best first; an empty query lists."""
    if not query.strip():
        return listing(conn, filters, limit=limit)
    if conn.dialect.name == "sqlite":
        parsed = parse_query(query)
        if parsed is None:
            return []
        viewer = filters.viewer
        cap = search_sqlite.common_count(conn)
        rare = [term for term in parsed.terms if search_sqlite.documents(conn, term, cap, viewer) <= cap]
        if len(rare) == len(parsed.terms):
            return search_sqlite.search_ranked(conn, parsed.text, filters, limit=limit, exclude=None)
        return search_sqlite.search_common(conn, parsed.text, rare, filters, limit=limit)
    tsquery = sa.func.websearch_to_tsquery("english", query)
    return search_postgresql.search_ranked(conn, tsquery, filters, limit, exclude=None)


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
        query = " OR ".join(search_sqlite.quote(term) for term in chosen)
        return search_sqlite.search_ranked(
            conn, query, filters, limit=limit, exclude=exclude, candidates=SIMILAR_CANDIDATES
        )
    # 'simple' leaves the lexemes as they are: they were stemmed by the 'english' configuration already
    tsquery = sa.func.to_tsquery("simple", " | ".join(search_postgresql.quote(x) for x in chosen))
    return search_postgresql.search_ranked(
        conn, tsquery, filters, limit, exclude=exclude, candidates=SIMILAR_CANDIDATES
    )


def similar_terms(conn: Connection, pm: PostMortem) -> list[str]:
    """The words of `pm`'s causes that make the "similar" query: the rarest in the archive, none common."""
    terms = distinct(words(causes(pm)))
    if not terms:
        return []
    if conn.dialect.name == "sqlite":
        return search_sqlite.rarest(conn, terms)
    return search_postgresql.rarest(conn, " ".join(terms))


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
        term = search_sqlite.quote(" ".join(tokens)) + ("*" if prefix else "")
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
