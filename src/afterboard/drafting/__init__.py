"""Board → PostMortem: deterministic, pure and explainable.

Every item of the draft comes from a note and keeps its `source`; nothing is invented. Notes go to the
section they were found under; a note found under no heading goes to the timeline when it starts with a
time, to the action items when it names an owner or a deadline, else to 'Other notes'. Where the board
counted votes, a section's notes come most voted first (the timeline, root cause, impact and summary keep
the board's order: time and the why-chain order them). The timeline is
sorted and its start, detection, mitigation and resolution are taken from the words of the notes
(`extract/events.py`); the impact's duration follows from them when no note states it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from afterboard.board import Board, Note
from afterboard.extract.action import parse_action
from afterboard.extract.events import Moments, find_moments, with_marks
from afterboard.extract.impact import read_impact
from afterboard.extract.times import find_time, zone_named
from afterboard.postmortem import ActionItem, ExtraSection, Impact, Item, Kind, PostMortem, TimelineEntry
from afterboard.sections import CANONICAL, Section
from afterboard.settings import Settings

from .causes import build_factors, build_root_cause
from .summary import board_summary, build_summary
from .timeline import build_timeline

__all__ = ["draft"]

_ON_CALL_WORDS = ("paged", "pager", "on-call", "oncall", "on call")
_OWN_ORDER = frozenset({Section.TIMELINE, Section.ROOT_CAUSE, Section.IMPACT, Section.SUMMARY})
"""Sections whose notes keep the board's order whatever their votes: time or the why-chain orders them."""
_EXTRA_TITLES = {
    Section.SUMMARY: "Summary",
    Section.LESSONS_LEARNED: "Lessons learned",
    Section.LUCKY: "Where we got lucky",
}


def draft(
    board: Board,
    *,
    kind: Kind | str | None = None,
    today: dt.date | None = None,
    settings: Settings | None = None,
) -> PostMortem:
    """The first draft of a post-mortem from a board. `today` is the reference for relative dates when the
    board gives no date of its own; `settings` supplies the default time zone and date order."""
    settings = settings or Settings()
    the_kind = Kind(kind or board.kind or Kind.INCIDENT)
    reference = board.date or _first_logged_day(board) or today or dt.date.today()
    zone_name = board.timezone or settings.timezone
    tz = zone_named(zone_name) or dt.UTC
    order = settings.date_order
    placed = _place(board.notes, today=reference, tz=tz)

    entries = build_timeline(placed[Section.TIMELINE], on=reference, tz=tz, order=order)
    moments = find_moments(entries) if the_kind is Kind.INCIDENT else Moments()
    entries = with_marks(entries, moments)
    impact = _impact(placed[Section.IMPACT], moments, severity=board.severity)
    root_cause = build_root_cause(placed[Section.ROOT_CAUSE])
    actions = [_action(n, today=reference, settings=settings) for n in placed[Section.ACTION_ITEMS]]
    resolved_at = moments.resolved.at if moments.resolved else None

    summary = (
        [_item(n) for n in placed[Section.SUMMARY]]
        + board_summary(board)
        + build_summary(
            kind=the_kind,
            moments=moments,
            impact=impact,
            root_cause=root_cause,
            action_items=actions,
            timezone=zone_name,
        )
    )
    return PostMortem(
        kind=the_kind,
        title=board.title or _default_title(the_kind, board.date),
        severity=impact.severity,
        date=board.date or next((e.at.date() for e in entries if e.at), None),
        timezone=board.timezone,
        started_at=moments.started.at if moments.started else None,
        detected_at=moments.detected.at if moments.detected else None,
        mitigated_at=moments.mitigated.at if moments.mitigated else None,
        resolved_at=resolved_at,
        summary=tuple(summary),
        impact=impact,
        timeline=tuple(entries),
        root_cause=root_cause,
        contributing_factors=tuple(build_factors(placed[Section.CONTRIBUTING_FACTORS])),
        went_well=tuple(_item(n) for n in placed[Section.WENT_WELL]),
        action_items=tuple(actions),
        extra_sections=tuple(_extras(placed)),
        emergency_on_call=_on_call(entries),
        publication_due=settings.policy.publication_window(resolved_at)[1] if resolved_at else None,
    )


def _place(notes: Iterable[Note], *, today: dt.date, tz: dt.tzinfo) -> dict[str, list[Note]]:
    placed: dict[str, list[Note]] = {s.value: [] for s in Section}
    for note in notes:
        if not note.text.strip():
            continue
        key = note.section or _guess_section(note, today=today, tz=tz)
        placed.setdefault(key, []).append(note)
    for key, placed_notes in placed.items():
        if key not in _OWN_ORDER and any(n.votes for n in placed_notes):
            placed_notes.sort(key=lambda n: -(n.votes or 0))  # stable: equal votes keep the board's order
    return placed


def _guess_section(note: Note, *, today: dt.date, tz: dt.tzinfo) -> str:
    """Evidence from the note itself: a leading time means timeline, an owner or deadline an action item."""
    found = find_time(note.text, on=today, tz=tz)
    if found is not None and found.start <= 2:
        return Section.TIMELINE.value
    parsed = parse_action(note.text, today=today)
    if parsed.owner or parsed.due:
        return Section.ACTION_ITEMS.value
    return "Other notes"


def _impact(notes: list[Note], moments: Moments, *, severity: str | None) -> Impact:
    facts = read_impact(n.text for n in notes)
    duration = facts.duration
    if duration is None and moments.started and moments.resolved:
        start, end = moments.started.at, moments.resolved.at
        duration = end - start if start and end and end > start else None
    return Impact(
        who=facts.who,
        users_affected=facts.users_affected,
        users_share=facts.users_share,
        duration=duration,
        severity=facts.severity or severity,
        statements=tuple(_item(n) for n in notes),
    )


def _action(note: Note, *, today: dt.date, settings: Settings) -> ActionItem:
    parsed = parse_action(note.text, today=today, order=settings.date_order, sprint_days=settings.sprint_days)
    update: dict[str, object] = {"source": note.source, "confidence": note.confidence}
    if note.owner is not None:
        update["owner"] = note.owner
    if note.due is not None:
        update.update(due=note.due, due_text=None)  # the tool's own date field, not words of the note
    return parsed.model_copy(update=update)


def _extras(placed: dict[str, list[Note]]) -> list[ExtraSection]:
    handled = {s.value for s in CANONICAL} | {Section.SUMMARY.value, Section.METADATA.value}
    extras = []
    for key, notes in placed.items():
        if key in handled or not notes:
            continue
        known = next((s for s in Section if s.value == key), None)
        title = _EXTRA_TITLES.get(known, key) if known else (notes[0].header or key)
        extras.append(
            ExtraSection(title=title, key=known.value if known else None, items=tuple(map(_item, notes)))
        )
    return extras


def _on_call(entries: list[TimelineEntry]) -> bool | None:
    """True when a timeline note says someone was paged; None (unknown) otherwise, never a guessed False."""
    if any(word in e.text.lower() for e in entries for word in _ON_CALL_WORDS):
        return True
    return None


def _first_logged_day(board: Board) -> dt.date | None:
    """The day of the earliest structured time (an alert log's), for notes that give times but no date."""
    logged = [n.time for n in board.notes if n.time is not None]
    # a time written without a zone (a spreadsheet's) sorts as if UTC: only its day is wanted here
    return min(logged, key=lambda t: t if t.tzinfo else t.replace(tzinfo=dt.UTC)).date() if logged else None


def _item(note: Note) -> Item:
    return Item(text=note.text, source=note.source, confidence=note.confidence)


def _default_title(kind: Kind, day: dt.date | None) -> str:
    label = "Incident post-mortem" if kind is Kind.INCIDENT else "Project post-mortem"
    return f"{label}, {day.isoformat()}" if day else label
