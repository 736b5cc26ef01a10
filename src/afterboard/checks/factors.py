"""Contributing factors (present, and not a copy of the root cause) and what went well (present)."""

from __future__ import annotations

from collections.abc import Iterator

from afterboard.checks.context import Context
from afterboard.checks.finding import Finding, Severity
from afterboard.checks.presence import missing
from afterboard.checks.registry import Options, Param, rule
from afterboard.checks.texts import short


@rule(
    "contributing-factors-missing",
    family="contributing-factors",
    severity=Severity.WARNING,
    explanation="A post-mortem lists the conditions that made the failure more likely (process, tooling, "
    "load, timing), apart from the root cause.",
)
def factors_missing(ctx: Context, opts: Options) -> list[Finding]:
    return missing(ctx, opts, "contributing_factors")


@rule(
    "contributing-factors-copy",
    family="contributing-factors",
    severity=Severity.WARNING,
    explanation="A contributing factor that repeats the root cause adds nothing; factors are the other "
    "conditions that made the failure likely or worse.",
    params=(Param("similarity", 85, "Word overlap (0-100) above which a factor counts as a copy."),),
)
def factors_copy(ctx: Context, opts: Options) -> Iterator[Finding]:
    from rapidfuzz import fuzz

    rc = ctx.pm.root_cause
    causes = [s.text for s in rc.statements] + [w.answer for w in rc.whys]
    for index, factor in enumerate(ctx.pm.contributing_factors):
        for cause in causes:
            if min(len(factor.text), len(cause)) < 12:
                continue
            if fuzz.token_set_ratio(factor.text.lower(), cause.lower()) >= opts["similarity"]:
                yield opts.finding(
                    f'Contributing factor "{short(factor.text)}" repeats the root cause.',
                    "Keep it in the root cause and list here what else made the failure likely or worse "
                    "(a missing alert, a Friday deploy, an undersized pool).",
                    where=f"contributing_factors[{index}]",
                    line=ctx.line(factor.source),
                )
                break


@rule(
    "went-well-missing",
    family="went-well",
    severity=Severity.WARNING,
    explanation="A post-mortem says what went well (teams forget it): the responses and systems that worked "
    "are worth keeping.",
)
def went_well_missing(ctx: Context, opts: Options) -> list[Finding]:
    return missing(ctx, opts, "went_well")
