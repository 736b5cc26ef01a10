"""Deadlines inside action items: 'by Fri', 'by 12/05', 'due 2026-12-05', 'EOW', 'next sprint', '— Dec 5'.

Relative words are resolved against a reference date (the board's date, else --today, else today).
Calendar dates go to dateparser; the handful of planning words it does not know (EOW, end of sprint,
Q1) are defined here, with the sprint length a setting.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from afterboard.extract._text import cut
from afterboard.extract.dates import DateOrder, parse_date

_SEP = r"[—–|,;(\[{@]|\s-\s|$"
_KEYWORD = re.compile(
    r"(?P<kw>\b(?:by|due(?:\s+date)?|deadline|before|until|till|eta|target(?:\s+date)?|no\s+later\s+than)\b"
    r"\s*:?\s*)(?P<when>[^—–|,;(\[{@]+?)\s*(?=" + _SEP + ")",
    re.IGNORECASE,
)
_PLANNING = re.compile(
    r"\b(?P<when>eod|eow|eom|eoq|eoy|asap|end\s+of\s+(?:the\s+)?(?:day|week|month|quarter|year|sprint)"
    r"|(?:next|this)\s+sprint|q[1-4](?:\s*['’]?\d{2,4})?)\b",
    re.IGNORECASE,
)
_TRAILING_DATE = re.compile(
    r"(?:^|\s[—–-]\s*|\s*[(\[]\s*|(?<=[)\]])\s+)(?P<when>\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)\s*[)\]]?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Deadline:
    due: dt.date | None
    """None when the words name no date (ASAP, 'by the next incident')."""
    text: str
    """The deadline as written, e.g. 'by Fri'."""
    rest: str
    """The note without the deadline."""


def find_deadline(
    text: str, *, today: dt.date, order: DateOrder = "MDY", sprint_days: int = 14
) -> Deadline | None:
    """The deadline an action item states, resolved to a date where the words allow."""
    for pattern in (_KEYWORD, _PLANNING, _TRAILING_DATE):
        for match in pattern.finditer(text):
            when = match["when"].strip()
            due = resolve(when, today=today, order=order, sprint_days=sprint_days)
            if due is None and pattern is not _PLANNING:
                continue
            rest = cut(text, match.start(), match.end())
            return Deadline(due=due, text=match.group(0).strip(" —–-([)]"), rest=rest)
    return None


def resolve(when: str, *, today: dt.date, order: DateOrder = "MDY", sprint_days: int = 14) -> dt.date | None:
    """The date a deadline phrase names: 'Fri', 'EOW', 'end of month', 'next sprint', 'Q1 2027', '12/05'."""
    word = re.sub(r"\s+", " ", when.strip().lower()).removeprefix("the ")
    planned = _planning_date(word, today, sprint_days)
    if planned is not None or word == "asap":
        return planned
    return parse_date(word, today=today, prefer="future", order=order)


def _planning_date(word: str, today: dt.date, sprint_days: int) -> dt.date | None:
    word = word.removeprefix("end of ").removeprefix("the ")
    quarter = re.fullmatch(r"q([1-4])\s*['’]?(\d{2,4})?", word)
    if quarter:
        return _quarter_date(int(quarter[1]), quarter[2], today)
    days_ahead = {
        "eod": 0,
        "day": 0,
        "eow": (4 - today.weekday()) % 7,
        "week": (4 - today.weekday()) % 7,
        "eom": calendar.monthrange(today.year, today.month)[1] - today.day,
        "month": calendar.monthrange(today.year, today.month)[1] - today.day,
        "sprint": sprint_days,
        "this sprint": sprint_days,
        "next sprint": 2 * sprint_days,
    }.get(word)
    if days_ahead is not None:
        return today + dt.timedelta(days=days_ahead)
    if word in {"eoq", "quarter"}:
        return _quarter_end(today.year, (today.month - 1) // 3 + 1)
    if word in {"eoy", "year"}:
        return dt.date(today.year, 12, 31)
    return None


def _quarter_date(quarter: int, year_text: str | None, today: dt.date) -> dt.date:
    """The last day of a quarter: 'Q1 2027', or the next Q1 still ahead when no year is written."""
    year = int(year_text) if year_text else today.year
    year = year + 2000 if year < 100 else year
    end = _quarter_end(year, quarter)
    return end if year_text or end >= today else _quarter_end(year + 1, quarter)


def _quarter_end(year: int, quarter: int) -> dt.date:
    month = quarter * 3
    return dt.date(year, month, calendar.monthrange(year, month)[1])
