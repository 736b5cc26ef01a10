"""A post-mortem as plain text: what the full-text index holds, and what "similar" compares."""

from __future__ import annotations

import re
from collections.abc import Iterable

from afterboard.postmortem import PostMortem


def searchable(pm: PostMortem) -> tuple[str, str]:
    """(title, body): every sentence of the document, one line each, with tags and owners."""
    lines: list[str] = [item.text for item in pm.summary]
    lines += [s.text for s in pm.impact.statements]
    lines += [e.text for e in pm.timeline]
    lines += [s.text for s in pm.root_cause.statements]
    lines += [" ".join(filter(None, (w.question, w.answer))) for w in pm.root_cause.whys]
    lines += [f"{b.category}: {', '.join(b.causes)}" for b in pm.root_cause.fishbone]
    lines += [" ".join(filter(None, (f.category, f.text))) for f in pm.contributing_factors]
    lines += [item.text for item in pm.went_well]
    lines += [" ".join(filter(None, (a.text, a.owner))) for a in pm.action_items]
    for section in pm.extra_sections:
        lines += [section.title, *(item.text for item in section.items)]
    lines += [" ".join(pm.tags), " ".join(pm.authors)]
    return pm.title, "\n".join(line for line in lines if line.strip())


def causes(pm: PostMortem) -> str:
    """What bit: title, root cause and contributing factors, the text "similar" looks for elsewhere."""
    parts: list[str] = [pm.title]
    parts += [s.text for s in pm.root_cause.statements]
    parts += [w.answer for w in pm.root_cause.whys]
    parts += [f"{b.category} {' '.join(b.causes)}" for b in pm.root_cause.fishbone]
    parts += [" ".join(filter(None, (f.category, f.text))) for f in pm.contributing_factors]
    if len(parts) == 1:  # no cause written yet: fall back to what happened
        parts += [item.text for item in pm.summary] + [s.text for s in pm.impact.statements]
    return "\n".join(parts)


_WORD = re.compile(r"[^\W\d_][\w'-]*[^\W_]|[^\W\d_]{2,}", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased words of two letters or more (numbers, times and punctuation left out)."""
    return [w.lower() for w in _WORD.findall(text)]


def distinct(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
