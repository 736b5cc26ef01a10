"""The team's own vocabulary, learnt from its archive: who the people are, what its services are called, the
words its post-mortems use, and every correction people made to a note's reading in review.

    team = store.team_vocabulary()          # or EMPTY on a laptop with no archive
    board, recalled = recall(board, team)   # readings a person already corrected, corrected again

A correction is applied again only to the same reading (`reading_key`: case, accents, spacing and
punctuation aside), never to a reading that is merely alike: the engine's reading stays in `Note.read_as`
and the note is marked corrected by the team, so the review and the draft's summary say where the text
came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from afterboard.board import Board, Note

MIN_KEY = 3
"""Characters a reading needs before a correction of it is applied again: the engine reads stray marks as
'a', 'll' or '1' on any board, and one person's guess at such a mark says nothing about the next one."""

_WORD = re.compile(r"[^\W_](?:[\w./-]*[^\W_])?")
_NOT_WORD = re.compile(r"[\W_]+")


def reading_key(text: str) -> str:
    """'Restart  the DB!' → 'restart the db': what makes two readings the same reading."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", plain.casefold()).strip()


def words_of(text: str) -> list[str]:
    """The words of a text as written ('checkout-api', 'eu-west-1', 'v2.3'), without the punctuation
    around them."""
    return _WORD.findall(text)


@dataclass(frozen=True)
class TeamVocabulary:
    """What the archive knows of the team's language (`store.vocabulary` reads it)."""

    names: frozenset[str] = frozenset()
    """People: the action items' owners and the accounts' display names."""
    services: frozenset[str] = frozenset()
    """Services and systems: the post-mortems' tags."""
    distinctive: frozenset[str] = frozenset()
    """Words of the stored post-mortems that name things rather than say them ('PgBouncer', 'k8s',
    'checkout-api', 'Kafka')."""
    corrections: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """`reading_key` of the engine's reading → the text a person corrected it to (the latest, when
    people corrected the same reading differently)."""
    typed: frozenset[str] = frozenset()
    """Every text people typed over a note in review: corrections, and unread notes typed in."""

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word the team uses that a reader should know: for the photo reader's lexicon."""
        corrected = {word for text in self.typed for word in words_of(text)}
        people = {word for name in self.names for word in words_of(name)}
        services = {word for service in self.services for word in words_of(service)}
        every = people | services | self.distinctive | corrected
        return frozenset(w for w in every if len(w) > 1 and any(c.isalpha() for c in w))


EMPTY = TeamVocabulary()


def recall(board: Board, team: TeamVocabulary) -> tuple[Board, int]:
    """The board just read with each reading a person already corrected in an earlier review replaced by
    their correction, and how many notes were. A note the reader re-read (its raw reading in `read_as`) is
    matched by its raw reading, as the person saw it."""
    if not team.corrections:
        return board, 0
    notes: list[Note] = []
    recalled = 0
    for note in board.notes:
        raw = note.read_as if note.read_as is not None else note.text
        key = reading_key(raw)
        correction = team.corrections.get(key) if note.corrected is None and len(key) >= MIN_KEY else None
        if correction is None or correction == note.text:
            notes.append(note)
            continue
        recalled += 1
        # a person typed this for this very reading: as sure as a correction made here
        notes.append(
            note.model_copy(
                update={"text": correction, "read_as": raw, "corrected": "team", "confidence": 1.0}
            )
        )
    return (board.model_copy(update={"notes": tuple(notes)}) if recalled else board), recalled
