"""A PagerDuty incident log (the JSON of GET /incidents/{id}/log_entries) → Board.

Each log entry becomes a timeline note carrying its own time: the trigger as 'alert fired', the resolution
as 'resolved', notes added during the incident as written. Notifications and repeated escalations are left
out: they tell who was paged, not what happened. The incident's title and priority, when the export
includes the incident, name the board.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from afterboard.board import Board, Note
from afterboard.errors import EmptyBoardError, InputError
from afterboard.ingest.values import iso_time, logged, mapping, one_line

_WORDING = {
    "trigger_log_entry": "alert fired: {what}",
    "acknowledge_log_entry": "acknowledged by {who}",
    "escalate_log_entry": "escalated to {whom}",
    "assign_log_entry": "assigned to {whom}",
    "reassign_log_entry": "reassigned to {whom}",
    "resolve_log_entry": "resolved by {who}",
    "priority_change_log_entry": "{summary}",
    "urgency_change_log_entry": "{summary}",
    "annotate_log_entry": "note: {note}",
}
"""The entry types worth a line in a timeline, and how each reads; other types are left out."""


def looks_like_pagerduty(data: object) -> bool:
    entries = data.get("log_entries") if isinstance(data, Mapping) else data
    return (
        isinstance(entries, list)
        and bool(entries)
        and all(isinstance(e, Mapping) and str(e.get("type", "")).endswith("log_entry") for e in entries[:5])
    )


def read_pagerduty(data: object, *, name: str) -> Board:
    """The notes an incident log holds; `data` is the parsed JSON (`{"log_entries": [...]}` or a list)."""
    entries = data.get("log_entries") if isinstance(data, Mapping) else data
    if not isinstance(entries, list):
        raise InputError(f"{name} is not a PagerDuty log: it has no list of log entries.")
    notes = [note for note in (_note(e, name) for e in entries if isinstance(e, Mapping)) if note]
    if not notes:
        raise EmptyBoardError(
            f"{name} holds no log entries afterboard can use (trigger, acknowledge, resolve...)."
        )
    notes.sort(key=lambda n: n.time or dt.datetime.min.replace(tzinfo=dt.UTC))
    incident = _incident(data, entries)
    return Board(
        notes=tuple(notes),
        title=one_line(incident.get("title") or incident.get("summary")) or None,
        severity=one_line(_get(incident, "priority", "summary")) or None,
        kind="incident",
        timezone="UTC",
        sources=(name,),
    )


def _note(entry: Mapping[str, Any], name: str) -> Note | None:
    wording = _WORDING.get(str(entry.get("type")))
    at = iso_time(entry.get("created_at"))
    if wording is None or at is None:
        return None
    channel = mapping(entry.get("channel"))
    what = (
        one_line(_get(entry, "incident", "summary")) or one_line(channel.get("summary")) or "incident opened"
    )
    text = wording.format(
        what=what,
        who=one_line(_get(entry, "agent", "summary")) or "someone",
        whom=", ".join(_names(entry.get("assignees") or entry.get("escalation_targets") or []))
        or "the next level",
        summary=one_line(entry.get("summary")),
        note=one_line(channel.get("summary") or entry.get("note") or entry.get("summary")),
    )
    return logged(
        text.strip(), at, source=f"{name}#{entry.get('id') or entry.get('type')}", header="PagerDuty log"
    )


def _incident(data: object, entries: list[Any]) -> Mapping[str, Any]:
    if isinstance(data, Mapping) and isinstance(data.get("incident"), Mapping):
        incident: Mapping[str, Any] = data["incident"]
        return incident
    for entry in entries:
        if isinstance(entry, Mapping) and isinstance(entry.get("incident"), Mapping):
            found: Mapping[str, Any] = entry["incident"]
            return found
    return {}


def _names(items: Iterable[Any]) -> list[str]:
    return [one_line(i.get("summary")) for i in items if isinstance(i, Mapping) and i.get("summary")]


def _get(entry: Mapping[str, Any], key: str, field: str) -> Any:
    value = entry.get(key)
    return value.get(field) if isinstance(value, Mapping) else None
