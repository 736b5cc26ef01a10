"""Timeline sections → entries with times, in the order written, and the time zone the document states.

Timelines come as tables (a time column, an event column, afterboard's mark column), as lists or lines that
start with a time (`- **16:58 UTC** - ...`, `15:27 - ...<br>`), as one heading per timestamp with the event
under it, and grouped by day (`### 2023-08-25`). A time without a date falls on the day last written, else
the document's date; a time far earlier than the one above it is taken as past midnight.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from afterboard.extract.dates import DATE_PATTERN, DateOrder, find_date
from afterboard.extract.events import Moments, find_moments, with_marks
from afterboard.extract.times import FoundTime, find_time, zone_named, zone_statement
from afterboard.parse.markdown import Block
from afterboard.parse.outline import Part, is_time_heading
from afterboard.parse.pieces import doubt
from afterboard.postmortem import Mark, TimelineEntry

_NEXT_DAY = dt.timedelta(hours=12)
_ZONE_TOKEN = re.compile(
    r"(?<![\w/])(?:(?:UTC|GMT)\s?[+-]\d{1,2}(?::?\d{2})?|UTC|GMT|[A-Z]{2,4}T|CET|CEST|IST|HKT"
    r"|[A-Z][a-z]+/[A-Z][A-Za-z_]+)(?![\w/])"
)
_LEADING_DATE = re.compile(rf"^\W*({DATE_PATTERN})\b", re.IGNORECASE)
_YEAR = re.compile(r"\b\d{4}\b")
_ASSUMED = re.compile(r"\bassumed\b", re.IGNORECASE)
_SLASH_DATE = re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b")
_MDY_DASHED = re.compile(r"\b(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])-(\d{4})\b")
_TIMED_LINE = re.compile(
    r"^[-*•]?\s*(?:\d{4}-\d{2}-\d{2}[T ]?)?(?:[01]?\d|2[0-3])(?::[0-5]\d)?(?::\d\d)?\s*(?:[ap]\.?m\.?)?\b",
    re.IGNORECASE,
)
_TIME_HEADER = re.compile(r"\b(?:time|date|when|timestamp)\b", re.IGNORECASE)
_MARKS = {m.value: m for m in Mark}
_SHOUTED = (
    (
        re.compile(
            r"\b(?:OUTAGE|INCIDENT|IMPACT) (?:BEGINS|STARTS|STARTED)\b|START\s+OF\s+(?:OUTAGE|INCIDENT)"
        ),
        Mark.STARTED,
    ),
    (re.compile(r"\b(?:OUTAGE|INCIDENT) (?:DETECTED)\b"), Mark.DETECTED),
    (re.compile(r"\b(?:OUTAGE|INCIDENT|IMPACT) MITIGATED\b"), Mark.MITIGATED),
    (
        re.compile(r"\b(?:OUTAGE|INCIDENT|IMPACT) (?:ENDS|ENDED|RESOLVED)\b|END\s+OF\s+(?:OUTAGE|INCIDENT)"),
        Mark.RESOLVED,
    ),
)
"""Moments a document marks in capitals (the SRE book's 'OUTAGE BEGINS', Flutter's '<START OF OUTAGE>')."""


@dataclass
class Timeline:
    entries: list[TimelineEntry] = field(default_factory=list)
    zone: str | None = None
    """The time zone the document states for its timeline, None when it states none."""
    moments: Moments = field(default_factory=Moments)


def stated_zone(texts: Iterable[str]) -> str | None:
    """The first time zone named in these texts ('Timeline (all times in PST/PDT)' → 'PST')."""
    for text in texts:
        if _ASSUMED.search(text):
            continue
        for found in _ZONE_TOKEN.finditer(text):
            if zone_named(found.group(0)) is not None:
                return found.group(0)
    return None


def read_timeline(
    parts: list[Part],
    *,
    on: dt.date,
    default_tz: dt.tzinfo,
    name: str,
    order: DateOrder = "MDY",
    marks: bool = True,
) -> Timeline:
    """The entries of the timeline sections, in the order written, with the incident's moments marked
    (`marks=False` for a project's milestones)."""
    zone = stated_zone([p.title for p in parts] + _head_texts(parts))
    tz = (zone_named(zone) if zone else None) or default_tz
    reader = _Reader(day=on, tz=tz, name=name, order=order)
    for part in parts:
        for block in part.blocks:
            reader.block(block)
    if not marks:
        return Timeline(reader.entries, zone or reader.zone)
    moments = _moments(reader.entries, reader.explicit, complete=reader.mark_column)
    return Timeline(with_marks(reader.entries, moments), zone or reader.zone, moments)


def _head_texts(parts: list[Part]) -> list[str]:
    """Table headers and the first lines of each timeline section, where a zone is usually stated."""
    texts: list[str] = []
    for part in parts:
        rows = [b for b in part.blocks if b.kind == "row"]
        if rows:
            texts.append(" ".join(rows[0].header))
        texts.extend(b.text for b in part.blocks[:2] if b.kind == "paragraph")
    return texts


@dataclass
class _Reader:
    day: dt.date
    tz: dt.tzinfo
    name: str
    order: DateOrder
    entries: list[TimelineEntry] = field(default_factory=list)
    explicit: dict[int, Mark] = field(default_factory=dict)
    zone: str | None = None
    mark_column: bool = False
    """A table with a column of marks (afterboard's drafts): the marks there are all there are."""
    previous: dt.datetime | None = None
    open_heading: bool = False
    """The last entry came from a time heading and still waits for its text."""

    def block(self, block: Block) -> None:
        if block.kind == "heading":
            self._heading(block)
        elif block.kind == "row":
            self._row(block)
        elif block.kind in {"item", "paragraph"} or (block.kind == "code" and _entries_in_code(block.text)):
            # an indented list is a code block to Markdown, but under a timeline heading it is the timeline
            self._lines(block)

    def _heading(self, block: Block) -> None:
        text = _dates_dashed(block.flat.strip(" _*"))
        found = self._time(text)
        if found is None:
            if is_time_heading(text) and (day := find_date(text, today=self.day, order=self.order)):
                self.day, self.previous = day, None
            return
        self._add(found, text, block.line, dated=found.dated)
        self.open_heading = not self.entries[-1].text

    def _row(self, block: Block) -> None:
        cells = list(block.cells)
        column = next((i for i, h in enumerate(block.header) if _TIME_HEADER.search(h)), 0)
        if column >= len(cells):
            return
        mark = None
        if len(cells) > 2 and not block.header[-1].strip() and cells[-1].strip("* ").lower() in {"", *_MARKS}:
            self.mark_column = True
            label = cells.pop().strip("* ").lower()
            mark = _MARKS.get(label)
        when = _dates_dashed(cells.pop(column))
        text = " — ".join(c for c in cells if c)
        found = self._time(when)
        if found is None:
            day = find_date(when, today=self.day, order=self.order) if when else None
            if day is not None:
                self.day, self.previous = day, None
                at = dt.datetime.combine(day, dt.time(0, 0), tzinfo=self.tz)
                self._append(TimelineEntry(text=text, at=at, time_text=when), block.line, mark)
            elif text:
                self._append(TimelineEntry(text=text), block.line, mark)
            return
        self._add(found, found.text + " " + text, block.line, dated=found.dated, mark=mark)

    def _lines(self, block: Block) -> None:
        timed_here = False
        for offset, raw in enumerate(block.text.split("\n")):
            line = _dates_dashed(raw.strip())
            if not line:
                continue
            found = self._time(line)
            if found is not None and found.start <= 3:
                self._add(found, line, block.line + offset, dated=found.dated)
                timed_here = True
                continue
            if timed_here and not find_date(line, today=self.day, order=self.order):
                self._continue(line)
                continue
            dated = _LEADING_DATE.match(line)
            if dated and len(line.split()) > 2:
                self._dated(dated, line, block.line + offset)
                continue
            if self.open_heading and self.entries:
                self.entries[-1] = self.entries[-1].model_copy(update={"text": line})
                self.open_heading = False
                continue
            day = find_date(line, today=self.day, order=self.order)
            if day is not None and len(line.split()) <= 6:
                self.day, self.previous = day, None
                continue
            if block.kind == "item" and offset == 0:
                self._append(TimelineEntry(text=line), block.line)

    def _dated(self, found: re.Match[str], line: str, number: int) -> None:
        """'2021-08-17: report received' → an entry on that day, at its start (no clock time given);
        '2015-10-21 (all times UTC)' only names the day the entries below fall on."""
        day = find_date(found.group(1), today=self.day, order=self.order)
        if day is None:
            self._append(TimelineEntry(text=line), number)
            return
        self.day, self.previous = day, None
        text = line[found.end() :].strip(" -–—:*_|")
        stated = zone_statement(text)
        if stated is not None and stated.alone:
            return
        at = dt.datetime.combine(day, dt.time(0, 0), tzinfo=self.tz)
        self._append(TimelineEntry(text=text, at=at, time_text=found.group(1)), number)

    def _continue(self, line: str) -> None:
        """A line wrapped inside the entry above it."""
        index = len(self.entries) - 1
        entry = self.entries[index]
        text = f"{entry.text} {line}".strip()
        mark = next((m for pattern, m in _SHOUTED if pattern.search(text)), None)
        if mark is not None and index not in self.explicit:
            self.explicit[index] = mark
        self.entries[index] = entry.model_copy(update={"text": text})

    def _time(self, text: str) -> FoundTime | None:
        found = find_time(text, on=self.day, tz=self.tz, order=self.order)
        if found is not None and found.dated and not _YEAR.search(found.text):
            found = replace(found, at=_nearest_year(found.at, self.day))
        if found is not None and found.zone and self.zone is None and zone_named(found.zone):
            self.zone = found.zone
        return found

    def _add(self, found: FoundTime, text: str, line: int, *, dated: bool, mark: Mark | None = None) -> None:
        at = found.at
        if dated:
            self.day = at.date()
        elif self.previous is not None and self.previous - at > _NEXT_DAY:
            at += dt.timedelta(days=1)
            self.day = at.date()
        self.previous = at
        before = text[: found.start].strip(" -–—*_[]()#")
        rest = (text[found.end :] if not before else text).strip(" -–—:*_|")
        for pattern, shouted in _SHOUTED:
            if pattern.search(rest):
                mark = mark or shouted
        entry = TimelineEntry(text=rest, at=at, time_text=found.text)
        self._append(entry, line, mark)

    def _append(self, entry: TimelineEntry, line: int, mark: Mark | None = None) -> None:
        text, confidence = doubt(entry.text)
        entry = entry.model_copy(
            update={"text": text, "confidence": confidence, "source": f"{self.name}:{line}"}
        )
        if mark is not None:
            self.explicit[len(self.entries)] = mark
        self.entries.append(entry)
        self.open_heading = False


def _moments(entries: list[TimelineEntry], explicit: dict[int, Mark], *, complete: bool) -> Moments:
    """The moments the document marks, completed (unless its marks are `complete`) by those the entries'
    words mark."""
    if not explicit and not complete:
        return find_moments(entries)
    chosen: dict[Mark, TimelineEntry] = {}
    for index, mark in sorted(explicit.items()):
        if mark is Mark.RESOLVED or mark not in chosen:
            chosen[mark] = entries[index]
    words = Moments() if complete else find_moments(entries)
    return Moments(
        started=chosen.get(Mark.STARTED, words.started),
        detected=chosen.get(Mark.DETECTED, words.detected),
        mitigated=chosen.get(Mark.MITIGATED, words.mitigated),
        resolved=chosen.get(Mark.RESOLVED, words.resolved),
    )


def _nearest_year(at: dt.datetime, day: dt.date) -> dt.datetime:
    """'Jan 15, 5:33 PM' written without a year falls in the year that puts it nearest the document's day
    (a parser preferring the past would put it a year early when it is a few hours after that day)."""
    candidates = []
    for year in (day.year - 1, day.year, day.year + 1):
        try:
            candidates.append(at.replace(year=year))
        except ValueError:  # 29 February
            continue
    reference = dt.datetime.combine(day, dt.time(12, 0), tzinfo=at.tzinfo)
    return min(candidates, key=lambda c: abs(c - reference)) if candidates else at


def _dates_dashed(text: str) -> str:
    """'2018/02/26' → '2018-02-26' and '07-27-2023' → '2023-07-27': forms the date parser reads."""
    text = _SLASH_DATE.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", text)
    return _MDY_DASHED.sub(lambda m: f"{m[3]}-{int(m[1]):02d}-{int(m[2]):02d}", text)


def _entries_in_code(text: str) -> bool:
    """Whether most lines of a code block start with a time ('- 11:16 ::::: deployed', '7:32 PM - ...')."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    timed = sum(1 for line in lines if _TIMED_LINE.match(line))
    return bool(lines) and timed >= max(1, len(lines) // 2)
