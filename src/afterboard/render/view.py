"""What the Markdown and HTML templates show, computed once from a PostMortem: labels, times in the
document's zone, the publication clock, whether policy required it, and the gaps and doubtful items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from afterboard.extract.durations import format_duration
from afterboard.extract.times import zone_named
from afterboard.policy import Requirement
from afterboard.postmortem import (
    ActionItem,
    Factor,
    Item,
    Kind,
    PostMortem,
    Status,
    TimelineEntry,
    Traced,
    Why,
)
from afterboard.render.skeleton import SKELETONS, SectionSpec
from afterboard.settings import Settings

Line = Item | TimelineEntry | Why | Factor | ActionItem
_STATUS = {Status.DRAFT: "Draft", Status.IN_REVIEW: "In review", Status.PUBLISHED: "Published"}


@dataclass(frozen=True)
class Doubt:
    section: str
    text: str
    source: str | None
    confidence: float


@dataclass(frozen=True)
class View:
    pm: PostMortem
    settings: Settings

    @property
    def kind_label(self) -> str:
        return "Incident post-mortem" if self.pm.kind is Kind.INCIDENT else "Project post-mortem"

    @property
    def status_label(self) -> str:
        return _STATUS[self.pm.status]

    @property
    def sections(self) -> tuple[SectionSpec, ...]:
        return SKELETONS[self.pm.kind]

    @property
    def is_incident(self) -> bool:
        return self.pm.kind is Kind.INCIDENT

    @property
    def zone(self) -> str:
        return self.pm.timezone or self.settings.timezone

    @property
    def zone_note(self) -> str | None:
        """The time zone as the timeline heading states it, honest about an assumed one; None when the
        timeline has dates but no clock times (a project's milestones)."""
        clock = any(e.at.astimezone(self._tz).time() != dt.time(0, 0) for e in self.pm.timeline if e.at)
        if self.pm.timeline and not clock and self.pm.kind is Kind.PROJECT:
            return None
        if self.pm.timezone:
            return self.pm.timezone
        return f"{self.zone}, assumed: the notes state no time zone"

    @cached_property
    def _tz(self) -> dt.tzinfo:
        return zone_named(self.zone) or dt.UTC

    @cached_property
    def _one_day(self) -> bool:
        days = {e.at.astimezone(self._tz).date() for e in self.pm.timeline if e.at}
        return len(days) <= 1

    def time(self, at: dt.datetime | None) -> str:
        """Clock time alone when the whole timeline is one day, else with the date; '' when unknown."""
        if at is None:
            return ""
        local = at.astimezone(self._tz)
        if self.pm.kind is Kind.PROJECT and local.time() == dt.time(0, 0):
            return f"{local:%Y-%m-%d}"
        return f"{local:%H:%M}" if self._one_day else f"{local:%Y-%m-%d %H:%M}"

    def moment(self, at: dt.datetime | None) -> str:
        if at is None:
            return "not set"
        return f"{at.astimezone(self._tz):%Y-%m-%d %H:%M} {self.zone}"

    @property
    def moments(self) -> str:
        """'2026-11-20 09:12 / 09:31 / 09:45 / 10:30 UTC', the date written once when all share it."""
        pm = self.pm
        times = [pm.started_at, pm.detected_at, pm.mitigated_at, pm.resolved_at]
        local = [t.astimezone(self._tz) if t else None for t in times]
        days = {t.date() for t in local if t}
        if len(days) > 1:
            return " / ".join(f"{t:%Y-%m-%d %H:%M}" if t else "not set" for t in local) + f" {self.zone}"
        if not days:
            return "not set"
        clock = " / ".join(f"{t:%H:%M}" if t else "not set" for t in local)
        return f"{days.pop():%Y-%m-%d} {clock} {self.zone}"

    @property
    def who_is_stated_apart(self) -> bool:
        """Whether 'who' needs its own line: not when it is one of the impact statements listed anyway."""
        who = self.pm.impact.who
        return who is not None and who not in {s.text for s in self.pm.impact.statements}

    @property
    def how_many(self) -> str:
        """'3,000 · 12%': the count and the share the impact states, whichever it states."""
        impact = self.pm.impact
        parts = []
        if impact.users_affected is not None:
            parts.append(f"{impact.users_affected:,}")
        if impact.users_share is not None:
            parts.append(f"{impact.users_share * 100:g}%")
        return " · ".join(parts)

    @staticmethod
    def duration(delta: dt.timedelta | None) -> str:
        return format_duration(delta) if delta is not None else "unknown"

    @property
    def publication(self) -> str | None:
        """'target 2026-11-22 10:30 UTC (48 h), deadline 2026-11-23 10:30 UTC (72 h)' once resolved."""
        if self.pm.resolved_at is None:
            return None
        policy = self.settings.policy
        target, deadline = policy.publication_window(self.pm.resolved_at)
        return (
            f"target {self.moment(target)} ({policy.publish_target_hours:g} h), "
            f"deadline {self.moment(deadline)} ({policy.publish_deadline_hours:g} h)"
        )

    @cached_property
    def requirement(self) -> Requirement:
        impact = self.pm.impact
        return self.settings.policy.is_required(
            impact.duration, impact.users_share, self.pm.emergency_on_call
        )

    def doubtful(self, item: Traced) -> bool:
        return item.confidence < self.settings.low_confidence

    @cached_property
    def doubts(self) -> list[Doubt]:
        """Every item read with low confidence, for the 'to confirm' list at the end."""
        pm = self.pm
        groups: list[tuple[str, tuple[Line, ...]]] = [
            ("Summary", pm.summary),
            ("Impact", pm.impact.statements),
            ("Timeline", pm.timeline),
            ("Root cause", pm.root_cause.statements + pm.root_cause.whys),
            ("Contributing factors", pm.contributing_factors),
            ("What went well", pm.went_well),
            ("Action items", pm.action_items),
            *((extra.title, extra.items) for extra in pm.extra_sections),
        ]
        return [
            Doubt(section, item.text, item.source, item.confidence)
            for section, items in groups
            for item in items
            if self.doubtful(item)
        ]

    @property
    def sources(self) -> str:
        files = {s.split(":")[0].split("#")[0] for s in _all_sources(self.pm) if s}
        return ", ".join(sorted(files))


def _all_sources(pm: PostMortem) -> list[str]:
    items: list[Line] = [
        *pm.impact.statements,
        *pm.timeline,
        *pm.root_cause.statements,
        *pm.root_cause.whys,
        *pm.contributing_factors,
        *pm.went_well,
        *pm.action_items,
    ]
    return [s.strip() for item in items if item.source for s in item.source.split(",")]
