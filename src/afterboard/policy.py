"""The numbers of the post-mortem domain, in one place, overridable by settings ([policy] in afterboard.toml).

Defaults follow DOMAIN.md: a post-mortem is required after an incident that lasted over 30 minutes,
affected over 1% of users or needed an emergency on-call response; it is published 48 h (target) to 72 h
(deadline) after resolution; it has 3-7 action items, fills 1-3 pages, and its root cause and action items
read in under 5 minutes.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from afterboard.extract.durations import format_duration


class Policy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    required_minutes: float = Field(30, gt=0, description="An incident longer than this needs a post-mortem.")
    required_users_percent: float = Field(
        1.0, ge=0, le=100, description="An incident affecting more than this share of users needs one."
    )
    required_on_call: bool = Field(True, description="An emergency on-call response makes one required.")
    publish_target_hours: float = Field(48, gt=0, description="Publish within this many hours of resolution.")
    publish_deadline_hours: float = Field(72, gt=0, description="Publishing later than this is overdue.")
    action_items_min: int = Field(3, ge=0, description="Fewest action items a post-mortem should have.")
    action_items_max: int = Field(7, ge=1, description="Most action items a post-mortem should have.")
    pages_min: float = Field(1, ge=0, description="Shortest document, in pages.")
    pages_max: float = Field(3, gt=0, description="Longest document, in pages.")
    words_per_page: int = Field(500, gt=0, description="Words on a rendered A4/Letter page, for estimates.")
    read_minutes: float = Field(
        5, gt=0, description="Root cause and action items must read in this many minutes."
    )
    words_per_minute: int = Field(200, gt=0, description="Reading speed for the reading-time estimate.")

    def is_required(
        self,
        duration: dt.timedelta | None = None,
        users_share: float | None = None,
        emergency_on_call: bool | None = None,
    ) -> Requirement:
        """Whether an incident needs a post-mortem, with every reason that holds and every fact unknown."""
        reasons: list[str] = []
        unknown: list[str] = []
        limit = dt.timedelta(minutes=self.required_minutes)
        if duration is None:
            unknown.append("duration")
        elif duration > limit:
            reasons.append(f"it lasted {_minutes(duration)}, over {_minutes(limit)}")
        if users_share is None:
            unknown.append("share of users affected")
        elif users_share * 100 > self.required_users_percent:
            share, limit_share = _percent(users_share * 100), _percent(self.required_users_percent)
            reasons.append(f"it affected {share} of users, over {limit_share}")
        if emergency_on_call is None:
            unknown.append("whether on-call responded")
        elif emergency_on_call and self.required_on_call:
            reasons.append("it needed an emergency on-call response")
        return Requirement(required=bool(reasons), reasons=tuple(reasons), unknown=tuple(unknown))

    def publication_window(self, resolved_at: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        """(target, deadline) for publishing a post-mortem of an incident resolved at `resolved_at`."""
        return (
            resolved_at + dt.timedelta(hours=self.publish_target_hours),
            resolved_at + dt.timedelta(hours=self.publish_deadline_hours),
        )


class Requirement(BaseModel):
    model_config = ConfigDict(frozen=True)

    required: bool
    reasons: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()

    def explain(self) -> str:
        """One sentence: the decision and why."""
        if self.required:
            return "A post-mortem is required: " + "; ".join(self.reasons) + "."
        text = "A post-mortem is not required by policy; it is still worth writing for a near miss."
        if self.unknown:
            text += " Unknown: " + ", ".join(self.unknown) + "."
        return text


DEFAULT_POLICY = Policy()


def is_required(
    duration: dt.timedelta | None = None,
    users_share: float | None = None,
    emergency_on_call: bool | None = None,
    *,
    policy: Policy = DEFAULT_POLICY,
) -> Requirement:
    """Whether an incident needs a post-mortem under `policy` (the defaults of DOMAIN.md unless given)."""
    return policy.is_required(duration, users_share, emergency_on_call)


def _minutes(delta: dt.timedelta) -> str:
    return format_duration(delta)


def _percent(value: float) -> str:
    return f"{value:.3g}%"
