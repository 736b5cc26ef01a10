"""Reading the values export files hold, the same way in every reader: text on one line, markup as a person
reads it, ISO 8601 times, JSON objects whatever else a field holds; and the timeline note an event log's
entry becomes."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Mapping
from typing import Any

from afterboard.board import Note
from afterboard.sections import Section

_BREAKS = re.compile(r"<\s*(?:br|/p|/div|/li|/h\d)\s*/?\s*>|<\s*li\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_FIRST_YEAR = 1900
"""Earlier times are placeholders, not times: Go's zero time ('0001-01-01T00:00:00Z') means 'not yet'."""


def one_line(value: object) -> str:
    """`value` as text on one line with single spaces; '' for None."""
    return " ".join(str(value).split()) if value is not None else ""


def plain_html(markup: object) -> str:
    """Rich text as a board shows it ('<p>Slow <strong>rollback</strong></p><p>&amp; retry</p>') on one
    line ('Slow rollback & retry'): paragraphs and line breaks become spaces, tags go, entities decode."""
    if markup is None:
        return ""
    text = _BREAKS.sub(" ", str(markup))
    return one_line(html.unescape(_TAG.sub("", text)))


def iso_time(value: object, *, naive: dt.tzinfo | None = dt.UTC) -> dt.datetime | None:
    """An ISO 8601 time ('2026-11-20T09:12:00Z', nanoseconds and offsets allowed); one that states no zone
    is taken in `naive` (None leaves it naive, for the board's zone to decide). None when the value is
    missing, not a time, or a placeholder."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        at = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if at.year < _FIRST_YEAR:
        return None
    return at if at.tzinfo or naive is None else at.replace(tzinfo=naive)


def mapping(value: object) -> Mapping[str, Any]:
    """`value` when it is a JSON object, else an empty one: exports leave out or null what they lack."""
    return value if isinstance(value, Mapping) else {}


def number(value: object) -> float:
    """A JSON number, or a number written as a string ('14', as Miro writes font sizes); 0.0 otherwise."""
    if isinstance(value, bool):
        return 0.0
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


def logged(text: str, at: dt.datetime | None, *, source: str, header: str) -> Note:
    """A timeline note for an event a tool logged, with the tool's own time for it."""
    return Note(text=text, section=Section.TIMELINE.value, header=header, time=at, source=source)
