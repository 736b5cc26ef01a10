"""A timeline drawn as a line or an arrow across the board, its notes stuck above and below it.

A line across is a timeline when notes sit close to it on both sides, sticky notes or notes that carry a
time (a whiteboard's panel edges run between lines of prose), no column line crosses it (the cross of a
2x2 board), and no header other than a timeline's stands above it (a line under a row of column headers
divides the board; it is not a timeline). Its notes are those close to it that no other header claims;
they become the timeline section, read along the line from left to right, as the team wrote it: the
times on the notes are kept in their text, for the draft to read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from afterboard.extract.times import find_time
from afterboard.ingest.blocks import Header, Placed
from afterboard.ingest.separators import Separator
from afterboard.sections import Section

NEAR = 1.5
"""How far from the line a note may be, in its own heights: a second note stacked above the first is
still on the timeline, a note half the board away is not."""
MIN_NOTES = 3
"""Sticky notes or timed notes a line needs along it to be a timeline (at least one on each side)."""


def along_drawn_timeline(
    placed: Sequence[Placed], headers: Sequence[Header], separators: Sequence[Separator], *, today: dt.date
) -> list[Placed]:
    """The notes of a timeline drawn across the board, left to right, given the timeline section; none
    when no line across is one."""
    columns = [s for s in separators if not s.across]
    for line in sorted((s for s in separators if s.across), key=lambda s: s.start - s.end):
        if any(column.crosses(line) for column in columns) or _headed_otherwise(line, headers):
            continue
        near = [p for p in placed if _timeline_header(p.header) and _near(p, line)]
        stuck = [p for p in near if p.block.sticky is not None or find_time(p.block.text, on=today)]
        above = [p for p in stuck if _centre(p)[1] < line.y_at(_centre(p)[0])]
        if len(stuck) >= MIN_NOTES and 0 < len(above) < len(stuck):
            for p in near:
                p.section = Section.TIMELINE.value
            return sorted(near, key=lambda p: _centre(p)[0])
    return []


def in_timeline_order(ordered: Sequence[Placed], timeline: Sequence[Placed]) -> list[Placed]:
    """`ordered` with the timeline's notes, in the places they hold, in the timeline's order."""
    on_line = {id(p) for p in timeline}
    following = iter(timeline)
    return [next(following) if id(p) in on_line else p for p in ordered]


def _headed_otherwise(line: Separator, headers: Sequence[Header]) -> bool:
    for header in headers:
        x0, _, x1, y1 = header.line.box
        centre = (x0 + x1) / 2
        if line.start <= centre <= line.end and y1 < line.y_at(centre) and not _timeline_header(header):
            return True
    return False


def _timeline_header(header: Header | None) -> bool:
    return header is None or header.section is Section.TIMELINE


def _near(placed: Placed, line: Separator) -> bool:
    x0, y0, x1, y1 = placed.block.box
    cx = (x0 + x1) / 2
    reach = NEAR * (y1 - y0)
    if not line.start - reach <= cx <= line.end + reach:
        return False
    y = line.y_at(cx)
    return y0 - reach <= y <= y1 + reach


def _centre(placed: Placed) -> tuple[float, float]:
    x0, y0, x1, y1 = placed.block.box
    return (x0 + x1) / 2, (y0 + y1) / 2
