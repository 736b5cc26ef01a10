"""Root-cause notes → a five-whys chain, a fishbone or statements; contributing factors with categories."""

from __future__ import annotations

import re
from collections.abc import Sequence

from afterboard.board import Note
from afterboard.extract.whys import parse_whys
from afterboard.postmortem import CATEGORIES, Bone, Factor, Item, RootCause, Why

_CATEGORY_PREFIX = re.compile(r"^\s*(?P<cat>[A-Za-z][A-Za-z &/-]{1,30})\s*:\s+(?P<rest>.+)$")
_WHY_HINT = re.compile(r"^\s*(?:why\b|\d+[.)]\s*why\b)|\bbecause\b|->|→", re.IGNORECASE)


def build_root_cause(notes: Sequence[Note]) -> RootCause:
    """Why-chains keep their written order; 'Category: cause' notes under a fishbone heading make bones."""
    whys: list[Why] = []
    statements: list[Item] = []
    bones: dict[str, list[str]] = {}
    pending_question: str | None = None
    for note in notes:
        header = (note.header or "").lower()
        if "fishbone" in header or "ishikawa" in header:
            category, cause = _categorised(note.text)
            bones.setdefault(category or "other", []).append(cause)
            continue
        if "why" in header or _WHY_HINT.search(note.text):
            links = parse_whys(note.text)
            if not links and note.text.rstrip().endswith("?"):
                pending_question = note.text.strip()
                continue
            for link in links:
                question = link.question or pending_question
                pending_question = None
                whys.append(
                    Why(answer=link.answer, question=question, source=note.source, confidence=note.confidence)
                )
            continue
        statements.append(Item(text=note.text, source=note.source, confidence=note.confidence))
    return RootCause(
        statements=tuple(statements),
        whys=tuple(whys),
        fishbone=tuple(Bone(category=c, causes=tuple(v)) for c, v in bones.items()),
    )


def build_factors(notes: Sequence[Note]) -> list[Factor]:
    """Each note a factor; its category from a 'Category: ...' prefix or the sub-heading it sits under."""
    factors = []
    for note in notes:
        category, text = _categorised(note.text)
        if category is None and note.region and " / " in note.region:
            category = note.region.rsplit(" / ", 1)[1].lower()
        factors.append(Factor(text=text, category=category, source=note.source, confidence=note.confidence))
    return factors


def _categorised(text: str) -> tuple[str | None, str]:
    found = _CATEGORY_PREFIX.match(text)
    if found is None:
        return None, text.strip()
    category = found["cat"].strip().lower()
    known = next((c for c in CATEGORIES if c.startswith(category[:4])), None)
    if known is None:
        return None, text.strip()
    return known, found["rest"].strip()
