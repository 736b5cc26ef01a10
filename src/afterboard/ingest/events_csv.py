"""A CSV of what happened when, `time,event` rows from any tool or typed in a spreadsheet → timeline notes.

The header names a time column (time, timestamp, date, when, at) and an event column (event, what,
description, message, summary, text); other columns are left out. A time is ISO 8601 ('2026-11-20T14:02Z',
'2026-11-20 14:02') or as people write one ('14:02', 'Nov 20 2:05pm'), read by the draft like a typed
note's. A header that states a zone ('time (UTC)') states it for every row; without one, a time written
without a zone is in the draft's zone (`--tz`, the settings).
"""

from __future__ import annotations

import datetime as dt

from afterboard.board import Board
from afterboard.errors import EmptyBoardError, InputError
from afterboard.extract.times import find_time, zone_named, zone_statement
from afterboard.ingest.table import Table
from afterboard.ingest.values import iso_time, logged, one_line

TIME_COLUMNS = ("time", "timestamp", "date", "datetime", "date/time", "when", "at")
EVENT_COLUMNS = ("event", "what", "description", "message", "summary", "text", "note")
HEADER = "Events"
_ANY_DAY = dt.date(2000, 1, 1)
"""Only whether a cell is a time is checked here; the draft reads it against the board's own date."""


def looks_like_events(table: Table) -> bool:
    return _time_column(table) is not None and table.column(*EVENT_COLUMNS) is not None


def read_events(table: Table, *, name: str) -> Board:
    when = _time_column(table)
    what = table.column(*EVENT_COLUMNS)
    assert when is not None and what is not None  # looks_like_events said so
    stated = zone_statement(table.header[when])
    zone = zone_named(stated.zone) if stated else None
    notes = []
    for line, cells in table.rows:
        written, event = one_line(cells[when]), one_line(cells[what])
        if not event:
            continue
        at = iso_time(written, naive=zone)
        if at is None and find_time(written, on=_ANY_DAY) is None:
            raise InputError(
                f"{name} line {line}: '{written[:40]}' is not a time; write it as 2026-11-20 14:02 or 14:02."
            )
        text = event if at is not None else f"{written} {event}"
        notes.append(logged(text, at, source=f"{name}:{line}", header=HEADER))
    if not notes:
        raise EmptyBoardError(f"{name} is a CSV of events with no rows that say what happened.")
    return Board(
        notes=tuple(notes), timezone=stated.zone if stated else None, kind="incident", sources=(name,)
    )


def _time_column(table: Table) -> int | None:
    found = table.column(*TIME_COLUMNS)
    if found is not None:
        return found
    # 'Time (UTC)', 'timestamp, CET': a time column whose header also states the zone
    return next(
        (i for i, h in enumerate(table.header) if h.split("(")[0].strip().lower() in TIME_COLUMNS), None
    )
