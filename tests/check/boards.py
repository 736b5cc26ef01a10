"""Boards generated from a seed, in the shape whiteboards have, to round-trip through draft → Markdown →
parse: every section, times that cross midnight, owners and deadlines in their usual forms, notes read with
low confidence, and characters Markdown would take as structure."""

from __future__ import annotations

import datetime as dt
import random

from afterboard.board import Board, Note

_SUBJECTS = ["checkout", "the API gateway", "search", "payments", "the session store", "login", "billing"]
_EVENTS = [
    "deploy v{n}.{m} started",
    "error rate spikes to {n}%",
    "pager alert fired, on-call paged",
    "incident declared in #inc-{s}",
    "rollback to v{n}.{m} started",
    "rolled back, errors dropping",
    "all clear, incident closed",
    "latency p99 at {n}00 ms on {s}",
    "status page updated",
]
_ODD = ["uses a <b>tag</b>", "costs 5 * 3", "path a_b_c", "cell | pipe", "note [x] kept", "#hash first"]
_OWNERS = ["@ana", "(Raj)", "— Sam", "owner: priya", "@lee.k"]
_DEADLINES = ["by 12/05", "due Fri", "next sprint", "by Dec 12", "by 2027-01-15", "EOW"]
_FACTORS = ["Process: no review for config", "Monitoring: no pool metric", "Alert threshold at {n}%"]


def random_board(seed: int) -> Board:
    rng = random.Random(seed)
    day = dt.date(2026, 11, 20) + dt.timedelta(days=rng.randrange(30))
    notes: list[Note] = []
    line = iter(range(1, 1000))

    def add(section: str, text: str, header: str | None = None, confidence: float = 1.0) -> None:
        notes.append(
            Note(
                text=text,
                section=section,
                header=header or section,
                source=f"board.md:{next(line)}",
                confidence=confidence,
            )
        )

    def fill(template: str) -> str:
        return template.format(
            n=rng.randrange(2, 9), m=rng.randrange(10), s=rng.choice(_SUBJECTS).split()[-1]
        )

    clock = dt.datetime.combine(day, dt.time(rng.choice([9, 15, 22]), rng.randrange(60)))
    for _ in range(rng.randrange(3, 9)):
        clock += dt.timedelta(minutes=rng.randrange(3, 70))
        text = f"{clock:%H:%M} {fill(rng.choice(_EVENTS))}"
        if rng.random() < 0.15:
            text += f" ({rng.choice(_ODD)})"
        add("timeline", text, confidence=rng.choice([1.0, 1.0, 1.0, 0.4]))
    for _ in range(rng.randrange(0, 3)):
        add(
            "impact",
            fill(
                rng.choice(
                    [
                        "~{n}% of requests failed for EU users",
                        "about {n},400 users saw errors",
                        "lasted {n}0 min",
                        "SEV-{n} declared",
                    ]
                )
            ),
        )
    if rng.random() < 0.7:
        chain = [
            "Why did {s} fail? Because the pool was exhausted.",
            "Why? Because a query held connections.",
            "Why? Because no load test runs on big data.",
        ]
        for why in chain[: rng.randrange(1, 4)]:
            add("root_cause", fill(why), header="5 whys")
    else:
        add("root_cause", fill("A cache stampede on {s} after the restart"), header="Root cause")
    for _ in range(rng.randrange(0, 3)):
        add("contributing_factors", fill(rng.choice(_FACTORS)))
    for _ in range(rng.randrange(0, 3)):
        add("went_well", fill(rng.choice(["Rollback took {n} minutes", "Runbook was up to date for {s}"])))
    for _ in range(rng.randrange(0, 6)):
        parts = [
            fill(rng.choice(["Add canary for {s}", "Alert on {s} pool at {n}0%", "Load test {s} in CI"]))
        ]
        if rng.random() < 0.8:
            parts.append(rng.choice(_OWNERS))
        if rng.random() < 0.7:
            parts.append(rng.choice(_DEADLINES))
        if rng.random() < 0.2:
            parts.append(rng.choice(["[P1]", "(done)", "OPS-12", "(wip)"]))
        add("action_items", " ".join(parts))
    if rng.random() < 0.4:
        add("summary", fill("Checkout on {s} was down"), header="Summary")
    if rng.random() < 0.3:
        add("went_well", f"Support was quick ({rng.choice(_ODD)})")
    if rng.random() < 0.5:
        add("lucky", "Traffic was low that night", header="Where we got lucky")
    if rng.random() < 0.3:
        add("Parking lot", "Ask finance about refunds", header="Parking lot")
    kind = rng.choice(["incident", "incident", "project"])
    return Board(
        notes=tuple(notes),
        title=fill("Outage of {s} #{n}"),
        date=day,
        timezone=rng.choice([None, "UTC", "Europe/Berlin"]),
        kind=kind,
        # a project draft shows no severity (retrospectives have none), so only incidents get one
        severity=rng.choice([None, "SEV-2"]) if kind == "incident" else None,
        sources=("board.md",),
    )
