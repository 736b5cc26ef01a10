"""Timeline: chronological, time zone stated, detection / mitigation / resolution marked, no big gaps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import pairwise

from afterboard.checks.context import Context
from afterboard.checks.finding import Finding, Severity
from afterboard.checks.presence import missing
from afterboard.checks.registry import Options, Param, rule
from afterboard.checks.texts import short
from afterboard.extract.durations import format_duration
from afterboard.postmortem import Kind, TimelineEntry


@rule(
    "timeline-missing",
    family="timeline",
    severity=Severity.ERROR,
    explanation="Every post-mortem has a timeline (for a project: its milestones, missing only a warning).",
)
def timeline_missing(ctx: Context, opts: Options) -> list[Finding]:
    return missing(ctx, opts, "timeline")


def _timed(ctx: Context) -> list[tuple[int, TimelineEntry, dt.datetime]]:
    return [(i, e, e.at) for i, e in enumerate(ctx.pm.timeline) if e.at is not None]


@rule(
    "timeline-order",
    family="timeline",
    severity=Severity.WARNING,
    explanation="Timeline entries are in chronological order, so a reader can follow the incident.",
    params=(Param("max_reported", 3, "Report at most this many entries out of order."),),
)
def timeline_order(ctx: Context, opts: Options) -> Iterator[Finding]:
    timed = _timed(ctx)
    reported = 0
    for (_, before, at_before), (index, entry, at) in pairwise(timed):
        # an entry dated without a time sorts by its day
        by_day = _day_only(entry) or _day_only(before)
        backwards = at.date() < at_before.date() if by_day else at < at_before
        if backwards and reported < opts["max_reported"]:
            reported += 1
            yield opts.finding(
                f"Timeline entry '{short(entry.text, 60)}' ({_clock(entry, at)}) comes after a later one "
                f"({_clock(before, at_before)}).",
                "Put the entries in time order; if an entry belongs to another day, write its date.",
                where=f"timeline[{index}]",
                line=ctx.line(entry.source),
            )


@rule(
    "timeline-timezone",
    family="timeline",
    severity=Severity.WARNING,
    explanation="A timeline with clock times states its time zone; '14:02' alone means different moments "
    "to different readers.",
)
def timeline_timezone(ctx: Context, opts: Options) -> Iterator[Finding]:
    clocked = any(not _day_only(entry) for _, entry, _ in _timed(ctx))
    if clocked and ctx.pm.timezone is None:
        yield opts.finding(
            "The timeline gives times but no time zone.",
            "State the zone once, e.g. '## Timeline (all times UTC)', or beside each time ('14:02 UTC').",
            where="timeline",
            line=ctx.heading_line("timeline"),
        )


@rule(
    "timeline-moments",
    family="timeline",
    severity=Severity.WARNING,
    explanation="An incident's timeline shows when it started, was detected, was mitigated and was resolved "
    "(TTD, TTM and TTR follow from them).",
    kinds=(Kind.INCIDENT,),
)
def timeline_moments(ctx: Context, opts: Options) -> Iterator[Finding]:
    pm = ctx.pm
    if not _timed(ctx):
        line = ctx.document.found.headed.get("timeline") if ctx.document is not None else None
        if line is not None:
            # steps listed in order under a 'Timeline' heading are a timeline, but not yet one a reader can
            # measure the response by
            yield opts.finding(
                "The timeline lists its steps without their times.",
                "Give each entry the time it happened (e.g. '14:05 alert fired, on-call paged').",
                where="timeline",
                line=line,
            )
        return
    moments = {
        "start": pm.started_at,
        "detection": pm.detected_at,
        "mitigation": pm.mitigated_at,
        "resolution": pm.resolved_at,
    }
    absent = [name for name, at in moments.items() if at is None]
    if absent:
        what = ", ".join(absent[:-1]) + (" and " if len(absent) > 1 else "") + absent[-1]
        yield opts.finding(
            f"The timeline does not show the incident's {what}.",
            "Add an entry with the time of each, worded so it is clear (e.g. '14:05 alert fired, on-call "
            "paged', '14:30 rolled back', '15:00 all clear').",
            where="timeline",
            line=ctx.heading_line("timeline"),
        )


def _day_only(entry: TimelineEntry) -> bool:
    return entry.at is not None and entry.at.time() == dt.time(0, 0) and ":" not in (entry.time_text or ":")


def _clock(entry: TimelineEntry, at: dt.datetime) -> str:
    return entry.time_text or f"{at:%Y-%m-%d %H:%M}"


@rule(
    "timeline-gaps",
    family="timeline",
    severity=Severity.WARNING,
    explanation="No long silent stretch between incident start and resolution: a reader wonders what "
    "happened (waiting for a vendor, a fix building...) — say so.",
    params=(
        Param("max_gap_minutes", 60, "A gap longer than this many minutes..."),
        Param("max_gap_share", 0.25, "...and longer than this share of the incident is reported."),
    ),
    kinds=(Kind.INCIDENT,),
)
def timeline_gaps(ctx: Context, opts: Options) -> Iterator[Finding]:
    pm = ctx.pm
    timed = _timed(ctx)
    if len(timed) < 3:
        return
    start = pm.started_at or timed[0][2]
    end = pm.resolved_at or timed[-1][2]
    span = end - start
    limit = max(dt.timedelta(minutes=opts["max_gap_minutes"]), span * opts["max_gap_share"])
    for (_, _before, at_before), (index, entry, at) in pairwise(timed):
        gap = at - at_before
        if gap > limit and at_before >= start and at <= end:
            yield opts.finding(
                f"Nothing is recorded for {format_duration(gap)} before '{short(entry.text, 60)}'.",
                "Add what happened in between (who was doing what, what was being waited for), or note that "
                "it was quiet.",
                where=f"timeline[{index}]",
                line=ctx.line(entry.source),
            )
