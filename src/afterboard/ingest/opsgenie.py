"""Opsgenie's API responses → timeline notes, each carrying its own time (docs.opsgenie.com/docs/alert-api
and /docs/incident-api; every response is `{"data": …, "took": …, "requestId": …}`):

- an alert (GET /v2/alerts/{id}) or a list of them (GET /v2/alerts): the alert firing at `createdAt`, its
  acknowledgement and closing from `report` (`ackTime` and `closeTime` are milliseconds after creation);
- an alert's log (GET /v2/alerts/{id}/logs: `log`, `owner`, `createdAt`): what happened to it, as
  written; notifications are left out (they say who was paged, not what happened);
- an incident (GET /v1/incidents/{id}): opened at `createdAt`, impact from `impactStartDate` to
  `impactEndDate`;
- an incident's timeline (GET /v2/incident-timelines/{id}/entries: `eventTime`, `type`, `title`,
  `description`), hidden entries left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from afterboard.board import Board, Note
from afterboard.errors import EmptyBoardError
from afterboard.extract.events import mark_of
from afterboard.ingest.values import iso_time, logged, mapping, number, one_line
from afterboard.postmortem import Mark

HEADER = "Opsgenie"
_NOTIFICATION = re.compile(r"\bnotif|\bnotified\b|\bsent (?:to|via)\b", re.IGNORECASE)
_CLOSED = re.compile(r"\bclosed?\b|\bresolved?\b", re.IGNORECASE)
_CREATED = re.compile(r"\bcreated?\b|\bopened\b", re.IGNORECASE)


def looks_like_opsgenie(data: object) -> bool:
    if not isinstance(data, Mapping) or "data" not in data:
        return False
    body = data["data"]
    if isinstance(body, Mapping):
        return isinstance(body.get("entries"), list) or _is_alert(body)
    return isinstance(body, list) and bool(body) and all(_is_alert(i) or _is_log(i) for i in body[:5])


def read_opsgenie(data: Mapping[str, Any], *, name: str) -> Board:
    body = data["data"]
    records = body if isinstance(body, list) else [body]
    notes = [note for record in records if isinstance(record, Mapping) for note in _notes(record, name)]
    if not notes:
        raise EmptyBoardError(
            f"{name} is an Opsgenie response with no event afterboard can use (an alert or incident with "
            "its createdAt, an alert log or incident timeline entry with its time)."
        )
    notes.sort(key=lambda n: n.time or dt.datetime.min.replace(tzinfo=dt.UTC))
    single = records[0] if len(records) == 1 and isinstance(records[0], Mapping) else {}
    return Board(
        notes=tuple(notes),
        title=one_line(single.get("message")) or None,
        severity=one_line(single.get("priority")) or None,
        kind="incident",
        timezone="UTC",
        sources=(name,),
    )


def _notes(record: Mapping[str, Any], name: str) -> Iterator[Note]:
    if isinstance(record.get("entries"), list):
        yield from _timeline(record["entries"], name)
    elif _is_log(record):
        yield from _log(record, name)
    elif "impactStartDate" in record or "serviceId" in record:
        yield from _incident(record, name)
    else:
        yield from _alert(record, name)


def _alert(alert: Mapping[str, Any], name: str) -> Iterator[Note]:
    created = iso_time(alert.get("createdAt"))
    if created is None:
        return
    key = f"{name}#alert-{alert.get('tinyId') or alert.get('id')}"
    report = mapping(alert.get("report"))
    steps = [(f"alert fired: {one_line(alert.get('message'))}", created, key)]
    if report.get("ackTime"):
        who = one_line(report.get("acknowledgedBy")) or "someone"
        steps.append((f"acknowledged by {who}", created + _ms(report["ackTime"]), f"{key}/ack"))
    if report.get("closeTime"):
        who = one_line(report.get("closedBy")) or "someone"
        steps.append((f"resolved: alert closed by {who}", created + _ms(report["closeTime"]), f"{key}/close"))
    for text, at, source in steps:
        yield logged(text, at, source=source, header=HEADER)


def _log(entry: Mapping[str, Any], name: str) -> Iterator[Note]:
    text, at = one_line(entry.get("log")), iso_time(entry.get("createdAt"))
    if not text or at is None or _NOTIFICATION.search(text):
        return
    if _CLOSED.search(text):
        text = _marked(text, Mark.RESOLVED, "resolved")
    elif _CREATED.search(text):
        text = _marked(text, Mark.DETECTED, "alert fired")
    yield logged(text, at, source=f"{name}#log-{entry.get('offset') or at.isoformat()}", header=HEADER)


def _incident(incident: Mapping[str, Any], name: str) -> Iterator[Note]:
    key = f"{name}#incident-{incident.get('tinyId') or incident.get('id')}"
    message = one_line(incident.get("message"))
    for field, wording, suffix in (
        ("impactStartDate", "impact started: {message}", "start"),
        ("createdAt", "incident opened: {message}", "open"),
        ("impactEndDate", "impact ended, resolved: {message}", "end"),
    ):
        at = iso_time(incident.get(field))
        if at is not None:
            yield logged(wording.format(message=message), at, source=f"{key}/{suffix}", header=HEADER)


def _timeline(entries: Iterable[Any], name: str) -> Iterator[Note]:
    for entry in entries:
        if not isinstance(entry, Mapping) or entry.get("hidden"):
            continue
        at = iso_time(entry.get("eventTime"))
        title, description = mapping(entry.get("title")), mapping(entry.get("description"))
        text = one_line(
            title.get("content") or description.get("content") or description.get("name") or entry.get("type")
        )
        if at is None or not text:
            continue
        kind = _words(str(entry.get("type") or ""))
        if _CLOSED.search(kind):
            text = _marked(text, Mark.RESOLVED, "resolved")
        elif _CREATED.search(kind):
            text = _marked(text, Mark.DETECTED, "incident opened")
        yield logged(text, at, source=f"{name}#entry-{entry.get('id') or at.isoformat()}", header=HEADER)


def _marked(text: str, mark: Mark, words: str) -> str:
    """The entry's text, led by `words` when its own words would not mark the moment it records (the
    draft takes moments from words: 'Alert closed via web' reads as an alert, not a resolution)."""
    return text if mark_of(text) is mark else f"{words}: {text}"


def _is_alert(value: object) -> bool:
    return isinstance(value, Mapping) and "message" in value and "createdAt" in value


def _is_log(value: object) -> bool:
    return isinstance(value, Mapping) and "log" in value and "createdAt" in value


def _words(identifier: str) -> str:
    """'IncidentResolved' → 'Incident Resolved', so that its words can be matched."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", identifier)


def _ms(value: object) -> dt.timedelta:
    return dt.timedelta(milliseconds=number(value))
