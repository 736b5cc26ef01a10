"""The Board: what any source (photo, typed notes, chat export...) was read into, before drafting.

A board is a flat list of notes. Each note keeps where it came from (file and line, or its box on the
photo), how sure the reader is of its text, and the section it was found under: a canonical key from
`sections.Section`, or the header as written when it matched none. Nothing here is interpreted yet: times,
owners and deadlines are parsed out of the text by `draft()`, unless a reader had them as structured data
(`time`, `owner`, `due`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Box = tuple[int, int, int, int]
"""x0, y0, x1, y1 in pixels of the (oriented) source image."""


class Note(BaseModel):
    """One sticky note, marker line or typed bullet."""

    model_config = ConfigDict(frozen=True)

    text: str
    section: str | None = None
    """A `Section` value, the header as written when it is none of those, or None when unplaced."""
    header: str | None = None
    """The header exactly as written on the board or in the notes, when there was one."""
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    box: Box | None = None
    colour: str | None = None
    region: str | None = None
    """Where on the board, e.g. 'column 2'; for typed notes the heading path."""
    time: dt.datetime | None = None
    """Set by readers whose source carries structured times (alert logs, chat exports)."""
    source: str | None = None
    """Provenance, e.g. 'notes.md:14' or 'board.jpg#note-7'."""
    author: str | None = None
    """Who wrote the note, when the source says (a digital board's sticky, a Trello card's creator)."""
    votes: int | None = None
    """Dot votes, stamps or +1s the note received, when the source counts them; the draft lists the
    notes of a section most voted first."""
    owner: str | None = None
    """The action item's owner as structured data (a Trello card's members), over any read from the text."""
    due: dt.date | None = None
    """The action item's deadline as structured data (a card's due date), over any read from the text."""
    read_as: str | None = None
    """What the OCR engine read, when the text differs from it: words re-read with the lexicon
    (`ingest/lexicon.py`), a person's correction in review, or the team's earlier correction recalled. The
    raw reading stays visible; a person's correction (with the note's box on the photo) is kept for the
    team's vocabulary."""
    corrected: Literal["review", "team"] | None = None
    """Who corrected the text from the engine's reading (`read_as`): a person in this board's review
    ('review', kept for the team's vocabulary), or the team in an earlier review of the same reading,
    applied again from the archive ('team': `team_vocabulary.recall`; no one has checked it on this board
    yet). None when the text is the reader's own, even where the reader re-read it."""


class Board(BaseModel):
    """Everything read from one source, or several merged."""

    model_config = ConfigDict(frozen=True)

    notes: tuple[Note, ...] = ()
    title: str | None = None
    date: dt.date | None = None
    """The board's own date, when the notes state one (reference for times and deadlines)."""
    timezone: str | None = None
    """The time zone the board states for its times, e.g. 'UTC' or 'Europe/Berlin'."""
    kind: str | None = None
    """'incident' or 'project' when the source says which."""
    severity: str | None = None
    sources: tuple[str, ...] = ()
    empty_headers: tuple[str, ...] = ()
    """Headers written on the board with no note under them (an empty column of a retro template)."""

    def in_section(self, section: str) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if n.section == section)

    @property
    def is_empty(self) -> bool:
        return not any(n.text.strip() for n in self.notes)

    @property
    def unread(self) -> tuple[Note, ...]:
        """Notes found on a photo on which nothing could be read: a person types them from the photo."""
        return tuple(n for n in self.notes if not n.text.strip())

    @property
    def headers(self) -> tuple[str, ...]:
        """Section headers in the order they first appear."""
        seen: dict[str, None] = {}
        for note in self.notes:
            if note.section is not None:
                seen.setdefault(note.header or note.section, None)
        return tuple(seen)

    def merged(self, other: Board) -> Board:
        """This board followed by another part of the same board (a wide board shot in parts)."""
        return Board(
            notes=self.notes + other.notes,
            title=self.title or other.title,
            date=self.date or other.date,
            timezone=self.timezone or other.timezone,
            kind=self.kind or other.kind,
            severity=self.severity or other.severity,
            sources=self.sources + other.sources,
            empty_headers=self.empty_headers + other.empty_headers,
        )
