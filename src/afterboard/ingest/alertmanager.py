"""Prometheus Alertmanager webhook payloads (the JSON its webhook receiver POSTs, version 4, as
prometheus.io/docs/alerting/latest/configuration/#webhook_config documents it) → timeline notes.

One payload, a list of them, or a receiver's log of them one per line (JSON Lines). Each alert fires at its
`startsAt` and, once a payload says it is resolved, resolves at its `endsAt`; an alert repeated by later
notifications of its group is one alert (its `fingerprint`, else its labels). The alert reads by its
`alertname` and its `summary` (else `description`) annotation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from afterboard.board import Board, Note
from afterboard.errors import EmptyBoardError
from afterboard.ingest.values import iso_time, logged, mapping, one_line

HEADER = "Alertmanager"


def looks_like_alertmanager(data: object) -> bool:
    payloads = list(_payloads(data))
    return bool(payloads) and all(
        isinstance(p, Mapping) and isinstance(p.get("alerts"), list) and ("receiver" in p or "groupKey" in p)
        for p in payloads[:5]
    )


@dataclass
class _Alert:
    name: str
    summary: str
    fired: dt.datetime
    resolved: dt.datetime | None = None


def read_alertmanager(data: object, *, name: str) -> Board:
    alerts: dict[str, _Alert] = {}
    for payload in _payloads(data):
        for raw in mapping(payload).get("alerts") or []:
            alert = mapping(raw)
            fired = iso_time(alert.get("startsAt"))
            if fired is None:
                continue
            labels = {str(k): one_line(v) for k, v in mapping(alert.get("labels")).items()}
            key = one_line(alert.get("fingerprint")) or repr(sorted(labels.items()))
            found = alerts.setdefault(key, _Alert(labels.get("alertname", "alert"), _summary(alert), fired))
            found.fired = min(found.fired, fired)
            if alert.get("status") == "resolved":
                found.resolved = iso_time(alert.get("endsAt")) or found.resolved
    notes = sorted(
        (note for key, alert in alerts.items() for note in _notes(key, alert, name)),
        key=lambda n: n.time or dt.datetime.min.replace(tzinfo=dt.UTC),
    )
    if not notes:
        raise EmptyBoardError(
            f"{name} is an Alertmanager webhook payload with no alert that has a start time (startsAt)."
        )
    return Board(notes=tuple(notes), kind="incident", timezone="UTC", sources=(name,))


def _payloads(data: object) -> Iterator[Any]:
    if isinstance(data, list):
        yield from data
    elif data is not None:
        yield data


def _summary(alert: Mapping[str, Any]) -> str:
    annotations = mapping(alert.get("annotations"))
    return one_line(annotations.get("summary") or annotations.get("description"))


def _notes(key: str, alert: _Alert, name: str) -> Iterator[Note]:
    what = f"{alert.name}: {alert.summary}" if alert.summary else alert.name
    source = f"{name}#alert-{key if len(key) <= 32 else alert.name}"
    yield logged(f"alert fired: {what}", alert.fired, source=f"{source}@firing", header=HEADER)
    if alert.resolved is not None:
        yield logged(
            f"alert resolved: {alert.name}", alert.resolved, source=f"{source}@resolved", header=HEADER
        )
