"""afterboard: turn a photo of a post-mortem whiteboard, or typed notes, into a first draft, then check it.

The pipeline, one plain call per stage::

    board = afterboard.read_notes("notes.md")          # source -> Board
    pm = afterboard.draft(board, kind="incident")        # Board -> PostMortem
    findings = afterboard.check(pm)                      # PostMortem -> [Finding]
    text = afterboard.render_markdown(pm)                # PostMortem -> document

Importing the package does no work: each name below is loaded from its module on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "ActionItem": "afterboard.postmortem",
    "AfterboardError": "afterboard.errors",
    "Board": "afterboard.board",
    "Finding": "afterboard.checks.finding",
    "EmptyBoardError": "afterboard.errors",
    "InputError": "afterboard.errors",
    "Kind": "afterboard.postmortem",
    "Note": "afterboard.board",
    "Policy": "afterboard.policy",
    "PostMortem": "afterboard.postmortem",
    "Requirement": "afterboard.policy",
    "Section": "afterboard.sections",
    "Settings": "afterboard.settings",
    "Status": "afterboard.postmortem",
    "check": "afterboard.checks",
    "draft": "afterboard.drafting",
    "is_required": "afterboard.policy",
    "parse_postmortem": "afterboard.parse",
    "read_notes": "afterboard.ingest.text",
    "read_postmortem": "afterboard.parse",
    "render_html": "afterboard.render.html",
    "render_markdown": "afterboard.render.markdown",
}

__all__ = [
    "ActionItem",
    "AfterboardError",
    "Board",
    "EmptyBoardError",
    "Finding",
    "InputError",
    "Kind",
    "Note",
    "Policy",
    "PostMortem",
    "Requirement",
    "Section",
    "Settings",
    "Status",
    "check",
    "draft",
    "is_required",
    "parse_postmortem",
    "read_notes",
    "read_postmortem",
    "render_html",
    "render_markdown",
]

if TYPE_CHECKING:
    from afterboard.board import Board, Note
    from afterboard.checks import check
    from afterboard.checks.finding import Finding
    from afterboard.drafting import draft
    from afterboard.errors import AfterboardError, EmptyBoardError, InputError
    from afterboard.ingest.text import read_notes
    from afterboard.parse import parse_postmortem, read_postmortem
    from afterboard.policy import Policy, Requirement, is_required
    from afterboard.postmortem import ActionItem, Kind, PostMortem, Status
    from afterboard.render.html import render_html
    from afterboard.render.markdown import render_markdown
    from afterboard.sections import Section
    from afterboard.settings import Settings


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'afterboard' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
