"""The header vocabulary as the photo reader needs it: forgiving of OCR slips, strict about partial words.

A board's headers are the post-mortem's own ('Timeline', 'What went well'), a retro format's columns
('Start', 'Mad', 'It feels good': `retro.py`), or a team's own words mapped in settings
(`[board_sections]`). A header that the team keeps under its own words is still a header: it heads its
notes, it just names no section.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property

from afterboard.retro import FORMATS, columns
from afterboard.sections import ALIASES, Section, match_section, normalise

MISREAD_THRESHOLD = 80.0
"""Whole-string similarity to a known header that still counts as that header misread ('TIMLLNE')."""
INSIDE_THRESHOLD = 85.0
"""Similarity of a known header to part of a longer line for the line to be suspected of holding it."""
MIN_MISREAD = 6
"""Letters a header needs before a near miss counts as that header misread."""


@dataclass(frozen=True)
class Named:
    """What a header names: a section, or None for a header kept under its own words."""

    section: Section | None
    alias: str = ""
    """The known header it was taken for, normalised."""


class Vocabulary:
    """Known headers → sections: the post-mortem's aliases, retro columns, and a team's overrides."""

    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        self._overrides = dict(overrides or {})

    @cached_property
    def table(self) -> dict[str, Section | None]:
        table: dict[str, Section | None] = {
            normalise(alias): section for section, aliases in ALIASES.items() for alias in aliases
        }
        table.update(columns(self._overrides))
        return table

    @cached_property
    def retro_only(self) -> frozenset[str]:
        """Headers known only as a retro format's columns ('mad', 'wind', 'process'): common words, taken
        for headers only where the board shows the format (`corroborated`)."""
        general = {normalise(alias) for aliases in ALIASES.values() for alias in aliases}
        general |= {normalise(header) for header in self._overrides}
        return frozenset(set(columns()) - general)

    def corroborated(self, named: Named, others: Iterable[Named]) -> bool:
        """Whether a header is one the board shows: any general header is; a retro-only one needs another
        column of its format among the board's headers ('Mad' beside 'Glad')."""
        if named.alias not in self.retro_only:
            return True
        seen = {other.alias for other in others} - {named.alias}
        return any(
            named.alias in spelled and seen & spelled
            for spelled in ({normalise(c) for c in retro.columns} for retro in FORMATS)
        )

    @cached_property
    def note_headers(self) -> frozenset[str]:
        """The headers a lone sticky note on a digital board may be, exactly: every known one but a retro
        format's common words ('More', 'Process'), which head a frame or a column, never a lone note."""
        return frozenset(self.table) - self.retro_only

    @cached_property
    def team_headers(self) -> frozenset[str]:
        """The team's own headers (`board_sections`), normalised."""
        return frozenset(normalise(header) for header in self._overrides)

    def section_key(self, header: str) -> str:
        """The section a header of a digital board names (a `Section` value, a retro column's and the
        team's own included), else the header as written."""
        key = normalise(header)
        section = self.table[key] if key in self.table else match_section(header)
        return section.value if section is not None and section is not Section.METADATA else header

    @cached_property
    def _long(self) -> dict[str, Section | None]:
        return {alias: section for alias, section in self.table.items() if len(alias) >= 6}

    def header(self, text: str) -> Named | None:
        """What a header names, allowing for OCR slips: the text exactly, or nearly as a whole, one of the
        known headers ('TIMLLNE'), or a known header with words around it ('Timeline of the outage'). A
        fragment of a header does not count ('What' is not 'What happened')."""

        key = normalise(text)
        if not key:
            return None
        if key in self.table:
            return Named(self.table[key], key)
        # a short word is too easily like another ('USES' and 'causes'): only longer ones count as misread
        nearest = self.closest(text, cutoff=MISREAD_THRESHOLD) if len(key) >= MIN_MISREAD else None
        if nearest is not None:
            return nearest
        section = match_section(text)
        if section is None:
            return None
        words = f" {key} "
        inside = [
            alias
            for alias, named in self.table.items()
            if named is section and len(alias) <= len(key) and f" {alias} " in words
        ]
        return Named(section, max(inside, key=len)) if inside else None

    def section(self, text: str) -> Section | None:
        named = self.header(text)
        return named.section if named else None

    def closest(self, text: str, *, cutoff: float) -> Named | None:
        """The known header most like `text` as a whole, if at least `cutoff` alike (0-100)."""
        from rapidfuzz import fuzz, process

        best = process.extractOne(normalise(text), list(self._long), scorer=fuzz.ratio, score_cutoff=cutoff)
        return Named(self._long[best[0]], best[0]) if best else None

    def is_exact(self, text: str) -> bool:
        """Whether `text` is exactly one of the known headers (case, punctuation and plurals aside)."""
        return normalise(text) in self.table

    def find_in(self, text: str) -> tuple[int, int] | None:
        """Where in `text` a known header is written (start, end), allowing for OCR slips; a long header
        found nearly whole beats a short one found exactly ('what went well' over 'went well'). Single
        words shorter than 8 letters ('issues', 'events') are too common inside ordinary writing to cut a
        line on."""
        from rapidfuzz import fuzz

        lowered = text.lower()
        best: tuple[float, tuple[int, int]] | None = None
        for alias in self._long:
            if (" " not in alias and len(alias) < 8) or len(alias) > len(lowered) + 2:
                continue
            found = fuzz.partial_ratio_alignment(alias, lowered, score_cutoff=INSIDE_THRESHOLD)
            if found is None:
                continue
            rank = found.score * len(alias)
            if best is None or rank > best[0]:
                best = (rank, (found.dest_start, found.dest_end))
        return best[1] if best else None


@cache
def default_vocabulary() -> Vocabulary:
    return Vocabulary()


def vocabulary_for(overrides: Mapping[str, str]) -> Vocabulary:
    """The vocabulary with a team's `board_sections` setting applied (the shared default without one)."""
    return Vocabulary(overrides) if overrides else default_vocabulary()
