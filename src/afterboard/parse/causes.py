"""Root-cause and contributing-factor sections → statements, a five-whys chain, fishbone bones, factors.

Most real root-cause sections are narrative: each paragraph or bullet is a statement. A chain is read where
the document writes one: under a 'Five whys' label, or as lines that ask 'why?' / answer 'because'
(`extract/whys.py`); a draft writes each link as `1. **Why ...?** answer`. A bold or sub-heading label that is
a fishbone category ('**Process**') followed by a list makes a bone.
"""

from __future__ import annotations

import re

from afterboard.extract.whys import parse_whys
from afterboard.parse.outline import Part, clean_title
from afterboard.parse.pieces import doubt, is_placeholder
from afterboard.postmortem import CATEGORIES, Bone, Factor, Item, RootCause, Why

_WHYS_LABEL = re.compile(r"^(?:5|five)\s*whys?\b", re.IGNORECASE)
_WHY_HINT = re.compile(r"^\s*(?:why\b|\d+[.)]\s*why\b)|^because\b|->|→", re.IGNORECASE)
_DEEPEST = re.compile(r"^deepest cause\s*:", re.IGNORECASE)
_BONES = frozenset((*CATEGORIES, "other"))


def read_root_cause(parts: list[Part], name: str) -> RootCause:
    statements: list[Item] = []
    whys: list[Why] = []
    bones: dict[str, list[str]] = {}
    for part in parts:
        if is_placeholder(part):
            continue
        in_whys = bool(_WHYS_LABEL.match(clean_title(part.title)))
        bone: str | None = None
        for block in part.blocks:
            source = f"{name}:{block.line}"
            text = block.flat
            if block.kind == "heading":
                label = clean_title(text)
                in_whys = bool(_WHYS_LABEL.match(label))
                bone = label.lower() if label.lower() in _BONES else None
                continue
            if block.kind == "code" or not text or _DEEPEST.match(text):
                continue
            text, sure = doubt(text)
            if bone is not None and block.kind == "item":
                bones.setdefault(bone, []).append(text)
            elif block.kind == "item" and (in_whys or _WHY_HINT.search(text)):
                whys.extend(
                    w.model_copy(update={"confidence": sure}) for w in _links(text, block.bold_lead, source)
                )
            else:
                statements.append(Item(text=text, source=source, confidence=sure))
    return RootCause(
        statements=tuple(statements),
        whys=tuple(whys),
        fishbone=tuple(Bone(category=c, causes=tuple(v)) for c, v in bones.items()),
    )


def read_factors(parts: list[Part], name: str) -> list[Factor]:
    """Each bullet or paragraph a factor; a bold 'Category:' label in front of it is its category."""
    factors: list[Factor] = []
    for part in parts:
        if is_placeholder(part):
            continue
        for block in part.blocks:
            if block.kind in {"heading", "code"} or not block.flat:
                continue
            text, sure = doubt(block.flat)
            category = None
            lead = block.bold_lead
            if lead and lead.endswith(":") and len(lead.split()) <= 3 and text.startswith(lead):
                category = lead.rstrip(":").strip().lower()
                text = text[len(lead) :].strip()
            factors.append(
                Factor(text=text, category=category, source=f"{name}:{block.line}", confidence=sure)
            )
    return factors


def _links(text: str, lead: str | None, source: str) -> list[Why]:
    """One link as a draft writes it (`**Why ...?** answer`), else whatever `parse_whys` reads."""
    if lead and lead.endswith("?") and text.startswith(lead) and text[len(lead) :].strip():
        return [Why(question=lead, answer=text[len(lead) :].strip(), source=source)]
    return [Why(answer=link.answer, question=link.question, source=source) for link in parse_whys(text)]
