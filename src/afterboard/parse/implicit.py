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
from afterboard.parse.markdown import Block
from afterboard.parse.outline import Outline, Part
from afterboard.parse.pieces import Piece, is_placeholder, pieces
from afterboard.postmortem import PostMortem
from afterboard.sections import CANONICAL, Section

_NEGATIVE = re.compile(
    r"\b(?:unusable|unavailable|inaccessible|unreachable|outages?|(?:was|were|went) down|offline|broken|"
    r"fail(?:ed|ing|ures?)|"
    r"errors?|[45]\d\d|5xx|crash\w*|stuck|unable|could ?n[o']t|couldn't|did ?n[o']t|didn't|cannot|can't|"
    r"lost|loss|delay\w*|slow\w*|degrad\w*|disrupt\w*|impact\w*|affect\w*|interrupt\w*|time[ds]? ?out|"
    r"prevent(?:ed|ing)|blocked|no (?:known )?impact|downtime)\b",
    re.IGNORECASE,
)
"""Words that say something went wrong for someone: with a who, a count or a duration, an impact."""
_AFFECTED = re.compile(
    r"\b(?:users?|customers?|clients?|students?|learners?|visitors?|readers?|people|tenants?|orgs?|"
    r"organi[sz]ations?|merchants?|members?|developers?|players?|subscribers?|community|everyone|"
    r"traffic|requests?|queries|builds?|launches|sessions?|logins?|checkouts?|orders?|payments?)\b",
    re.IGNORECASE,
)
_DURATION_WORDS = re.compile(
    r"\b(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a few|about|around|over|"
    r"nearly)\s+(?:minutes?|hours?|days?|weeks?)|time to (?:recovery|resolve|restore|mitigat\w+)|ttr|ttm)\b",
    re.IGNORECASE,
)
_CAUSE_WORDS = re.compile(
    r"\b(?:root[- ]causes?|(?:was|were|is|are) (?:caused|triggered) by|caused|causing|causes|due to|because|"
    r"the underlying (?:issue|cause|problem)|"
    r"the (?:underlying |primary |main |real |core )?(?:cause|issue|problem|reason) (?:was|is|were)|"
    r"resulted from|stemm?(?:ed|s) from|triggered by|led to|(?:a|the) bug in|the culprit)\b",
    re.IGNORECASE,
)
_FACTOR_WORDS = re.compile(
    r"\b(?:contributing factors?|compounding factors?|contributed to (?:the|this) (?:outage|incident|"
    r"failure|problem|issue|delay)|made (?:it|this|the \w+) worse|exacerbat\w+|aggravat\w+)\b",
    re.IGNORECASE,
)
_WELL_WORDS = re.compile(r"\b(?:went well|worked well)\b", re.IGNORECASE)
_ACTION_WORDS = re.compile(
    r"\b(?:we (?:will|'ll|are going to|plan to|intend to|need to|should|must)|action (?:point|item)s?|"
    r"next steps?|follow[- ]up|going forward|(?:we )?(?:have )?(?:since )?(?:added|implemented|enabled|"
    r"introduced|deployed|rolled out) (?:a |an |the )?(?:new |additional )?(?:check|alert|monitor\w*|"
    r"protection|safeguard|mechanism|process|policy|rule|limit|test)s?|to prevent (?:this|similar|it)|"
    r"in the future|tracking issue)\b",
    re.IGNORECASE,
)
_OUTRIGHT = {
    Section.ROOT_CAUSE.value: re.compile(
        r"\b(?:root[- ]causes?|the (?:underlying |primary |main |real )?cause (?:was|is|of)|caused by)\b",
        re.IGNORECASE,
    ),
}
"""What states a section under another section's heading: naming it outright."""
_RECOVERY = re.compile(
    r"\btime to (?:recovery|recover|resolve|resolution|restore|mitigat\w+)\s*:?\s*\d", re.IGNORECASE
)
"""'Time to recovery: 31 minutes' (a stats block) states how long the impact lasted."""
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")
_CANONICAL = tuple(s.value for s in CANONICAL)
_NOT_PROSE = frozenset({Section.TIMELINE.value, Section.ACTION_ITEMS.value})


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
    # a section's content may sit under another heading ('What went wrong' telling the root cause), but
    # timeline entries and action items are events and plans, and key/value rows are metadata
    parts = [p for p in outline.parts if not (p.key in _NOT_PROSE and p.key in headed)]
    texts = [_title_piece(outline)] if outline.title else []
    texts += [
        p for p in pieces(parts, sentences=True) if not (p.block.kind == "row" and len(p.block.cells) == 2)
    ]
    sections = {id(block): part.key for part in outline.parts for block in part.blocks}
    for key, test in _TESTS.items():
        if key in headed:
            continue
        found = [p for p in texts if _holds(key, test, p, sections.get(id(p.block)))]
        if found:
            evidence[key] = found
    return Found(headed, {key: found[0].line for key, found in evidence.items()}, evidence)


def _holds(key: str, test: Callable[[str], bool], piece: Piece, section: str | None) -> bool:
    """Whether `piece` states section `key`: in prose (or under the section's own heading that held no
    proper content, such as a 'Timeline' told as a story) by the section's test; under another canonical
    section's heading only by naming it outright ('the root cause was...')."""
    if piece.block.kind == "heading":
        # a title names the event ('Checkout outage'), which is not yet an impact statement; but one that
        # says what caused it ('Upgrading ingress-nginx caused an outage') states a cause
        return key == Section.ROOT_CAUSE.value and test(piece.text)
    if section in _CANONICAL and section != key:
        outright = _OUTRIGHT.get(key)
        return outright is not None and bool(outright.search(piece.text))
    return test(piece.text)


def _title_piece(outline: Outline) -> Piece:
    title = outline.title or ""
    return Piece(title, 1, Block("heading", title, 1, level=1))


def _has_content(part: Part, pm: PostMortem) -> bool:
    if is_placeholder(part):
        return False
    found = pieces([part])
    if part.key == Section.TIMELINE.value and part.blocks:
        # a timeline is entries with times: a heading over a link to a status page is not one
        first = part.blocks[0].line
        last = part.blocks[-1].line + part.blocks[-1].text.count("\n")
        lines = [_line_of(e.source) for e in pm.timeline if e.at is not None]
        return any(line is not None and first <= line <= last for line in lines)
    return bool(found)


def _line_of(source: str | None) -> int | None:
    tail = (source or "").rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else None


def _sentences(test: Callable[[str], bool]) -> Callable[[str], bool]:
    """A test that holds when it holds for one sentence of the text."""
    return lambda text: any(test(sentence) for sentence in _SENTENCE.split(text))


def _impact(text: str) -> bool:
    if _RECOVERY.search(text):
        return True
    if not _NEGATIVE.search(text):
        return False
    facts = read_impact([text])
    stated = facts.users_affected is not None or facts.users_share is not None or facts.duration is not None
    return stated or bool(_AFFECTED.search(text) or _DURATION_WORDS.search(text))


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
    Section.IMPACT.value: _sentences(_impact),
    Section.TIMELINE.value: _timeline,
    Section.ROOT_CAUSE.value: lambda t: bool(_CAUSE_WORDS.search(t)),
    Section.CONTRIBUTING_FACTORS.value: lambda t: bool(_FACTOR_WORDS.search(t)),
    Section.WENT_WELL.value: lambda t: bool(_WELL_WORDS.search(t)),
    Section.ACTION_ITEMS.value: lambda t: bool(_ACTION_WORDS.search(t)),
}
