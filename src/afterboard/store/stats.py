"""Archive metrics: counts by kind, severity and month; median TTD/TTM/TTR; on-time publication; action-item
completion; the contributing-factor categories that come back most often."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict
from sqlalchemy.engine import Connection

from afterboard.policy import Policy
from afterboard.postmortem import ActionStatus, Kind, Status
from afterboard.store import schema as t
from afterboard.store.access import visible
from afterboard.store.records import Viewer

TOP_CATEGORIES = 10


class Stats(BaseModel):
    model_config = ConfigDict(frozen=True)

    postmortems: int
    by_kind: dict[str, int]
    by_severity: dict[str, int]
    """'unknown' counts those without a severity."""
    by_month: dict[str, int]
    """'YYYY-MM' of the incident (or of saving, when the document has no date), oldest first."""
    median_time_to_detect: dt.timedelta | None
    median_time_to_mitigate: dt.timedelta | None
    median_time_to_resolve: dt.timedelta | None
    published: int
    """Published incident post-mortems whose resolution time is known."""
    published_on_time: int
    """Of those, published within the deadline (72 h by default) after resolution."""
    action_items: int
    action_items_done: int
    action_items_overdue: int
    factor_categories: list[tuple[str, int]]
    uncategorised_factors: int

    @property
    def published_on_time_share(self) -> float | None:
        return self.published_on_time / self.published if self.published else None

    @property
    def completion_rate(self) -> float | None:
        return self.action_items_done / self.action_items if self.action_items else None


def stats(conn: Connection, policy: Policy, *, today: dt.date, viewer: Viewer | None = None) -> Stats:
    """The numbers over the post-mortems `viewer` may see (a restricted one counts only for those)."""
    p, a, f = t.postmortems, t.action_items, t.factors
    seen = visible(viewer)
    by_kind = _counts(conn.execute(sa.select(p.c.kind, sa.func.count()).where(seen).group_by(p.c.kind)))
    by_severity = _counts(
        conn.execute(sa.select(p.c.severity, sa.func.count()).where(seen).group_by(p.c.severity))
    )
    times = conn.execute(
        sa.select(
            p.c.kind,
            p.c.status,
            p.c.occurred_on,
            p.c.created_at,
            p.c.started_at,
            p.c.detected_at,
            p.c.mitigated_at,
            p.c.resolved_at,
            p.c.published_at,
        ).where(seen)
    ).all()
    months: dict[str, int] = {}
    for row in times:
        month = (row.occurred_on or row.created_at.date()).strftime("%Y-%m")
        months[month] = months.get(month, 0) + 1
    incidents = [r for r in times if r.kind == Kind.INCIDENT]
    deadline = dt.timedelta(hours=policy.publish_deadline_hours)
    published = [r for r in incidents if r.status == Status.PUBLISHED and r.published_at and r.resolved_at]
    # wont_do items are decisions, not work left: they count neither as done nor as outstanding
    active = a.c.removed_in_revision.is_(None) & (a.c.status != ActionStatus.WONT_DO)
    items = conn.execute(
        sa.select(
            sa.func.count(),
            sa.func.count().filter(a.c.status == ActionStatus.DONE),
            sa.func.count().filter(
                a.c.status.in_([ActionStatus.OPEN, ActionStatus.IN_PROGRESS]) & (a.c.due < today)
            ),
        ).where(active, visible(viewer, a.c.postmortem_id))
    ).one()
    categories = conn.execute(
        sa.select(f.c.category, sa.func.count().label("n"))
        .where(visible(viewer, f.c.postmortem_id))
        .group_by(f.c.category)
        .order_by(sa.desc("n"), f.c.category)
    ).all()
    return Stats(
        postmortems=len(times),
        by_kind=by_kind,
        by_severity=by_severity,
        by_month=dict(sorted(months.items())),
        median_time_to_detect=_median(
            r.detected_at - r.started_at for r in incidents if r.started_at and r.detected_at
        ),
        median_time_to_mitigate=_median(
            r.mitigated_at - r.started_at for r in incidents if r.started_at and r.mitigated_at
        ),
        median_time_to_resolve=_median(
            r.resolved_at - r.started_at for r in incidents if r.started_at and r.resolved_at
        ),
        published=len(published),
        published_on_time=sum(1 for r in published if r.published_at - r.resolved_at <= deadline),
        action_items=items[0],
        action_items_done=items[1],
        action_items_overdue=items[2],
        factor_categories=[(c, n) for c, n in categories if c is not None][:TOP_CATEGORIES],
        uncategorised_factors=next((n for c, n in categories if c is None), 0),
    )


def _counts(rows: Iterable[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for key, n in rows:
        name = str(key) if key is not None else "unknown"
        counts[name] = counts.get(name, 0) + n
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _median(deltas: Iterable[dt.timedelta]) -> dt.timedelta | None:
    seconds = [d.total_seconds() for d in deltas if d >= dt.timedelta(0)]
    return dt.timedelta(seconds=statistics.median(seconds)) if seconds else None
