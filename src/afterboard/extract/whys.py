"""Five-whys chains: 'Why did checkout fail? Because the pool was exhausted.', 'why? ... because ...',
'Why 2: the query held connections', or one line of arrows 'deploy failed -> bad config -> no review'."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBERED = re.compile(r"^\s*(?:why\s*#?\s*\d+|\d+\s*[.)]|#\d+|w\d)\s*[:.)-]?\s*", re.IGNORECASE)
_QUESTION = re.compile(r"^\s*(?P<q>(?:q\s*:\s*)?why\b[^?]*\?)\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_BECAUSE = re.compile(r"\b(?:because(?:\s+of)?|a\s*:|answer\s*:|due\s+to|since)\s*", re.IGNORECASE)
_ARROWS = re.compile(r"\s*(?:->|→|=>|⇒|>>)\s*")


@dataclass(frozen=True)
class WhyLink:
    answer: str
    question: str | None = None


def parse_whys(text: str) -> list[WhyLink]:
    """The links one line of a five-whys section states (usually one; several for an arrow chain)."""
    text = _NUMBERED.sub("", text.strip(), count=1).strip()
    if not text:
        return []
    parts = [p for p in _ARROWS.split(text) if p.strip()]
    if len(parts) > 1:
        question = parts.pop(0).strip() if parts[0].strip().endswith("?") else None
        links = [WhyLink(answer=_clean(p)) for p in parts]
        if question is not None:
            links[0] = WhyLink(answer=links[0].answer, question=question)
        return links
    link = parse_why(text)
    return [link] if link else []


def parse_why(text: str) -> WhyLink | None:
    """One link: the question if asked, and the answer ('because ...'); None for a bare question."""
    question: str | None = None
    rest = text.strip()
    asked = _QUESTION.match(rest)
    if asked:
        question = asked["q"].strip()
        rest = asked["rest"].strip()
    because = _BECAUSE.search(rest)
    if because and (because.start() == 0 or question is None):
        if question is None and because.start() > 0:
            question = rest[: because.start()].strip(" ,;:-")
        rest = rest[because.end() :]
    answer = _clean(rest)
    if not answer:
        return None
    return WhyLink(answer=answer, question=question or None)


def _clean(text: str) -> str:
    text = text.strip().strip("-–—:;,").strip()
    return text[:1].upper() + text[1:]
