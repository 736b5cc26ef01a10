"""Any source afterboard drafts from → Board, chosen by what the file is, not by its name:
typed notes (Markdown or text), a Slack export (ZIP, channel folder or day file), a PagerDuty log (JSON).
Photos have their own reader (`ingest/photo.py`, `afterboard snap`)."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from afterboard.board import Board
from afterboard.errors import InputError
from afterboard.ingest.files import read_text_file
from afterboard.ingest.pagerduty import looks_like_pagerduty, read_pagerduty
from afterboard.ingest.slack import Channel, looks_like_slack_day, read_channel, user_names
from afterboard.ingest.text import read_notes

MAX_EXPORT_BYTES = 200 * 1024 * 1024
"""An incident channel's export is a few MB; more than this, unpacked, is not one (or is a ZIP bomb)."""
MAX_EXPORT_FILES = 20_000


def read_source(path: Path, *, today: dt.date | None = None, channel: str | None = None) -> Board:
    """The board a source holds. `channel` picks a channel in a Slack export that has several."""
    if path.is_dir():
        return _slack_folder(path, channel)
    if path.is_file() and zipfile.is_zipfile(path):
        return _slack_zip(path, channel)
    if path.suffix.lower() == ".json":
        return _json_source(path)
    return read_notes(path, today=today)


def parse_json(text: str, *, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}."
        ) from None


def _json_source(path: Path) -> Board:
    data = parse_json(read_text_file(path, what="a JSON export"), name=path.name)
    if looks_like_pagerduty(data):
        return read_pagerduty(data, name=path.name)
    if looks_like_slack_day(data):
        users_file = path.parent.parent / "users.json"
        users = (
            user_names(parse_json(users_file.read_text(encoding="utf-8"), name="users.json"))
            if users_file.is_file()
            else {}
        )
        day = Channel(name=path.parent.name or "channel", days={path.name: data}, users=users)
        return read_channel(day, source=path.name)
    if isinstance(data, Mapping) and "postmortem" in data:
        raise InputError(
            f"{path.name} is an afterboard draft, not notes: use `afterboard render` or `afterboard check`."
        )
    raise InputError(
        f"{path.name} is JSON afterboard does not know: it reads PagerDuty incident logs (log_entries) "
        "and Slack channel exports."
    )


@dataclass(frozen=True)
class _Export:
    """A Slack export as a listing of its files and a way to read one, whether a ZIP or a folder."""

    name: str
    listing: list[str]
    read: Callable[[str], bytes | None]


def _slack_zip(path: Path, channel: str | None) -> Board:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            if len(infos) > MAX_EXPORT_FILES or sum(i.file_size for i in infos) > MAX_EXPORT_BYTES:
                raise InputError(
                    f"{path.name} unpacks to more than {MAX_EXPORT_BYTES // 1024 // 1024} MB or "
                    f"{MAX_EXPORT_FILES} files; export only the incident's channel and dates."
                )
            members = {i.filename: i for i in infos}

            def read(member: str) -> bytes | None:
                return archive.read(members[member]) if member in members else None

            return _slack_export(_Export(path.name, list(members), read), channel)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{path.name} is a damaged ZIP archive: {exc}.") from None


def _slack_folder(folder: Path, channel: str | None) -> Board:
    def read(member: str) -> bytes | None:
        target = folder / member
        return target.read_bytes() if target.is_file() else None

    listing = [p.relative_to(folder).as_posix() for p in folder.rglob("*.json")]
    return _slack_export(_Export(folder.name, listing, read), channel)


def _slack_export(export: _Export, channel: str | None) -> Board:
    by_channel: dict[str, list[str]] = {}
    for member in export.listing:
        parts = PurePosixPath(member).parts
        if len(parts) == 2 and parts[1].endswith(".json"):
            by_channel.setdefault(parts[0], []).append(member)
    if not by_channel:
        days = [m for m in export.listing if m.endswith(".json") and m[:4].isdigit()]
        if not days:
            raise InputError(
                f"{export.name} is not a Slack export: it has no channel folders of daily JSON files."
            )
        by_channel[export.name] = days
    chosen = _choose(by_channel, channel, export.name)
    users = _load(export, "users.json") or []
    channels = _load(export, "channels.json") or []
    purpose = next(
        (_purpose(c) for c in channels if isinstance(c, Mapping) and c.get("name") == chosen),
        None,
    )
    messages = {PurePosixPath(m).name: _load(export, m) or [] for m in by_channel[chosen]}
    found = Channel(name=chosen, days=messages, users=user_names(users), purpose=purpose)
    return read_channel(found, source=export.name)


def _purpose(channel: Mapping[str, Any]) -> str | None:
    purpose = channel.get("purpose")
    value = purpose.get("value") if isinstance(purpose, Mapping) else None
    return str(value) if value else None


def _choose(by_channel: dict[str, list[str]], wanted: str | None, name: str) -> str:
    if wanted is not None:
        key = wanted.lstrip("#")
        if key not in by_channel:
            known = ", ".join(sorted(by_channel)[:10])
            raise InputError(f"{name} has no channel '{key}'; it has: {known}.")
        return key
    if len(by_channel) == 1:
        return next(iter(by_channel))
    some = ", ".join(sorted(by_channel)[:10])
    raise InputError(
        f"{name} holds {len(by_channel)} channels; choose the incident's with --channel ({some})."
    )


def _load(export: _Export, member: str) -> Any:
    data = export.read(member)
    if data is None:
        return None
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(f"{export.name}: {member} is not valid JSON; is the export complete?") from None
