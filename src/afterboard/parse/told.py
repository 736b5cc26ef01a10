"""A timeline told in prose: events at their times in paragraphs, not under a timeline heading.

A paragraph tells a timeline when it holds at least three separate moments (start, something in between,
end). Two moments are a span — 'at 5:20 PM … resolved at about 6:45' — which is how long the impact lasted,
not a timeline; a date and the time of day on it ('December 1, 2014 at 19:21 UTC'), and the two ends of a
span ('between 12:51 and 13:42'), are one moment. Failing that, at least three paragraphs that each start
from a moment ('On 13 April…', 'At 14:02…', '7:52 AM - Alarms sound') tell one; once a moment has anchored
the story, a paragraph told from how long after it ('Within 5 minutes I replied…', 'After 45 minutes…') is
one of them; a status page's 'Posted May 10 - 08:46' says when it wrote, not what happened, so its updates
tell a timeline only as three or more of their own. A paragraph that moves through three days or hours
('the next morning', '3-4 hours in', 'on Sunday') tells one without any clock time.
"""

from __future__ import annotations

import re
from itertools import pairwise

from afterboard.extract.dates import DATE_PATTERN
from afterboard.parse.pieces import Piece

_MOMENT = re.compile(
    rf"(?<![\w/-])(?:{DATE_PATTERN}|\d{{1,2}}-\d{{1,2}}-\d{{4}})(?![\w/])"
    r"|\b\d{1,2}-(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*-\d{4}\b"
    r"|\b(?:[01]?\d|2[0-3])[:h][0-5]\d(?::[0-5]\d)?(?:\s?[ap]\.?m\b\.?|\b)"
    r"|\b(?:1[0-2]|0?[1-9])(?:\.[0-5]\d)?\s?[ap]\.?m\b",
    re.IGNORECASE,
)
"""A date or a clock time ('8:28am' too), found without parsing it (only whether one is written matters)."""
_EVENT = re.compile(r"\b[a-z]{3,}(?:ed|es|s)\b|\b(?:began|went|ran|rose|fell|saw|found|made|took|hit)\b")
"""A verb telling an event (a past tense, or a present tense as timelines write them: 'trees re-open')."""
_ENTRY = re.compile(r"\s*(?:[A-Z]{2,4}\s*)?(?:[-–—:|]|:{2,})\s*\S")
"""What follows the moment that starts a timeline entry written as a line: '7:52 AM - Alarms sound'."""


def told_in_time(texts: list[Piece]) -> tuple[list[Piece], str] | None:
    """The pieces that tell a timeline in prose, and why; `texts` are those outside the other sections."""
    timed: list[Piece] = []
    stamps: list[Piece] = []
    anchor: Piece | None = None
    after: list[Piece] = []
    for piece in texts:
        if _days(piece.text) >= 3 and _EVENT.search(piece.text):
            return [piece], "events told day by day"
        moments = list(_MOMENT.finditer(piece.text))
        if anchor is not None and not moments and _after_the_last(piece.text):
            after.append(piece)
        if not moments:
            continue
        if _STAMP.match(piece.text):
            stamps.append(piece)
            continue
        later = len(_RELATIVE.findall(piece.text, moments[0].end()))
        if _events(piece.text, moments) + later >= 3 and _EVENT.search(piece.text):
            return [piece], "three or more events at their times in one paragraph"
        if _starts_at_moment(piece.text, moments[0]):
            timed.append(piece)
        elif anchor is None and _EVENT.search(piece.text):
            anchor = piece
    if after:
        # told from its first moment on: the anchor, then the steps after it, in their order
        timed = sorted(
            {id(p): p for p in [anchor, *timed, *after] if p is not None}.values(), key=lambda p: p.line
        )
    if len(timed) >= 3:
        return timed, "events told at their dates or times"
    if len(stamps) >= 3:
        return stamps, "status updates posted at their times"
    return None


_DAY_WORDS = ("day", "hour", "morning", "night", "evening", "afternoon")


def _days(text: str) -> int:
    """How many days or hours the text moves through (a word check first: most paragraphs name none)."""
    lower = text.lower()
    return len(_DAY_MARK.findall(text)) if any(word in lower for word in _DAY_WORDS) else 0


def _after_the_last(text: str) -> bool:
    """An event told by how long after the one before it happened ('After 45 minutes of investigation, I
    found it'): a step of the story once a moment has anchored it."""
    first = re.split(r"(?<=[.!?:])\s", text, maxsplit=1)[0]
    return bool(_RELATIVE.search(first) and _EVENT.search(first))


def _starts_at_moment(text: str, first: re.Match[str]) -> bool:
    """Whether the text is told from a moment ('At 14:02 the pool ran dry', '20:37 PST We have…'): an
    event at its time, or a status update posted at it."""
    before = text[: first.start()]
    if not _STARTS_AT.match(before) or _FROM.search(before):
        return False
    return bool(_EVENT.search(text) or _ENTRY.match(text[first.end() :]))


def _events(text: str, moments: list[re.Match[str]]) -> int:
    """How many separate events the moments mark: a date with its time of day, and the two ends of a span,
    are one."""
    events = 1
    for first, second in pairwise(moments):
        between = text[first.end() : second.start()]
        before = text[max(0, first.start() - 14) : first.start()]
        if _SAME.fullmatch(between) or _JOINED.fullmatch(between):
            continue
        if _FROM.search(before) and len(between) < 40 and _UNTIL.search(between):
            continue
        events += 1
    return events


_STAMP = re.compile(r"^\W*(?:posted|updated|last updated|published|edited)\b", re.IGNORECASE)
"""When a status page posted or edited its text: not an event of the incident."""
_RELATIVE = re.compile(
    r"\b(?:(?:within|after|in)\s+(?:about\s+|around\s+)?(?:\d+|a few|two|three|five|ten|fifteen|thirty)\s+"
    r"(?:seconds|minutes?|hours?)|(?:\d+|a few|two|three|five|ten|fifteen|thirty)\s+"
    r"(?:seconds|minutes?|hours?)\s+later|the next (?:morning|day|evening|night))\b",
    re.IGNORECASE,
)
"""How long after the event before: 'within 5 minutes', 'after 45 minutes', 'an hour later'."""
_DAY_MARK = re.compile(
    r"\b(?:(?:the )?(?:first|second|third|last|final|next) (?:few )?(?:day|morning|night|evening|afternoon|"
    r"hours)|\d+(?:-\d+)? hours in|day (?:one|two|three|\d)|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.IGNORECASE,
)
"""Days and hours told in order, as a weekend jam or a long incident is: 'the next morning', '3-4 hours in',
'on Saturday'."""
_STARTS_AT = re.compile(r"^\W*(?:\w+\s+){0,2}?(?:on|at|by|around|from|between|since)?\s*$", re.IGNORECASE)
"""Told from a moment: 'On 13 April…', 'Also on 15 April…', 'At 14:02…', '07-27-2023 2:14 pm'."""
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)"
_SAME = re.compile(
    rf"\s*(?:[A-Z]{{2,4}}\s*)?(?:,|at|@|on|between|from|starting at)?\s*{_WEEKDAY}?(?:[A-Z]{{2,4}}\s*)?,?\s*",
    re.IGNORECASE,
)
"""Between a date and its time, either way round ('2021-10-08 23:01', 'Nov 3, at 14:02', '11 am EDT on
Thursday, 08 July', 'September 28, between 12:51…')."""
_JOINED = re.compile(r"\s*(?:[A-Z]{2,4}\s*)?(?:[-–—]|to|until|till|and|through)\s*", re.IGNORECASE)
_FROM = re.compile(r"\b(?:from|between|since)\s*$", re.IGNORECASE)
_UNTIL = re.compile(r"\b(?:to|and|until|till|through)\b|[-–—]", re.IGNORECASE)
