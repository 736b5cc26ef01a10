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
    gen = _Generator(random.Random(seed))
    for section in (gen.timeline, gen.impact, gen.root_cause, gen.factors, gen.actions, gen.others):
        section()
    kind = gen.rng.choice(["incident", "incident", "project"])
    return Board(
        notes=tuple(gen.notes),
        title=gen.fill("Outage of {s} #{n}"),
        date=gen.day,
        timezone=gen.rng.choice([None, "UTC", "Europe/Berlin"]),
        kind=kind,
        # a project draft shows no severity (retrospectives have none), so only incidents get one
        severity=gen.rng.choice([None, "SEV-2"]) if kind == "incident" else None,
        sources=("board.md",),
    )


class _Generator:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.day = dt.date(2026, 11, 20) + dt.timedelta(days=rng.randrange(30))
        self.notes: list[Note] = []

    def add(self, section: str, text: str, header: str | None = None, confidence: float = 1.0) -> None:
        source = f"board.md:{len(self.notes) + 1}"
        self.notes.append(
            Note(text=text, section=section, header=header or section, source=source, confidence=confidence)
        )

    def fill(self, template: str) -> str:
        rng = self.rng
        return template.format(
            n=rng.randrange(2, 9), m=rng.randrange(10), s=rng.choice(_SUBJECTS).split()[-1]
        )

    def timeline(self) -> None:
        rng = self.rng
        clock = dt.datetime.combine(self.day, dt.time(rng.choice([9, 15, 22]), rng.randrange(60)))
        for _ in range(rng.randrange(3, 9)):
            clock += dt.timedelta(minutes=rng.randrange(3, 70))
            text = f"{clock:%H:%M} {self.fill(rng.choice(_EVENTS))}"
            if rng.random() < 0.15:
                text += f" ({rng.choice(_ODD)})"
            self.add("timeline", text, confidence=rng.choice([1.0, 1.0, 1.0, 0.4]))

    def impact(self) -> None:
        lines = ["~{n}% of requests failed for EU users", "about {n},400 users saw errors", "lasted {n}0 min"]
        for _ in range(self.rng.randrange(0, 3)):
            self.add("impact", self.fill(self.rng.choice([*lines, "SEV-{n} declared"])))

    def root_cause(self) -> None:
        if self.rng.random() < 0.3:
            self.add(
                "root_cause", self.fill("A cache stampede on {s} after the restart"), header="Root cause"
            )
            return
        chain = [
            "Why did {s} fail? Because the pool was exhausted.",
            "Why? Because a query held connections.",
            "Why? Because no load test runs on big data.",
        ]
        for why in chain[: self.rng.randrange(1, 4)]:
            self.add("root_cause", self.fill(why), header="5 whys")

    def factors(self) -> None:
        for _ in range(self.rng.randrange(0, 3)):
            self.add("contributing_factors", self.fill(self.rng.choice(_FACTORS)))
        for _ in range(self.rng.randrange(0, 3)):
            self.add(
                "went_well",
                self.fill(self.rng.choice(["Rollback took {n} minutes", "Runbook was up to date"])),
            )

    def actions(self) -> None:
        rng = self.rng
        for _ in range(rng.randrange(0, 6)):
            parts = [
                self.fill(
                    rng.choice(["Add canary for {s}", "Alert on {s} pool at {n}0%", "Load test {s} in CI"])
                )
            ]
            for chance, choices in (
                (0.8, _OWNERS),
                (0.7, _DEADLINES),
                (0.2, ["[P1]", "(done)", "OPS-12", "(wip)"]),
            ):
                if rng.random() < chance:
                    parts.append(rng.choice(choices))
            self.add("action_items", " ".join(parts))

    def others(self) -> None:
        rng = self.rng
        if rng.random() < 0.4:
            self.add("summary", self.fill("Checkout on {s} was down"), header="Summary")
        if rng.random() < 0.3:
            self.add("went_well", f"Support was quick ({rng.choice(_ODD)})")
        if rng.random() < 0.5:
            self.add("lucky", "Traffic was low that night", header="Where we got lucky")
        if rng.random() < 0.3:
            self.add("Parking lot", "Ask finance about refunds", header="Parking lot")
