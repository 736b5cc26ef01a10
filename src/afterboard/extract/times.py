"""Clock times inside notes: '14:02', '2:05pm', '14:02 UTC', 'Nov 20 14:02', '2026-11-20T14:02Z'.

A small pattern finds where a time is written; the date beside it goes to dateparser (`dates.py`) and the
zone to zoneinfo or dateparser's table of abbreviations. A time without a date falls on the reference date;
without a zone, in the zone the caller passes (the board's stated zone, else UTC).
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache

from afterboard.extract.dates import DATE_PATTERN, DateOrder, parse_date

_DATE = rf"(?P<date>{DATE_PATTERN})"
_CLOCK = (
    r"(?P<h>[01]?\d|2[0-3])(?:[:h](?P<m>[0-5]\d))(?::(?P<s>[0-5]\d))?(?:\.\d+)?"
    r"(?:\s*(?P<ampm>[ap]\.?m\.?)(?![a-z]))?"
    r"|(?P<h12>1[0-2]|0?[1-9])\s*(?P<ampm12>[ap]\.?m\.?)(?![a-z])"
)
# Zone abbreviations are matched in capitals only, or 'alert' would read as a zone ending in T.
_ZONE = (
    r"(?P<zone>(?-i:Z(?![a-z])|[A-Z]{2,4}T\b|CET|CEST|IST|HKT)"
    r"|(?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})"
)
_TIME = re.compile(
    rf"(?<![\w:/.-])(?:{_DATE}(?:[T\s,]+|\s+at\s+))?(?:{_CLOCK})(?:\s*{_ZONE})?(?![\w/]|:\d)",
    re.IGNORECASE,
)


_ZONE_STATEMENT = re.compile(
    r"\b(?:all\s+)?times?\s+(?:are\s+)?(?:in\s+)?(?P<tz>[A-Za-z][\w/+:-]*|[+-]\d{2}:?\d{2})\b"
    r"|\btime\s*zone\s*[:=]?\s*(?P<tz2>[\w/+:-]+)|\((?P<tz3>UTC|GMT|[A-Z]{2,4}T|[A-Z][a-z]+/[A-Za-z_]+)\)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ZoneStatement:
    zone: str
    """The zone as written, upper-cased when it is an abbreviation ('UTC', 'CET', 'Europe/Berlin')."""
    alone: bool
    """Whether stating the zone is all the text does ('(all times UTC)'), so it is no note or event."""


def zone_statement(text: str) -> ZoneStatement | None:
    """The time zone a line states for its times: 'all times UTC', 'Times are in CET', 'Timezone: PST',
    '(UTC)'; None when it states none (a zone beside one time, '14:02 UTC', is not a statement)."""
    for found in _ZONE_STATEMENT.finditer(text):
        name = found["tz"] or found["tz2"] or found["tz3"]
        if name and zone_named(name) is not None:
            rest = (text[: found.start()] + text[found.end() :]).strip(" \t-*_.:()[]")
            return ZoneStatement(name.upper() if len(name) <= 5 else name, alone=rest == "")
    return None


@dataclass(frozen=True)
class FoundTime:
    at: dt.datetime
    """Time-zone aware."""
    text: str
    """The time exactly as written."""
    start: int
    end: int
    zone: str | None
    """The zone written beside the time, if any."""
    dated: bool
    """Whether a date was written with the time."""


def find_time(
    text: str, *, on: dt.date, tz: dt.tzinfo = dt.UTC, order: DateOrder = "MDY"
) -> FoundTime | None:
    """The first clock time written in `text`, on date `on` unless the text gives its own date."""
    for match in _TIME.finditer(text):
        found = _to_found(match, on=on, tz=tz, order=order)
        if found is not None:
            return found
    return None


def strip_leading_time(text: str, found: FoundTime) -> str:
    """'14:02 - alert fired' → 'alert fired'; a time later in the sentence stays where it is."""
    if text[: found.start].strip(" -–—*_[]()") != "":
        return text.strip()
    return text[found.end :].strip(" \t-–—:|,*_").strip() or text.strip()


def zone_named(name: str) -> dt.tzinfo | None:
    """A tzinfo for 'UTC', 'Europe/Berlin', 'PST', 'UTC+2', '+01:00'; None when unknown."""
    return _zone_named(name.strip())


@lru_cache(maxsize=256)
def _zone_named(name: str) -> dt.tzinfo | None:
    if not name:
        return None
    if name.upper() in {"Z", "UTC", "GMT"}:
        return dt.UTC
    offset = re.fullmatch(r"(?:UTC|GMT)?\s?([+-])(\d{1,2})(?::?(\d{2}))?", name, re.IGNORECASE)
    if offset:
        sign = -1 if offset[1] == "-" else 1
        delta = dt.timedelta(hours=int(offset[2]), minutes=int(offset[3] or 0))
        return dt.timezone(sign * delta)
    if "/" in name:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return None
    from dateparser.timezone_parser import pop_tz_offset_from_string

    rest, tz = pop_tz_offset_from_string(f"x {name}")
    return tz if isinstance(tz, dt.tzinfo) and rest.strip() == "x" else None


def _to_found(match: re.Match[str], *, on: dt.date, tz: dt.tzinfo, order: DateOrder) -> FoundTime | None:
    if match["h12"]:
        hour, minute, second = int(match["h12"]), 0, 0
        ampm = match["ampm12"]
    else:
        hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"] or 0)
        ampm = match["ampm"]
    if ampm:
        if hour > 12 or hour == 0:
            return None
        is_pm = ampm.lower().startswith("p")
        hour = hour % 12 + (12 if is_pm else 0)
    day = on
    if match["date"]:
        parsed = parse_date(match["date"], today=on, prefer="past", order=order)
        if parsed is None:
            return None
        day = parsed
    zone = match["zone"]
    zone_tz = zone_named(zone) if zone else None
    if zone and zone_tz is None:
        return None
    at = dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=zone_tz or tz)
    return FoundTime(
        at=at,
        text=match.group(0).strip(),
        start=match.start(),
        end=match.end(),
        zone=zone,
        dated=bool(match["date"]),
    )
