"""Which moment of an incident a timeline note marks: started, detected, mitigated or resolved.

Explainable on purpose: a note marks a moment when it uses one of the words below, and the draft shows
the mark beside the note, so an author sees why a time was taken as, say, detection.
"""

from __future__ import annotations

import re

from afterboard.postmortem import Mark

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
