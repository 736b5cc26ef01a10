"""Which canonical sections a document has: under a heading of their own, or only in its prose.

A heading counts when its section has content (an empty 'Trigger' or a 'Timeline' that only links to a
status page does not). Real documents often state the impact in the summary, tell the timeline as a
story with times in it, or give the cause in a sentence ('caused by', 'the root cause was'); such content
counts as found, without a heading, and the structure check suggests a heading for it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from afterboard.extract.impact import read_impact
from afterboard.extract.times import find_time
from afterboard.parse.outline import Outline, Part
from afterboard.parse.pieces import Piece, is_placeholder, pieces
from afterboard.postmortem import PostMortem
from afterboard.sections import CANONICAL, Section

_IMPACT_WORDS = re.compile(
    r"\b(?:affect(?:ed|ing)|impact(?:ed|ing)?|unable to|could ?n[o']t|couldn't|outage|unavailable|"
    r"(?:were|was|went) (?:down|offline|unavailable|degraded)|degraded|disrupt\w*|downtime|"
    r"errors? (?:for|to)|lost|delay(?:s|ed)? (?:of|in)|failed for|no (?:known )?impact|broken for)\b",
    re.IGNORECASE,
)
_CAUSE_WORDS = re.compile(
    r"\b(?:root[- ]cause|(?:was|were|is|are) (?:caused|triggered) by|caused by|"
    r"the (?:underlying |primary |main |real )?(?:cause|issue|problem|reason) (?:was|is|were)|"
    r"(?:was|were) due to|resulted from|stemm?(?:ed|s) from|because (?:of )?(?:a|an|the|our|its|their)|"
    r"the culprit)\b",
    re.IGNORECASE,
)
_FACTOR_WORDS = re.compile(
    r"\b(?:contribut(?:ing|ed) (?:factors?|to)|compounding factors?|made (?:it|this|the \w+) worse|"
    r"exacerbat\w+|aggravat\w+)\b",
    re.IGNORECASE,
)
_WELL_WORDS = re.compile(
    r"\b(?:went well|worked well|(?:was|were) (?:quick|fast|effective)ly?|thankfully|fortunately|kudos|"
    r"thanks to)\b",
    re.IGNORECASE,
)
_ACTION_WORDS = re.compile(
    r"\b(?:we (?:will|'ll|are going to|plan to|intend to|need to|should|must)|action (?:point|item)s?|"
    r"next steps?|follow[- ]up|going forward|(?:we )?(?:have )?(?:since )?(?:added|implemented|enabled|"
    r"introduced|deployed|rolled out) (?:a |an |the )?(?:new |additional )?(?:check|alert|monitor\w*|"
    r"protection|safeguard|mechanism|process|policy|rule|limit|test)s?|to prevent (?:this|similar|it)|"
    r"in the future|tracking issue)\b",
    re.IGNORECASE,
)
_CANONICAL = tuple(s.value for s in CANONICAL)


@dataclass(frozen=True)
class Found:
    headed: dict[str, int] = field(default_factory=dict)
    """Section → line of its heading, for each canonical section with a heading of its own and content."""
    implicit: dict[str, int] = field(default_factory=dict)
    """Section → line where its content was found in prose, for sections without a heading."""
    evidence: dict[str, list[Piece]] = field(default_factory=dict)
    """Section → the sentences that state it, for sections found only in prose."""

    @property
    def sections_found(self) -> list[str]:
        return [k for k in _CANONICAL if k in self.headed or k in self.implicit]

    @property
    def sections_headed(self) -> list[str]:
        return [k for k in _CANONICAL if k in self.headed]


def find_sections(outline: Outline, pm: PostMortem, *, prose: bool = True) -> Found:
    """The sections a document has; `prose=False` looks at headings only (afterboard's own drafts, whose
    summary only repeats what their sections say)."""
    headed: dict[str, int] = {}
    for key in _CANONICAL:
        line = next((p.line for p in outline.of(key) if p.headed and _has_content(p, pm)), None)
        if line is not None:
            headed[key] = line
    evidence: dict[str, list[Piece]] = {}
    if not prose:
        return Found(headed)
    # key/value rows are metadata, not prose
    texts = [
        p
        for p in pieces([p for p in outline.parts if p.key not in headed], sentences=True)
        if not (p.block.kind == "row" and len(p.block.cells) == 2)
    ]
    for key, test in _TESTS.items():
        if key not in headed and (found := [p for p in texts if test(p.text)]):
            evidence[key] = found
    return Found(headed, {key: found[0].line for key, found in evidence.items()}, evidence)


def _has_content(part: Part, pm: PostMortem) -> bool:
    if is_placeholder(part):
        return False
    found = pieces([part])
    if part.key == Section.TIMELINE.value and part.blocks:
        # a timeline is entries with times: a heading over a link to a status page is not one
        first = part.blocks[0].line
        last = part.blocks[-1].line + part.blocks[-1].text.count("\n")
        lines = [_line_of(e.source) for e in pm.timeline if e.at is not None]
        return sum(1 for line in lines if line is not None and first <= line <= last) >= 2
    return bool(found)


def _line_of(source: str | None) -> int | None:
    tail = (source or "").rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else None


def _impact(text: str) -> bool:
    facts = read_impact([text])
    stated = facts.users_affected is not None or facts.users_share is not None or facts.duration is not None
    return bool(_IMPACT_WORDS.search(text)) and (stated or facts.who is not None)


def _timeline(text: str) -> bool:
    times = 0
    rest = text
    while (found := find_time(rest, on=_DAY)) is not None:
        times += 1
        rest = rest[found.end :]
        if times >= 2:
            return True
    return False


_DAY = dt.date(2000, 1, 1)
"""Any day: only whether a time is written matters here."""
_TESTS: dict[str, Callable[[str], bool]] = {
    Section.IMPACT.value: _impact,
    Section.TIMELINE.value: _timeline,
    Section.ROOT_CAUSE.value: lambda t: bool(_CAUSE_WORDS.search(t)),
    Section.CONTRIBUTING_FACTORS.value: lambda t: bool(_FACTOR_WORDS.search(t)),
    Section.WENT_WELL.value: lambda t: bool(_WELL_WORDS.search(t)),
    Section.ACTION_ITEMS.value: lambda t: bool(_ACTION_WORDS.search(t)),
}
