"""A Slack channel export (the workspace export's ZIP, a channel's folder, or one day's JSON) → Board.

An incident channel holds hundreds of messages; the draft needs the few that matter. Kept: messages that
open with a section label ('Impact: ...', 'Root cause: ...', 'AI: ...' or 'TODO: ...' for action items),
messages pinned or marked with a :pushpin:, and messages whose words mark a moment of the incident (alert
fired, rolled back, resolved: see `extract/events.py`). Everything else is counted, not kept.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from afterboard.board import Board, Note
from afterboard.errors import EmptyBoardError
from afterboard.extract.events import mark_of
from afterboard.sections import Section, match_section

_SKIPPED_SUBTYPES = frozenset(
    {
        "channel_join",
        "channel_leave",
        "channel_topic",
        "channel_purpose",
        "channel_name",
        "bot_add",
        "bot_remove",
        "pinned_item",
        "unpinned_item",
        "reminder_add",
        "channel_archive",
        "group_join",
    }
)
_ACTION_LABELS = frozenset(
    {"ai", "action", "action item", "todo", "to do", "follow up", "follow-up", "followup"}
)
_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][\w /&'-]{0,30}?)\s*:\s+(?P<rest>\S.*)$", re.DOTALL)
_PINS = frozenset({"pushpin", "round_pushpin", "pin"})
_USER = re.compile(r"<@(?P<id>[UW][A-Z0-9]+)(?:\|(?P<name>[^>]+))?>")
_CHANNEL = re.compile(r"<#[CG][A-Z0-9]+\|(?P<name>[^>]*)>")
_LINK = re.compile(r"<(?P<url>(?:https?|mailto):[^|>]+)(?:\|(?P<label>[^>]+))?>")
_SPECIAL = re.compile(r"<!(?P<what>here|channel|everyone)(?:\|[^>]*)?>")


@dataclass(frozen=True)
class Channel:
    """One channel's messages as exported: `days` maps a file name ('2026-11-20.json') to its messages."""

    name: str
    days: Mapping[str, list[Any]]
    users: Mapping[str, str]
    purpose: str | None = None


def looks_like_slack_day(data: object) -> bool:
    return (
        isinstance(data, list)
        and bool(data)
        and all(isinstance(m, Mapping) and "ts" in m and ("text" in m or "type" in m) for m in data[:5])
    )


def read_channel(channel: Channel, *, source: str) -> Board:
    """The notes worth drafting from in one channel; EmptyBoardError when none is."""
    notes: list[Note] = []
    total = 0
    for day in sorted(channel.days):
        for message in channel.days[day]:
            if not isinstance(message, Mapping) or message.get("subtype") in _SKIPPED_SUBTYPES:
                continue
            total += 1
            note = _note(message, channel.users, f"{source}#{channel.name}/{day}@{message.get('ts')}")
            if note is not None:
                notes.append(note)
    if not notes:
        raise EmptyBoardError(
            f"{source}: none of the {total} messages in #{channel.name} is labelled ('Impact:', "
            "'Root cause:', 'AI:'), pinned, or says what happened when (alert fired, rolled back, resolved)."
        )
    return Board(
        notes=tuple(notes),
        title=channel.purpose or f"#{channel.name}",
        timezone="UTC",
        kind="incident",
        sources=(source,),
    )


def user_names(users: Iterable[Any]) -> dict[str, str]:
    """users.json → {id: the name people see}."""
    names = {}
    for user in users:
        if isinstance(user, Mapping) and user.get("id"):
            raw = user.get("profile")
            profile: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
            name = (
                profile.get("display_name")
                or profile.get("real_name")
                or user.get("real_name")
                or user.get("name")
            )
            names[str(user["id"])] = str(name or user["id"])
    return names


def _note(message: Mapping[str, Any], users: Mapping[str, str], source: str) -> Note | None:
    text = _plain(str(message.get("text") or ""), users)
    at = _time(message.get("ts"))
    if not text or at is None:
        return None
    labelled = _LABEL.match(text)
    if labelled is not None:
        label = labelled["label"].strip().lower()
        section = Section.ACTION_ITEMS if label in _ACTION_LABELS else match_section(label)
        if section is not None and section is not Section.METADATA:
            return Note(
                text=labelled["rest"].strip(),
                section=section.value,
                header=labelled["label"],
                time=at if section is Section.TIMELINE else None,
                source=source,
            )
    if _pinned(message) or mark_of(text) is not None:
        return Note(text=text, section=Section.TIMELINE.value, header="Slack", time=at, source=source)
    return None


def _pinned(message: Mapping[str, Any]) -> bool:
    reactions = message.get("reactions") or []
    named = {r.get("name") for r in reactions if isinstance(r, Mapping)}
    return bool(message.get("pinned_to")) or bool(named & _PINS)


def _plain(text: str, users: Mapping[str, str]) -> str:
    """Slack's markup as a person reads it: mentions by name, links by label, entities decoded."""
    text = _USER.sub(lambda m: "@" + (m["name"] or users.get(m["id"], m["id"])), text)
    text = _CHANNEL.sub(lambda m: "#" + m["name"], text)
    text = _LINK.sub(lambda m: m["label"] or m["url"], text)
    text = _SPECIAL.sub(lambda m: "@" + m["what"], text)
    return " ".join(html.unescape(text).split())


def _time(ts: object) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(float(str(ts)), tz=dt.UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None
