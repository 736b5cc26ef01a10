"""The draft's opening summary: what happened, the impact, the root cause and the action plan, in a few
sentences assembled only from what the notes say (each sentence lists the notes it came from)."""

from __future__ import annotations

from collections.abc import Iterable

from afterboard.board import Board
from afterboard.extract.durations import find_duration, format_duration
from afterboard.extract.events import Moments
from afterboard.postmortem import ActionItem, Impact, Item, Kind, RootCause, TimelineEntry
from afterboard.retro import recognise


def build_summary(
    *,
    kind: Kind,
    moments: Moments,
    impact: Impact,
    root_cause: RootCause,
    action_items: Iterable[ActionItem],
    timezone: str,
) -> list[Item]:
    sentences: list[Item] = []
    happened = _what_happened(moments, timezone)
    if happened is not None:
        sentences.append(happened)
    if impact.statements:
        label = "Outcome" if kind is Kind.PROJECT else "Impact"
        text = "; ".join(s.text.rstrip(".") for s in impact.statements[:2])
        if impact.duration and kind is Kind.INCIDENT and find_duration(text) is None:
            text += f" (for {format_duration(impact.duration)})"
        sentences.append(Item(text=f"{label}: {text}.", source=_sources(impact.statements[:2])))
    if root_cause.deepest is not None:
        origin = root_cause.whys[-1] if root_cause.whys else root_cause.statements[0]
        sentences.append(Item(text=f"Root cause: {root_cause.deepest.rstrip('.')}.", source=origin.source))
    items = list(action_items)
    if items:
        complete = sum(1 for a in items if a.owner and a.due)
        plan = f"{len(items)} action item{'s' if len(items) != 1 else ''}, "
        plan += "each" if complete == len(items) else f"{complete}"
        sentences.append(Item(text=f"{plan} with an owner and a deadline.", source=_sources(items)))
    return sentences


def _what_happened(moments: Moments, timezone: str) -> Item | None:
    """'On 2026-11-20 (UTC): deploy v2.3 started at 09:12; detected at 09:31 (pager alert fired); ...'"""
    parts: list[str] = []
    used: list[TimelineEntry] = []
    for label, entry in (
        (None, moments.started),
        ("detected", moments.detected),
        ("mitigated", moments.mitigated),
        ("resolved", moments.resolved),
    ):
        if entry is None or entry.at is None:
            continue
        when, text = entry.at.strftime("%H:%M"), entry.text.rstrip(".")
        parts.append(f"{text} at {when}" if label is None else f"{label} at {when} ({text})")
        used.append(entry)
    if not used or used[0].at is None:
        return None
    return Item(
        text=f"On {used[0].at:%Y-%m-%d} ({timezone}): " + "; ".join(parts) + ".", source=_sources(used)
    )


def _sources(items: Iterable[Item | TimelineEntry | ActionItem]) -> str | None:
    """'notes.md:5, notes.md:9': the notes a sentence was assembled from."""
    found = [i.source for i in items if i.source]
    return ", ".join(dict.fromkeys(found)) or None


def board_summary(board: Board) -> list[Item]:
    """What the draft took from the board's own structure, so that nothing written on it is lost: how a
    retro's columns were read, the headers that had no notes, the readings corrected as the team corrected
    them in earlier reviews, and the notes that could not be read (flagged for a person, with their place on
    the photo)."""
    sentences: list[Item] = []
    retro = recognise((*board.headers, *board.empty_headers))
    read_as: dict[str, str] = {}
    for note in board.notes:
        if note.header and note.section:
            read_as.setdefault(note.header, note.section.replace("_", " "))
    if retro is not None and read_as:
        mapping = ", ".join(f"“{header}” → {section}" for header, section in read_as.items())
        sentences.append(Item(text=f"Read as a {retro.name} retrospective: {mapping}."))
    if board.empty_headers:
        headers = ", ".join(f"“{h}”" for h in board.empty_headers)
        sentences.append(Item(text=f"Headers on the board with no notes: {headers}."))
    recalled = [n for n in board.notes if n.corrected == "team"]
    if recalled:
        changes = "; ".join(f"“{n.read_as}” → “{n.text}”" for n in recalled)
        count = f"{len(recalled)} note{'s' if len(recalled) != 1 else ''}"
        sentences.append(
            Item(
                text=f"{count} corrected as the team corrected the same reading in an earlier review: "
                f"{changes}.",
                source=", ".join(n.source for n in recalled if n.source) or None,
            )
        )
    unread = board.unread
    if unread:
        places = ", ".join(n.source or "?" for n in unread)
        count = f"{len(unread)} note{'s' if len(unread) != 1 else ''} on the board"
        sentences.append(
            Item(
                text=f"{count} could not be read; type {'them' if len(unread) != 1 else 'it'} in from the "
                f"photo ({places}).",
                source=unread[0].source,
                confidence=0.0,
            )
        )
    return sentences
