"""Which moment of an incident a timeline note marks: started, detected, mitigated or resolved; and which
entries are the incident's moments (a draft and a parsed document both take them from here).

Explainable on purpose: a note marks a moment when it uses one of the words below, and the draft shows
the mark beside the note, so an author sees why a time was taken as, say, detection.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from afterboard.postmortem import Mark, TimelineEntry

_WORDS: dict[Mark, tuple[str, ...]] = {
    Mark.RESOLVED: (
        r"resolved",
        r"all[ -]clear",
        r"fully (?:recovered|restored)",
        r"incident closed",
        r"closed the incident",
        r"back to normal",
        r"fixed",
        r"recovered",
        r"restored",
        r"resolution",
        r"stable again",
        r"monitoring (?:shows|confirms) (?:healthy|normal)",
    ),
    Mark.MITIGATED: (
        r"roll(?:ed)?[ -]?back",
        r"rolled back",
        r"reverted?",
        r"revert(?:ed|ing)?",
        r"fail(?:ed)?[ -]?over",
        r"mitigat\w*",
        r"workaround",
        r"hot[ -]?fix",
        r"restart(?:ed)?",
        r"disabled? (?:the )?(?:feature )?flag",
        r"flag (?:turned )?off",
        r"scaled? (?:up|out)",
        r"drain(?:ed)?",
        r"traffic (?:shifted|moved)",
        r"blocked",
        r"patched",
        r"recovering",
        r"errors? (?:drop|dropping|decreas)",
        r"(?:fix|patch|new \w+) (?:deployed|rolled out|shipped|applied)",
        r"deployed (?:a |the )?(?:fix|patch|new)",
    ),
    Mark.DETECTED: (
        r"alert(?:ed|s)? (?:fired|fires|triggered|went off)",
        r"alert",
        r"paged?",
        r"pager",
        r"detected",
        r"noticed",
        r"spotted",
        r"reported",
        r"reports?\b",
        r"customer(?:s)? (?:report|complain)\w*",
        r"on-?call (?:engaged|acked|acknowledged)",
        r"incident (?:declared|opened)",
        r"declared",
        r"ticket (?:opened|filed)",
        r"escalat\w*",
    ),
    Mark.STARTED: (
        r"started",
        r"began",
        r"begins",
        r"start of (?:the )?(?:incident|outage|impact)",
        r"impact (?:start|began)",
        r"errors? (?:start|spike|rate spikes?|increase)",
        r"spikes?",
        r"went down",
        r"outage",
        r"down\b",
        r"failing",
        r"failures? (?:start|began)",
        r"latency (?:jump|increase|spike)",
        r"5\d\ds\b",
        r"5xx",
        r"deploy\w*",
        r"expired",
        r"full\b",
        r"crash\w*",
        r"broke\w*",
        r"degrad\w*",
    ),
}
_PATTERNS = {
    mark: re.compile(r"\b(?:" + "|".join(words) + r")", re.IGNORECASE) for mark, words in _WORDS.items()
}


def mark_of(text: str) -> Mark | None:
    """The moment a timeline note marks, or None. Later moments win: 'rollback done' marks mitigation."""
    for mark in (Mark.RESOLVED, Mark.MITIGATED, Mark.DETECTED, Mark.STARTED):
        if _PATTERNS[mark].search(text):
            return mark
    return None


@dataclass(frozen=True)
class Moments:
    started: TimelineEntry | None = None
    detected: TimelineEntry | None = None
    mitigated: TimelineEntry | None = None
    resolved: TimelineEntry | None = None


def find_moments(entries: Sequence[TimelineEntry]) -> Moments:
    """The first start, detection and mitigation, and the last resolution, that the notes' words mark."""
    marked = [(entry, entry.at, mark_of(entry.text)) for entry in entries if entry.at is not None]
    detected = next(((e, at) for e, at, m in marked if m is Mark.DETECTED), None)
    cutoff = detected[1] if detected else None
    started = next((e for e, at, m in marked if m is Mark.STARTED and (cutoff is None or at <= cutoff)), None)
    mitigated = next(
        (e for e, at, m in marked if m is Mark.MITIGATED and (cutoff is None or at >= cutoff)), None
    )
    resolved = next((e for e, _, m in reversed(marked) if m is Mark.RESOLVED), None)
    return Moments(started, detected[0] if detected else None, mitigated, resolved)


def with_marks(entries: Sequence[TimelineEntry], moments: Moments) -> list[TimelineEntry]:
    """The entries with exactly the chosen moments marked, so the draft shows why each time was taken."""
    chosen = {
        id(moments.started): Mark.STARTED,
        id(moments.detected): Mark.DETECTED,
        id(moments.mitigated): Mark.MITIGATED,
        id(moments.resolved): Mark.RESOLVED,
    }
    return [e.model_copy(update={"mark": chosen[id(e)]}) if id(e) in chosen else e for e in entries]
