"""The canonical sections a document has under a heading of its own with content: all that afterboard's own
drafts are read for, kept apart from `implicit.py` so that checking a draft need not compile the patterns
that find sections told in prose."""

from __future__ import annotations

from dataclasses import dataclass, field

from afterboard.parse.outline import Outline, Part
from afterboard.parse.pieces import Piece, is_placeholder, pieces
from afterboard.postmortem import PostMortem
from afterboard.sections import CANONICAL, Section

_S = Section
_CANONICAL = tuple(s.value for s in CANONICAL)


@dataclass(frozen=True)
class Found:
    headed: dict[str, int] = field(default_factory=dict)
    """Section → line of its heading, for each canonical section with a heading of its own and content."""
    implicit: dict[str, int] = field(default_factory=dict)
    """Section → line where its content was found in prose, for sections without a heading."""
    evidence: dict[str, list[Piece]] = field(default_factory=dict)
    """Section → the paragraphs, list items or rows that state it (the clearest first), for sections found
    only in prose."""
    reasons: dict[str, str] = field(default_factory=dict)
    """Section → why they state it ('2 sentences read as a cause: …', 'labelled 'Root cause' in the
    prose'), for sections in prose."""

    @property
    def sections_found(self) -> list[str]:
        return [k for k in _CANONICAL if k in self.headed or k in self.implicit]

    @property
    def sections_headed(self) -> list[str]:
        return [k for k in _CANONICAL if k in self.headed]


def headed_sections(outline: Outline, pm: PostMortem) -> dict[str, int]:
    headed: dict[str, int] = {}
    for key in _CANONICAL:
        line = next((p.line for p in outline.of(key) if _is_heading(p) and has_content(p, pm)), None)
        if line is not None:
            headed[key] = line
    return headed


def _is_heading(part: Part) -> bool:
    return part.headed and (not part.labelled or part.marked)


def has_content(part: Part, pm: PostMortem) -> bool:
    if is_placeholder(part):
        return False
    found = pieces([part])
    if part.key == _S.TIMELINE.value and part.blocks:
        # a timeline is entries with times: a heading over a link to a status page is not one
        first = part.blocks[0].line
        last = part.blocks[-1].line + part.blocks[-1].text.count("\n")
        lines = [_line_of(e.source) for e in pm.timeline if e.at is not None]
        timed = any(line is not None and first <= line <= last for line in lines)
        # steps listed in their order tell a timeline without their times, a link alone does not
        return timed or sum(1 for b in part.blocks if b.kind in {"item", "row"}) >= _STEPS
    return bool(found)


_STEPS = 3


def _line_of(source: str | None) -> int | None:
    tail = (source or "").rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else None
