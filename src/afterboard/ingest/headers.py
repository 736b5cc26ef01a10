"""The header vocabulary as the photo reader needs it: forgiving of OCR slips, strict about partial words."""

from __future__ import annotations

from functools import cache

from afterboard.sections import ALIASES, Section, match_section, normalise

MISREAD_THRESHOLD = 80.0
"""Whole-string similarity to a known header that still counts as that header misread ('TIMLLNE')."""
INSIDE_THRESHOLD = 85.0
"""Similarity of a known header to part of a longer line for the line to be suspected of holding it."""


def header_section(text: str) -> Section | None:
    """The section a header names, allowing for OCR slips: the text exactly, or nearly as a whole, one of
    the known headers ('TIMLLNE'), or a known header with words around it ('Timeline of the outage'). A
    fragment of a header does not count ('What' is not 'What happened')."""
    from rapidfuzz import fuzz

    key = normalise(text)
    table = _aliases()
    if not key or key in table:
        return table.get(key)
    nearest = closest_section(text, cutoff=MISREAD_THRESHOLD)
    if nearest is not None:
        return nearest
    section = match_section(text)
    if section is None:
        return None
    whole = any(
        len(alias) <= len(key) and fuzz.partial_ratio(alias, key) >= INSIDE_THRESHOLD
        for alias, named in table.items()
        if named is section
    )
    return section if whole else None


def closest_section(text: str, *, cutoff: float) -> Section | None:
    """The section of the known header most like `text` as a whole, if at least `cutoff` alike (0-100)."""
    from rapidfuzz import fuzz, process

    table = _long_aliases()
    best = process.extractOne(normalise(text), list(table), scorer=fuzz.ratio, score_cutoff=cutoff)
    return table[best[0]] if best else None


@cache
def _aliases() -> dict[str, Section]:
    return {normalise(alias): section for section, aliases in ALIASES.items() for alias in aliases}


@cache
def _long_aliases() -> dict[str, Section]:
    return {alias: section for alias, section in _aliases().items() if len(alias) >= 6}


def is_header_as_written(text: str) -> bool:
    """Whether `text` is exactly one of the known headers (case, punctuation and plurals aside)."""
    return normalise(text) in _aliases()


def find_header_in(text: str) -> tuple[int, int] | None:
    """Where in `text` a known header is written (start, end), allowing for OCR slips; a long header found
    nearly whole beats a short one found exactly ('what went well' over 'went well'). Single words
    shorter than 8 letters ('issues', 'events') are too common inside ordinary writing to cut a line on."""
    from rapidfuzz import fuzz

    lowered = text.lower()
    best: tuple[float, tuple[int, int]] | None = None
    for alias in _long_aliases():
        if (" " not in alias and len(alias) < 8) or len(alias) > len(lowered) + 2:
            continue
        found = fuzz.partial_ratio_alignment(alias, lowered, score_cutoff=INSIDE_THRESHOLD)
        if found is None:
            continue
        rank = found.score * len(alias)
        if best is None or rank > best[0]:
            best = (rank, (found.dest_start, found.dest_end))
    return best[1] if best else None
