"""Small string helpers shared by the note parsers."""

from __future__ import annotations

import re


def cut(text: str, start: int, end: int) -> str:
    """`text` without the span [start, end), with the separators left dangling removed."""
    return tidy(text[:start].rstrip() + " " + text[end:].lstrip())


def tidy(text: str) -> str:
    """Collapse spaces and drop separators left at either end once a part was cut out."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)
    text = re.sub(r"(?:\s*[—–|,;:]|\s+-+)+\s*$", "", text)
    text = re.sub(r"^\s*(?:[—–|,;:]|-+\s)+\s*", "", text)
    return re.sub(r"\s+([—–-])(?:\s+[—–-])+\s+", r" \1 ", text).strip()
