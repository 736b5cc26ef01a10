"""Calendar dates as people write them ('Fri', '12/05', 'Dec 5', '2026-12-05'), read by dateparser."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Literal

DateOrder = Literal["MDY", "DMY", "YMD"]

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_PATTERN = (
    rf"\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?"
)
"""A calendar date written in one of the usual ways: 2026-11-20, Nov 20(, 2026), 20 Nov 2026, 11/20(/26)."""
_DATE_IN_TEXT = re.compile(rf"(?<![\w/-])(?:{DATE_PATTERN})(?![\w/])", re.IGNORECASE)
Prefer = Literal["past", "future", "current_period"]


def parse_date(
    text: str, *, today: dt.date, prefer: Prefer = "current_period", order: DateOrder = "MDY"
) -> dt.date | None:
    """The date `text` names relative to `today`, or None when it names none."""
    text = text.strip().strip(".,;")
    # A bare number ('2026', '5') is a year or a count far more often than a date.
    if not text or (not any(c.isalpha() for c in text) and "/" not in text and "-" not in text):
        return None
    text = text.lower()
    return _plain(text, today, prefer, order) or _parse(text, today, prefer, order)


def find_date(
    text: str, *, today: dt.date, prefer: Prefer = "past", order: DateOrder = "MDY"
) -> dt.date | None:
    """The first calendar date written inside a sentence ('Checkout outage, Nov 20'), or None."""
    found = find_date_span(text, today=today, prefer=prefer, order=order)
    return found[0] if found else None


def find_date_span(
    text: str, *, today: dt.date, prefer: Prefer = "past", order: DateOrder = "MDY"
) -> tuple[dt.date, int, int] | None:
    """The first calendar date inside `text`, with where it is written (start, end)."""
    for match in _DATE_IN_TEXT.finditer(text):
        found = parse_date(match.group(0), today=today, prefer=prefer, order=order)
        if found is not None:
            return found, match.start(), match.end()
    return None


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH_DAY = re.compile(rf"({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?")
_DAY_MONTH = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})(?:,?\s+(\d{{4}}))?")
_NUMERIC = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _plain(text: str, today: dt.date, prefer: Prefer, order: DateOrder) -> dt.date | None:
    """The common forms ('2026-11-20', 'nov 20', '20 november 2026', '12/05', 'fri') read as dateparser reads
    them but without it, whose first call costs most of a second (a cold `afterboard check` of a post-mortem
    whose action items are due '12/05' or 'Fri' paid it); anything else (or impossible: 'feb 30') is None.
    """
    known = _weekday(text, today, prefer) or _numeric(text, today, prefer, order)
    if known is not None:
        return known
    iso = _ISO.fullmatch(text)
    named = _MONTH_DAY.fullmatch(text)
    reverse = None if named else _DAY_MONTH.fullmatch(text)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if named or reverse:
            parts = (named[1], named[2], named[3]) if named else (reverse[2], reverse[1], reverse[3])  # type: ignore[index]
            month_word, day, year = parts
            month = _MONTHS.index(month_word[:3]) + 1
            if year:
                return dt.date(int(year), month, int(day))
            return _in_year_preferred(month, int(day), today, prefer)
    except ValueError:
        return None
    return None


def _weekday(text: str, today: dt.date, prefer: Prefer) -> dt.date | None:
    """'Fri' or 'friday': the next one after today (future), the last one before it (past), or the last one
    on or before it (current period), as dateparser reads a bare weekday."""
    if len(text) < 3:
        return None
    index = next(
        (i for i, day in enumerate(_WEEKDAYS) if day.startswith(text) and len(text) in (3, len(day))), -1
    )
    if index < 0:
        return None
    back = (today.weekday() - index) % 7
    if prefer == "future":
        return today + dt.timedelta(days=(index - today.weekday() - 1) % 7 + 1)
    if prefer == "past" and back == 0:
        back = 7
    return today - dt.timedelta(days=back)


def _numeric(text: str, today: dt.date, prefer: Prefer, order: DateOrder) -> dt.date | None:
    """'12/05' or '12/05/2026' in the document's day order; None for a two-digit year or an impossible day."""
    numeric = _NUMERIC.fullmatch(text) if order != "YMD" else None
    if numeric is None:
        return None
    first, second, year = numeric.groups()
    month, day = (int(first), int(second)) if order == "MDY" else (int(second), int(first))
    try:
        return dt.date(int(year), month, day) if year else _in_year_preferred(month, day, today, prefer)
    except ValueError:
        return None  # dateparser swaps an impossible day and month ('13/05'); leave that to it


def _in_year_preferred(month: int, day: int, today: dt.date, prefer: Prefer) -> dt.date:
    """'Nov 20' without a year: this year's, unless `prefer` asks for one not after (past) or not before
    (future) today."""
    this_year = dt.date(today.year, month, day) if (month, day) != (2, 29) else None
    if this_year is None:
        raise ValueError("29 February without a year")
    if prefer == "past" and this_year > today:
        return this_year.replace(year=today.year - 1)
    if prefer == "future" and this_year <= today:  # as dateparser: from noon today, today is past
        return this_year.replace(year=today.year + 1)
    return this_year


@lru_cache(maxsize=4096)
def _parse(text: str, today: dt.date, prefer: Prefer, order: DateOrder) -> dt.date | None:
    import dateparser  # deferred: importing it costs ~0.2 s, and `import afterboard` must do no work

    base = dt.datetime.combine(today, dt.time(12, 0))
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": prefer,
            "DATE_ORDER": order,
            # A deadline 'by December' means the end of it; a timeline 'in December' its start.
            "PREFER_DAY_OF_MONTH": "last" if prefer == "future" else "first",
        },
    )
    return parsed.date() if parsed is not None else None
