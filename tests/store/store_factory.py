"""Post-mortems built for tests: small, valid documents with the parts a test cares about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from afterboard.postmortem import (
    ActionItem,
    ActionStatus,
    Factor,
    Item,
    Kind,
    PostMortem,
    RootCause,
)

UTC = dt.UTC


def make_pm(
    title: str = "Checkout outage",
    *,
    cause: str = "a config change with no review step reached production",
    factors: Sequence[str | tuple[str, str]] = ("no canary for config pushes",),
    actions: Sequence[ActionItem | str] = (),
    kind: Kind = Kind.INCIDENT,
    severity: str | None = "SEV2",
    day: dt.date = dt.date(2026, 11, 18),
    tags: Sequence[str] = (),
    resolved_after: dt.timedelta | None = dt.timedelta(minutes=50),
    summary: str = "Customers could not pay for 50 minutes.",
) -> PostMortem:
    started = dt.datetime.combine(day, dt.time(14, 0), tzinfo=UTC)
    return PostMortem(
        kind=kind,
        title=title,
        severity=severity,
        date=day,
        started_at=started,
        detected_at=started + dt.timedelta(minutes=8),
        mitigated_at=started + dt.timedelta(minutes=30),
        resolved_at=started + resolved_after if resolved_after is not None else None,
        summary=(Item(text=summary),),
        root_cause=RootCause(statements=(Item(text=cause),)),
        contributing_factors=tuple(
            Factor(text=f) if isinstance(f, str) else Factor(category=f[0], text=f[1]) for f in factors
        ),
        action_items=tuple(a if isinstance(a, ActionItem) else ActionItem(text=a) for a in actions),
        tags=tuple(tags),
    )


def action(
    text: str,
    owner: str | None = None,
    due: dt.date | None = None,
    status: ActionStatus = ActionStatus.OPEN,
    link: str | None = None,
) -> ActionItem:
    return ActionItem(text=text, owner=owner, due=due, status=status, link=link)


class Clock:
    """A clock the test moves by hand; each reading is one second after the last, so order is visible."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now

    def set(self, moment: dt.datetime) -> None:
        self.now = moment
