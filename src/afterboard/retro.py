"""Retrospective formats as teams draw them, and which post-mortem section each of their columns feeds.

A team that runs its project post-mortem as a retro writes the format's words on the board ('Start', 'Stop',
'Continue'), not the post-mortem's. This table maps each format's columns onto the project skeleton of
DOMAIN.md: what went well, what went differently (contributing factors), root causes, lessons learned and
action items for the next project. A column that the team reads otherwise is overridden in settings
(`[board_sections]`, e.g. `"new ideas" = "action_items"`, or `"fyi" = ""` to keep a column under its own
words). A header that maps to nothing keeps its notes under its own words.

The table is data; docs/snap.md shows it (a test keeps the two the same), so that a person can read what
their board will become before they draw it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from afterboard.sections import Section, normalise

WELL = Section.WENT_WELL
WRONG = Section.CONTRIBUTING_FACTORS
CAUSE = Section.ROOT_CAUSE
LEARNED = Section.LESSONS_LEARNED
ACTIONS = Section.ACTION_ITEMS


@dataclass(frozen=True)
class RetroFormat:
    name: str
    columns: Mapping[str, Section]
    """Each column's header as teams write it → the section its notes feed."""
    scattered: bool = False
    """Its labels stand around a drawing, notes stuck near them (above or below), not in columns."""


FORMATS: tuple[RetroFormat, ...] = (
    RetroFormat(
        "went well / to improve / action items",
        {"went well": WELL, "to improve": WRONG, "action items": ACTIONS},
    ),
    RetroFormat("start / stop / continue", {"start": ACTIONS, "stop": WRONG, "continue": WELL}),
    RetroFormat("mad / sad / glad", {"mad": WRONG, "sad": WRONG, "glad": WELL}),
    RetroFormat("keep / drop / add / try", {"keep": WELL, "drop": WRONG, "add": ACTIONS, "try": ACTIONS}),
    RetroFormat("KALM", {"keep": WELL, "add": ACTIONS, "less": WRONG, "more": ACTIONS}),
    RetroFormat(
        "4Ls",
        {
            "liked": WELL,
            "loved": WELL,
            "learned": LEARNED,
            "lacked": WRONG,
            "longed for": ACTIONS,
            "what i liked": WELL,
            "what i loved": WELL,
            "what i learned": LEARNED,
            "what i lacked": WRONG,
            "what i longed for": ACTIONS,
        },
    ),
    RetroFormat("good / bad / ugly", {"good": WELL, "bad": WRONG, "ugly": WRONG}),
    RetroFormat(
        "continue / change / new ideas / appreciate",
        {"continue": WELL, "change": WRONG, "new ideas": ACTIONS, "appreciate": WELL, "appreciations": WELL},
    ),
    RetroFormat("plus / delta", {"plus": WELL, "delta": WRONG, "pluses": WELL, "deltas": WRONG}),
    RetroFormat(
        "starfish",
        {
            "keep doing": WELL,
            "more of": ACTIONS,
            "less of": WRONG,
            "stop doing": WRONG,
            "start doing": ACTIONS,
        },
    ),
    RetroFormat(
        "sailboat",
        {
            "wind": WELL,
            "helpers": WELL,
            "anchor": WRONG,
            "anchors": WRONG,
            "hindrances": WRONG,
            "rocks": WRONG,
            "risks": WRONG,
            "island": ACTIONS,
            "goal": ACTIONS,
            "goals": ACTIONS,
        },
        scattered=True,
    ),
    RetroFormat(
        "it hurts / it feels good",
        {"it hurts": WRONG, "it feels good": WELL, "do something about it": ACTIONS},
    ),
    RetroFormat("five whys", {"why": CAUSE, "5 whys": CAUSE, "five whys": CAUSE, "root cause": CAUSE}),
    RetroFormat(
        "fishbone",
        {
            "people": CAUSE,
            "process": CAUSE,
            "tools": CAUSE,
            "technology": CAUSE,
            "environment": CAUSE,
            "methods": CAUSE,
            "measurement": CAUSE,
            "materials": CAUSE,
        },
    ),
)


def columns(overrides: Mapping[str, str] | None = None) -> dict[str, Section | None]:
    """Every retro column header (normalised) → its section, with a team's overrides applied: a section
    key to read that header as, or '' to keep its notes under the header's own words (None)."""
    table: dict[str, Section | None] = dict(_columns())
    for header, key in (overrides or {}).items():
        table[normalise(header)] = Section(key) if key else None
    return table


@cache
def _columns() -> dict[str, Section]:
    table: dict[str, Section] = {}
    for retro in FORMATS:
        for header, section in retro.columns.items():
            table.setdefault(normalise(header), section)
    return table


POSTMORTEM_HEADERS = frozenset({"went well", "what went well", "action items"})
"""Columns of the first format that are also an incident post-mortem's own headers: they alone do not make a
board a retrospective."""


def recognise(headers: Iterable[str]) -> RetroFormat | None:
    """The retro format most of whose columns head the board (at least two of them, not counting the
    post-mortem's own headers), if any. Fishbone categories and five whys are analyses any post-mortem
    uses: they do not make a board a retrospective."""
    written = {normalise(h) for h in headers} - POSTMORTEM_HEADERS
    best: tuple[int, RetroFormat] | None = None
    for retro in FORMATS:
        if retro.name in {"five whys", "fishbone"}:
            continue
        found = len(written & {normalise(c) for c in retro.columns})
        if found >= 2 and (best is None or found > best[0]):
            best = (found, retro)
    return best[1] if best else None
