"""Publication: due 48 h (target) to 72 h (deadline) after resolution; and whether policy required one."""

from __future__ import annotations

from collections.abc import Iterator

from afterboard.checks.context import Context
from afterboard.checks.finding import Finding, Severity
from afterboard.checks.registry import Options, rule
from afterboard.extract.durations import format_duration
from afterboard.postmortem import Kind, Status


@rule(
    "publication-due",
    family="publication",
    severity=Severity.WARNING,
    explanation="A resolved incident's post-mortem is published within 48 hours (target) and no later than "
    "72 hours (deadline) after resolution; says how much time is left or how late it is.",
    kinds=(Kind.INCIDENT,),
)
def due(ctx: Context, opts: Options) -> Iterator[Finding]:
    pm = ctx.pm
    if pm.resolved_at is None or pm.status is Status.PUBLISHED:
        return
    if ctx.document is not None and not ctx.document.status_stated:
        return  # a file that does not say it is a draft may well have been published long ago
    target, deadline = ctx.policy.publication_window(pm.resolved_at)
    now = ctx.now
    stamp = f"{deadline:%Y-%m-%d %H:%M} {deadline.tzname() or 'UTC'}"
    if now < target:
        yield opts.finding(
            f"Publish within {format_duration(target - now)} to meet the "
            f"{ctx.policy.publish_target_hours:g} h target (deadline {stamp}).",
            "Finish the review and publish it internally.",
            where="publication",
            severity=Severity.INFO,
        )
    elif now < deadline:
        yield opts.finding(
            f"The {ctx.policy.publish_target_hours:g} h publication target has passed; "
            f"{format_duration(deadline - now)} left before the {ctx.policy.publish_deadline_hours:g} h "
            f"deadline ({stamp}).",
            "Publish it now, even with open questions marked as such.",
            where="publication",
        )
    else:
        yield opts.finding(
            f"The post-mortem is {format_duration(now - deadline)} past its publication deadline ({stamp}).",
            "Publish it now; a late post-mortem still spreads the lesson. Mark it published when it is.",
            where="publication",
        )


@rule(
    "publication-required",
    family="publication",
    severity=Severity.INFO,
    explanation="Says whether policy required a post-mortem for this incident (over 30 minutes, over 1% of "
    "users, or an emergency on-call response, by default) and why.",
    kinds=(Kind.INCIDENT,),
)
def required(ctx: Context, opts: Options) -> Iterator[Finding]:
    pm = ctx.pm
    duration = pm.impact.duration or pm.time_to_resolve
    result = ctx.policy.is_required(duration, pm.impact.users_share, pm.emergency_on_call)
    yield opts.finding(
        result.explain(),
        "Nothing to fix."
        if result.required or not result.unknown
        else "State the missing facts in the impact.",
        where="publication",
    )
