"""Timeline notes → sorted entries; which of them are the incident's moments is `extract/events.py`'s."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from afterboard.board import Note
from afterboard.extract.dates import DateOrder, find_date_span
from afterboard.extract.times import find_time, strip_leading_time
from afterboard.postmortem import TimelineEntry

_NEXT_DAY = dt.timedelta(hours=12)
"""A time this much earlier than the one written above it is taken as past midnight (23:50, then 00:10)."""


def build_timeline(
    notes: Sequence[Note], *, on: dt.date, tz: dt.tzinfo, order: DateOrder
) -> list[TimelineEntry]:
    """Entries in time order; an entry without a time keeps its place after the entry written above it."""
    entries: list[TimelineEntry] = []
    sort_keys: list[dt.datetime | None] = []
    previous: dt.datetime | None = None
    for note in notes:
        entry, dated = _entry(note, on=on, tz=tz, order=order)
        if entry.at is not None and previous is not None and not dated and previous - entry.at > _NEXT_DAY:
            entry = entry.model_copy(update={"at": entry.at + dt.timedelta(days=1)})
        if entry.at is not None:
            previous = entry.at
        entries.append(entry)
        sort_keys.append(previous)
    first = min((k for k in sort_keys if k is not None), default=None)
    ranked = sorted(
        range(len(entries)),
        key=lambda i: (sort_keys[i] or first or dt.datetime.min.replace(tzinfo=dt.UTC), i),
    )
    return [entries[i] for i in ranked]


def _entry(note: Note, *, on: dt.date, tz: dt.tzinfo, order: DateOrder) -> tuple[TimelineEntry, bool]:
    """The entry for one note, and whether its time came with a date (so it never rolls past midnight)."""
    source, confidence = note.source, note.confidence
    if note.time is not None:
        at = note.time if note.time.tzinfo else note.time.replace(tzinfo=tz)
        return TimelineEntry(text=note.text, at=at, source=source, confidence=confidence), True
    found = find_time(note.text, on=on, tz=tz, order=order)
    if found is not None:
        text = strip_leading_time(note.text, found)
        entry = TimelineEntry(
            text=text, at=found.at, time_text=found.text, source=source, confidence=confidence
        )
        return entry, found.dated
    dated = find_date_span(note.text, today=on, order=order)
    if dated is None:
        return TimelineEntry(text=note.text, source=source, confidence=confidence), True
    day, start, end = dated
    text = note.text[end:].strip(" \t-–—:|,") if note.text[:start].strip(" -–—*") == "" else note.text
    midnight = dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz)
    entry = TimelineEntry(
        text=text or note.text,
        at=midnight,
        time_text=note.text[start:end],
        source=source,
        confidence=confidence,
    )
    return entry, True
