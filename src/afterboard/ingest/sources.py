"""Any source afterboard drafts from → Board, chosen by what the file holds, never by its name.

- typed notes (Markdown or text);
- a Slack export (ZIP, channel folder or day file) and a PagerDuty incident log;
- a digital board: an Excalidraw drawing, Miro's board items (REST API v2), a FigJam file (REST API), a
  Trello board export, a Parabol retrospective CSV, or a sheet with one column per header;
- an on-call tool's events: Opsgenie alerts, alert logs, incidents and incident timelines, Alertmanager
  webhook payloads, or a CSV of `time,event` rows.

JSON (or JSON Lines) of any other shape, and XML or HTML, get one sentence naming what is read. Photos have
their own reader (`ingest/photo.py`, `afterboard snap`).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from afterboard.board import Board
from afterboard.errors import InputError
from afterboard.ingest.alertmanager import looks_like_alertmanager, read_alertmanager
from afterboard.ingest.board_csv import looks_like_board_csv, read_board_csv
from afterboard.ingest.events_csv import looks_like_events, read_events
from afterboard.ingest.excalidraw import looks_like_excalidraw, read_excalidraw
from afterboard.ingest.figjam import looks_like_figjam, read_figjam
from afterboard.ingest.files import MAX_TEXT_BYTES, decode_text, read_text_file
from afterboard.ingest.headers import Vocabulary, default_vocabulary
from afterboard.ingest.miro import looks_like_miro, read_miro
from afterboard.ingest.opsgenie import looks_like_opsgenie, read_opsgenie
from afterboard.ingest.pagerduty import looks_like_pagerduty, read_pagerduty
from afterboard.ingest.parabol import looks_like_parabol, read_parabol
from afterboard.ingest.slack import Channel, looks_like_slack_day, read_channel, user_names
from afterboard.ingest.table import Table, read_table
from afterboard.ingest.text import parse_notes
from afterboard.ingest.trello import looks_like_trello, read_trello

MAX_EXPORT_BYTES = 200 * 1024 * 1024
"""An incident channel's export is a few MB; more than this, unpacked, is not one (or is a ZIP bomb)."""
MAX_EXPORT_FILES = 20_000
MAX_BOARD_BYTES = 64 * 1024 * 1024
"""A digital board of 5,000 items is about 5 MB of JSON; a file many times that is not one board."""
READS = (
    "typed notes, Excalidraw drawings, Miro board items (REST API v2), FigJam files (REST API), Trello "
    "board exports, Parabol retrospective CSVs, sheets with one column per header, Opsgenie alerts, logs "
    "and incidents, Alertmanager webhook payloads, CSVs of time,event rows, PagerDuty incident logs and "
    "Slack exports"
)
"""What afterboard drafts from, for the sentence that refuses anything else."""

Today = dt.date | None
_JsonReader = Callable[[Any, str, dt.date, Vocabulary], Board]
_TableReader = Callable[[Table, str, Vocabulary], Board]
_JSON_READERS: tuple[tuple[Callable[[Any], bool], _JsonReader], ...] = (
    (looks_like_pagerduty, lambda data, name, _, __: read_pagerduty(data, name=name)),
    (
        looks_like_excalidraw,
        lambda data, name, today, v: read_excalidraw(data, name=name, today=today, vocabulary=v),
    ),
    (looks_like_figjam, lambda data, name, today, v: read_figjam(data, name=name, today=today, vocabulary=v)),
    (looks_like_trello, lambda data, name, today, v: read_trello(data, name=name, today=today, vocabulary=v)),
    (looks_like_miro, lambda data, name, today, v: read_miro(data, name=name, today=today, vocabulary=v)),
    (looks_like_opsgenie, lambda data, name, _, __: read_opsgenie(data, name=name)),
    (looks_like_alertmanager, lambda data, name, _, __: read_alertmanager(data, name=name)),
)
"""Each JSON format afterboard reads: how to tell it (by its shape, never its name) and how to read it (the
digital boards against the headers known, the team's `board_sections` included)."""
_TABLE_READERS: tuple[tuple[Callable[[Table, Vocabulary], bool], _TableReader], ...] = (
    (
        lambda table, _: looks_like_parabol(table),
        lambda table, name, v: read_parabol(table, name=name, vocabulary=v),
    ),
    (lambda table, _: looks_like_events(table), lambda table, name, _: read_events(table, name=name)),
    (looks_like_board_csv, lambda table, name, v: read_board_csv(table, name=name, vocabulary=v)),
)
_NOT_JSON = object()


def read_source(
    path: Path, *, today: Today = None, channel: str | None = None, vocabulary: Vocabulary | None = None
) -> Board:
    """The board a source holds. `channel` picks a channel in a Slack export that has several; `vocabulary`
    is the headers a digital board's are read against (`headers.vocabulary_for(settings.board_sections)`)."""
    if path.is_dir():
        return _slack_folder(path, channel)
    if path.is_file() and zipfile.is_zipfile(path):
        return _slack_zip(path, path.name, channel)
    if _opens_like_an_export(path):
        text = read_text_file(path, what="board export", limit=MAX_BOARD_BYTES)
    else:
        text = read_text_file(path)
    return read_text(text, name=path.name, today=today, path=path, vocabulary=vocabulary)


def _opens_like_an_export(path: Path) -> bool:
    """Whether a file starts as JSON or a table does: only those may be larger than typed notes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).removeprefix(b"\xef\xbb\xbf").lstrip()
    except OSError:
        return False  # read_text_file says why, in its own words
    first = head.split(b"\n", 1)[0]
    return head[:1] in {b"{", b"["} or any(mark in first for mark in (b",", b";", b"\t"))


def read_upload(
    data: bytes,
    *,
    name: str,
    today: Today = None,
    channel: str | None = None,
    vocabulary: Vocabulary | None = None,
) -> Board:
    """A file sent through the web app, read as `read_source` reads one on disk."""
    if len(data) > MAX_BOARD_BYTES:
        raise InputError(f"{name} is over {MAX_BOARD_BYTES // 1024 // 1024} MB; is it one board's export?")
    if zipfile.is_zipfile(io.BytesIO(data)):
        return _slack_zip(io.BytesIO(data), name, channel)
    text = decode_text(data, name=name, what="notes or an export")
    return read_text(text, name=name, today=today, vocabulary=vocabulary)


def read_text(
    text: str,
    *,
    name: str,
    today: Today = None,
    path: Path | None = None,
    vocabulary: Vocabulary | None = None,
) -> Board:
    """The board a file's text holds, whatever its name: JSON of a known shape, a known CSV, or notes."""
    text = text.removeprefix("\ufeff")  # spreadsheet tools start their CSVs with a byte-order mark
    known = vocabulary or default_vocabulary()
    data = _json(text, name)
    if data is not _NOT_JSON:
        return _json_source(data, name, today or dt.date.today(), path, known)
    if _is_markup(text):
        raise InputError(f"{name} is XML or HTML, which afterboard does not read; it reads {READS}.")
    table = read_table(text)
    if table is not None:
        for looks_like, read in _TABLE_READERS:
            if looks_like(table, known):
                return read(table, name, known)
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise InputError(
            f"{name} is {len(text) / 1024 / 1024:.1f} MB of text; typed notes over "
            f"{MAX_TEXT_BYTES // 1024 // 1024} MB are not accepted (is it the right file?)."
        )
    return parse_notes(text, name=name, today=today)


def parse_json(text: str, *, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}."
        ) from None
    except RecursionError:
        raise InputError(f"{name} is JSON nested too deeply to be an export; is it the right file?") from None


def _json(text: str, name: str) -> Any:
    """The parsed JSON (or JSON Lines, as a list) when the text is JSON; _NOT_JSON when it is something
    else. Broken JSON is refused when nothing else starts with '{' or the file is named .json; a '[' may
    open Markdown ('[Checkout outage](…)'), so a file that starts with one and fails to parse is notes."""
    stripped = text.lstrip()
    if not stripped.startswith(("{", "[")):
        return _NOT_JSON
    try:
        return json.loads(stripped)
    except json.JSONDecodeError:
        pass
    except RecursionError:
        return parse_json(stripped, name=name)  # raises, saying so
    lines = [line for line in stripped.splitlines() if line.strip()]
    if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines):
        try:
            return [json.loads(line) for line in lines]
        except json.JSONDecodeError:
            pass
    if stripped.startswith("{") or PurePosixPath(name).suffix.lower() in {".json", ".jsonl", ".ndjson"}:
        return parse_json(stripped, name=name)  # raises, saying where the JSON breaks
    return _NOT_JSON


def _is_markup(text: str) -> bool:
    """XML or HTML: it opens with a declaration, a doctype or an element and closes with a tag."""
    stripped = text.strip()
    if stripped.startswith("<?xml") or stripped.lower().startswith("<!doctype"):
        return True
    return stripped[:1] == "<" and stripped[1:2].isalpha() and stripped.endswith(">")


def _json_source(data: Any, name: str, today: dt.date, path: Path | None, vocabulary: Vocabulary) -> Board:
    for looks_like, read in _JSON_READERS:
        if looks_like(data):
            return read(data, name, today, vocabulary)
    if looks_like_slack_day(data):
        users_file = path.parent.parent / "users.json" if path is not None else None
        users = (
            user_names(parse_json(users_file.read_text(encoding="utf-8"), name="users.json"))
            if users_file is not None and users_file.is_file()
            else {}
        )
        folder = path.parent.name if path is not None else ""
        day = Channel(name=folder or "channel", days={name: data}, users=users)
        return read_channel(day, source=name)
    if isinstance(data, Mapping) and "postmortem" in data:
        raise InputError(
            f"{name} is an afterboard draft, not notes: use `afterboard render` or `afterboard check`."
        )
    raise InputError(f"{name} is JSON afterboard does not know; it reads {READS}.")


@dataclass(frozen=True)
class _Export:
    """A Slack export as a listing of its files and a way to read one, whether a ZIP or a folder."""

    name: str
    listing: list[str]
    read: Callable[[str], bytes | None]


def _slack_zip(source: Path | IO[bytes], name: str, channel: str | None) -> Board:
    try:
        with zipfile.ZipFile(source) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            if len(infos) > MAX_EXPORT_FILES or sum(i.file_size for i in infos) > MAX_EXPORT_BYTES:
                raise InputError(
                    f"{name} unpacks to more than {MAX_EXPORT_BYTES // 1024 // 1024} MB or "
                    f"{MAX_EXPORT_FILES} files; export only the incident's channel and dates."
                )
            members = {i.filename: i for i in infos}

            def read(member: str) -> bytes | None:
                return archive.read(members[member]) if member in members else None

            return _slack_export(_Export(name, list(members), read), channel)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{name} is a damaged ZIP archive: {exc}.") from None


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
