"""Durations as people write them: '45m', '1h 20m', '2 hours', '90 min', '1.5h', 'PT45M'."""

from __future__ import annotations

import datetime as dt
import re

_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_PART = re.compile(
    # '1h20m' joins parts, 'v2.3h' is no duration; '1.2m users' is a count, not 1.2 minutes
    r"(?<![\d.,])(?<![a-ce-gi-ln-rt-z])(?P<n>\d+(?:[.,]\d+)?)\s*"
    r"(?P<unit>days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-zA-Z])"
    r"(?!\s*(?:users|customers|people|accounts|requests|rows|records|events|orgs|sites|tenants))",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "ninety": 90,
}
_WORDED = re.compile(
    rf"\b(?P<n>{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})\s+(?P<unit>days?|hours?|minutes?)\b",
    re.IGNORECASE,
)
"""'about two hours', 'an hour': durations written in words, as prose tells them."""
_JOINER = re.compile(r"\s*(?:,|and)?\s*")
_CLOCK = re.compile(r"^(?P<h>\d{1,3}):(?P<m>[0-5]\d)$")


def parse_duration(text: str) -> dt.timedelta | None:
    """The duration a short text states, or None. A bare number is minutes; 'h:mm' is hours and minutes."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return dt.timedelta(minutes=float(text))
    clock = _CLOCK.match(text)
    if clock:
        return dt.timedelta(hours=int(clock["h"]), minutes=int(clock["m"]))
    iso = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", text, re.IGNORECASE)
    if iso and any(iso.groups()):
        d, h, m, s = (int(g) if g else 0 for g in iso.groups())
        return dt.timedelta(days=d, hours=h, minutes=m, seconds=s)
    return find_duration(text)


def find_duration(text: str) -> dt.timedelta | None:
    """The first duration written inside a sentence ('down for 1h 20m'), adding adjacent parts."""
    total = 0.0
    end = None
    for match in _PART.finditer(text):
        if end is not None and not _JOINER.fullmatch(text[end : match.start()]):
            break
        total += float(match["n"].replace(",", ".")) * _UNIT_SECONDS[match["unit"][0].lower()]
        end = match.end()
    if end is None and (worded := _WORDED.search(text)):
        total, end = _NUMBER_WORDS[worded["n"].lower()] * _UNIT_SECONDS[worded["unit"][0].lower()], 0
    return dt.timedelta(seconds=total) if end is not None and total > 0 else None


def format_duration(delta: dt.timedelta) -> str:
    """'1 h 05 min', '45 min', '2 d 3 h': short, for documents."""
    minutes = round(delta.total_seconds() / 60)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {mins:02d} min" if mins else f"{hours} h"
    return f"{mins} min"
