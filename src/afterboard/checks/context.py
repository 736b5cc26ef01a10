"""What a rule looks at: the post-mortem, the settings, the clock, and (for a parsed file) its outline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from afterboard.parse.content import all_texts, filled_sections
from afterboard.policy import Policy
from afterboard.postmortem import Kind, PostMortem
from afterboard.settings import Settings

if TYPE_CHECKING:
    from afterboard.parse.document import ParsedDocument


@dataclass(frozen=True)
class Context:
    pm: PostMortem
    settings: Settings
    now: dt.datetime
    pages: int | None = None
    """The real rendered page count, when the caller has one."""
    document: ParsedDocument | None = None
    """The parsed file, when the post-mortem was read from one (outline, headed sections, lines)."""

    @property
    def policy(self) -> Policy:
        return self.settings.policy

    @property
    def today(self) -> dt.date:
        return self.now.date()

    @property
    def is_incident(self) -> bool:
        return self.pm.kind is Kind.INCIDENT

    @cached_property
    def sections_found(self) -> list[str]:
        """Canonical sections the document has, with or without a heading of their own."""
        if self.document is not None:
            return self.document.found.sections_found
        return filled_sections(self.pm)

    @cached_property
    def sections_headed(self) -> list[str]:
        if self.document is not None:
            return self.document.found.sections_headed
        return filled_sections(self.pm)

    def heading_line(self, section: str) -> int | None:
        """The line of a section's heading (or, without one, of its content) in the parsed file."""
        if self.document is None:
            return None
        found = self.document.found
        return found.headed.get(section) or found.implicit.get(section) or None

    def line(self, source: str | None) -> int | None:
        """The line an item came from, when it came from the file being checked (not from notes)."""
        if self.document is None or not source:
            return None
        name, _, tail = source.rpartition(":")
        return int(tail) if name == self.document.name and tail.isdigit() else None

    @cached_property
    def words(self) -> int:
        if self.document is not None:
            return self.document.words
        return sum(len(text.split()) for text in all_texts(self.pm))
