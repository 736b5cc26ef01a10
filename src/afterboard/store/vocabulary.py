"""The team's vocabulary as the archive holds it (`team_vocabulary.TeamVocabulary`): read from the
post-mortems the whole team may see, and from the corrections made to boards that are not restricted.

It is read for every photo (on the CLI, once a run), so it is built from columns and the search text, never
from the stored documents themselves.
"""

from __future__ import annotations

from collections import Counter
from types import MappingProxyType

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from afterboard.store import schema as t
from afterboard.store.access import TEAM
from afterboard.store.corrections import team_corrections
from afterboard.team_vocabulary import MIN_KEY, TeamVocabulary, reading_key, words_of

MIN_WORD = 3
"""Letters a word of the post-mortems needs to count as distinctive."""


def team_vocabulary(conn: Connection) -> TeamVocabulary:
    typed = [(c.reading, c.text) for c in team_corrections(conn)]
    return TeamVocabulary(
        names=frozenset(_names(conn)),
        services=frozenset(_tags(conn)),
        distinctive=_distinctive(_texts(conn)),
        corrections=MappingProxyType(_latest(typed)),
        typed=frozenset(text for _, text in typed),
    )


def _team() -> sa.ColumnElement[bool]:
    return t.postmortems.c.visibility == TEAM


def _names(conn: Connection) -> set[str]:
    a, p = t.action_items, t.postmortems
    owners = sa.select(a.c.owner).join(p, p.c.id == a.c.postmortem_id).where(a.c.owner.is_not(None), _team())
    people = sa.select(t.users.c.display_name).where(t.users.c.disabled.is_(False))
    return {
        name.strip() for name in conn.execute(sa.union(owners, people)).scalars() if name and name.strip()
    }


def _tags(conn: Connection) -> set[str]:
    p = t.postmortems
    query = sa.select(t.tags.c.tag).distinct().join(p, p.c.id == t.tags.c.postmortem_id).where(_team())
    return set(conn.execute(query).scalars())


def _texts(conn: Connection) -> list[str]:
    s, p = t.search_text, t.postmortems
    query = sa.select(s.c.title, s.c.body).join(p, p.c.id == s.c.postmortem_id).where(_team())
    return [f"{title}\n{body}" for title, body in conn.execute(query)]


def _distinctive(texts: list[str]) -> frozenset[str]:
    """Words that name things: written with a digit, inner punctuation or capitals ('k8s', 'eu-west-1',
    'PgBouncer', 'DNS'), or capitalised wherever they appear, and at least twice ('Kafka', 'Ana'), which
    leaves out ordinary words that only open sentences."""
    lowercase: set[str] = set()
    capitalised: Counter[str] = Counter()
    found: set[str] = set()
    for text in texts:
        for word in words_of(text):
            if len(word) < MIN_WORD or not any(c.isalpha() for c in word):
                continue
            if _names_a_thing(word):
                found.add(word)
            elif word[0].isupper():
                capitalised[word] += 1
            else:
                lowercase.add(word.casefold())
    found |= {w for w, n in capitalised.items() if n >= 2 and w.casefold() not in lowercase}
    return frozenset(found)


def _names_a_thing(word: str) -> bool:
    return (
        any(c.isdigit() for c in word) or any(c in "-_./" for c in word) or any(c.isupper() for c in word[1:])
    )


def _latest(typed: list[tuple[str, str]]) -> dict[str, str]:
    latest: dict[str, str] = {}
    for reading, text in typed:
        key = reading_key(reading)
        if len(key) >= MIN_KEY:
            latest[key] = text
    return latest
