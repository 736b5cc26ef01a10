"""Impact: says who was affected, how many or what share, for how long, and at what severity."""

from __future__ import annotations

import re
from collections.abc import Iterator

from afterboard.checks.context import Context
from afterboard.checks.finding import Finding, Severity
from afterboard.checks.presence import missing
from afterboard.checks.registry import Options, rule
from afterboard.postmortem import Kind

_AMOUNT = re.compile(
    r"(?<![\w.:/-])(?:~|about |around |over |nearly |some )?\d[\d,.]*\s*"
    r"(?:[kmb]\b|thousand|million|billion|%)?"
    r"\s+(?:\w+\s+)?(?:requests|queries|orders|payments|events|calls|jobs|builds|messages|emails|pages|"
    r"transactions|sessions|records|rows|downloads|packages|repositories|repos|nodes|pods|servers|hosts|"
    r"regions|services|sites|hubs|teams|projects|installs|reports|tickets)\b",
    re.IGNORECASE,
)
"""An amount of anything counted ('1.21B queries lost', '210 orders'): a number the impact states."""


@rule(
    "impact-missing",
    family="impact",
    severity=Severity.ERROR,
    explanation="Every post-mortem states its impact (for a project: its goals against its outcome, missing "
    "only a warning).",
)
def impact_missing(ctx: Context, opts: Options) -> list[Finding]:
    return missing(ctx, opts, "impact")


def _stated(ctx: Context) -> bool:
    return "impact" in ctx.sections_found and not ctx.pm.impact.is_empty


def _finding(ctx: Context, opts: Options, message: str, fix: str) -> Finding:
    return opts.finding(message, fix, where="impact", line=ctx.heading_line("impact"))


@rule(
    "impact-who",
    family="impact",
    severity=Severity.WARNING,
    explanation="The impact names who was affected: which users, customers or teams.",
    kinds=(Kind.INCIDENT,),
)
def impact_who(ctx: Context, opts: Options) -> Iterator[Finding]:
    if _stated(ctx) and ctx.pm.impact.who is None:
        yield _finding(
            ctx,
            opts,
            "The impact does not say who was affected.",
            "Name the users, customers or teams affected, e.g. 'EU customers paying by card'.",
        )


@rule(
    "impact-how-many",
    family="impact",
    severity=Severity.WARNING,
    explanation="The impact says how many were affected or what share: a count or a percentage.",
    kinds=(Kind.INCIDENT,),
)
def impact_how_many(ctx: Context, opts: Options) -> Iterator[Finding]:
    impact = ctx.pm.impact
    counted = any(_AMOUNT.search(s.text) for s in impact.statements)
    if _stated(ctx) and impact.users_affected is None and impact.users_share is None and not counted:
        yield _finding(
            ctx,
            opts,
            "The impact gives no number: neither how many were affected nor what share.",
            "Add a count or a share, e.g. 'about 3,400 users (12% of checkout attempts)'.",
        )


@rule(
    "impact-duration",
    family="impact",
    severity=Severity.WARNING,
    explanation="The impact says for how long: start → end, and the duration.",
    kinds=(Kind.INCIDENT,),
)
def impact_duration(ctx: Context, opts: Options) -> Iterator[Finding]:
    pm = ctx.pm
    if _stated(ctx) and pm.impact.duration is None and pm.time_to_resolve is None:
        yield _finding(
            ctx,
            opts,
            "The impact does not say how long it lasted.",
            "State start → end and the duration, e.g. '14:02–15:00 UTC (58 min)'.",
        )


@rule(
    "impact-severity",
    family="impact",
    severity=Severity.WARNING,
    explanation="The post-mortem states the incident's severity (SEV-1, P2, major...).",
    kinds=(Kind.INCIDENT,),
)
def impact_severity(ctx: Context, opts: Options) -> Iterator[Finding]:
    if _stated(ctx) and ctx.pm.severity is None and ctx.pm.impact.severity is None:
        yield _finding(
            ctx,
            opts,
            "The post-mortem does not state the incident's severity.",
            "Add a 'Severity: SEV-2' line (your scale) to the metadata or the impact.",
        )
