"""Facts inside impact statements: who, how many or what share of users, how long, what severity."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from afterboard.extract.durations import find_duration

_WHO_WORDS = (
    r"users?|customers?|clients?|accounts?|people|tenants?|orgs?|organi[sz]ations?|sites?|merchants?|"
    r"hubs?|projects?|members?|developers?|players?|teams?|subscribers?|visitors?|buyers?|sellers?|"
    r"partners?|employees?|staff|requests?|traffic|api calls?|logins?|checkouts?|orders?|payments?"
)
_PEOPLE_WORDS = re.compile(
    r"\b(?:users?|customers?|clients?|accounts?|people|tenants?|orgs?|organi[sz]ations?|merchants?|"
    r"members?|developers?|players?|subscribers?|visitors?|buyers?|sellers?|partners?|employees?|staff)\b",
    re.IGNORECASE,
)
_SHARE = re.compile(r"(?<![\w.])(?P<n>\d+(?:[.,]\d+)?)\s*(?:%|percent\b|per\s?cent\b)", re.IGNORECASE)
_COUNT = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,3}(?:[,.\s]\d{3})+|\d+(?:\.\d+)?)\s*(?P<mult>k|m|thousand|million)?\s+"
    r"(?:\w+\s+){0,2}?(?P<what>" + _PEOPLE_WORDS.pattern[5:-3] + r")\b",
    re.IGNORECASE,
)
_SEVERITY = re.compile(
    r"\b(?:(?P<sev>sev(?:erity)?\s*[:=-]?\s*(?:\d|critical|high|medium|low|major|minor)\b)"
    r"|(?P<p>p[0-4])\b|(?P<word>critical|major|minor)"
    r"\s+(?:incident|outage|severity))",
    re.IGNORECASE,
)
_MULT = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000}


@dataclass(frozen=True)
class ImpactFacts:
    who: str | None = None
    users_affected: int | None = None
    users_share: float | None = None
    duration: dt.timedelta | None = None
    severity: str | None = None


def read_impact(statements: Iterable[str]) -> ImpactFacts:
    """The first of each fact stated across the lines, in order; None for what no line states."""
    who = affected = share = duration = severity = None
    for line in statements:
        if who is None and re.search(rf"\b(?:{_WHO_WORDS})\b", line, re.IGNORECASE):
            who = line.strip()
        if affected is None:
            affected = users_affected(line)
        if share is None and (found := _SHARE.search(line)):
            share = min(float(found["n"].replace(",", ".")) / 100, 1.0)
        if duration is None:
            duration = find_duration(line)
        if severity is None:
            severity = find_severity(line)
    return ImpactFacts(who, affected, share, duration, severity)


def users_affected(line: str) -> int | None:
    """'~3,000 users', '1.2k customers', '40 tenants' → a count of people or accounts."""
    found = _COUNT.search(line)
    if not found:
        return None
    number = re.sub(r"[,\s]", "", found["n"])
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", number):
        number = number.replace(".", "")
    value = float(number) * _MULT.get((found["mult"] or "").lower(), 1)
    return int(value)


def find_severity(line: str) -> str | None:
    """'SEV-2', 'sev 1', 'P1', 'severity: high', 'major incident' → the severity as a short label."""
    found = _SEVERITY.search(line)
    if not found:
        return None
    if found["p"]:
        return found["p"].upper()
    if found["word"]:
        return found["word"].lower()
    label = re.sub(r"^sev(?:erity)?[\s:-]*", "", found["sev"], flags=re.IGNORECASE)
    return f"SEV-{label}" if label.isdigit() else label.lower()
