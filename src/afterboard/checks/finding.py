"""A finding: one thing that keeps a post-mortem from being a good one, with where it is and how to fix it.

Findings are data. A check never raises for a bad document; it returns findings.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Severity(StrEnum):
    ERROR = "error"
    """The document is not a usable post-mortem until this is fixed (e.g. no action items)."""
    WARNING = "warning"
    """A real weakness a reviewer would flag (e.g. an action item without an owner)."""
    INFO = "info"
    """Worth knowing; no change needed (e.g. the depth of the five-whys chain)."""


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    rule: str
    """Stable rule id, e.g. 'action-items-owner'; `afterboard rules` lists them all."""
    severity: Severity
    message: str
    """What is wrong, in one sentence a person understands without the rule's documentation."""
    fix: str
    """A concrete suggestion: what to write, or a rewrite of the offending sentence."""
    where: str | None = None
    """The place in the document, e.g. 'action_items[2]' or 'timeline'."""
    line: int | None = None
    """1-based line in the source document, when the document came from a file."""
