"""Length: the whole document fills 1 to 3 pages; root cause plus action items read in under 5 minutes."""

from __future__ import annotations

from collections.abc import Iterator

from afterboard.checks.context import Context
from afterboard.checks.finding import Finding, Severity
from afterboard.checks.registry import Options, rule


@rule(
    "length-pages",
    family="length",
    severity=Severity.WARNING,
    explanation="A post-mortem fills 1 to 3 pages: shorter rarely explains the cause, longer is not read. "
    "Pages are counted on the rendered document when known, else estimated at ~500 words a page (then "
    "only a document under half a page is flagged as too short; a little short is a note).",
)
def pages(ctx: Context, opts: Options) -> Iterator[Finding]:
    policy = ctx.policy
    estimated = ctx.pages is None
    count = ctx.words / policy.words_per_page if estimated else float(ctx.pages or 0)
    about = f"about {count:.1f} pages ({ctx.words} words)" if estimated else f"{count:g} pages"
    if count < policy.pages_min:
        # an estimate from words is rough: only a document under half the minimum is clearly too thin
        clearly = not estimated or count < policy.pages_min / 2
        yield opts.finding(
            f"The post-mortem is short: {about}; a useful one fills {policy.pages_min:g} to "
            f"{policy.pages_max:g} pages.",
            "Fill in what is thin: the impact in numbers, the timeline with detection and resolution, the "
            "cause behind the trigger, and owned, dated action items.",
            severity=None if clearly else Severity.INFO,
        )
    elif count > policy.pages_max:
        yield opts.finding(
            f"The post-mortem is long: {about}; readers stop after {policy.pages_max:g} pages.",
            "Move logs, code and detailed analysis to an appendix or a linked document, and keep the "
            "story, the cause and the action items.",
        )


@rule(
    "length-read-time",
    family="length",
    severity=Severity.WARNING,
    explanation="The root cause and the action items read in under 5 minutes (~200 words a minute) by "
    "someone who was not there.",
)
def read_time(ctx: Context, opts: Options) -> Iterator[Finding]:
    pm = ctx.pm
    texts = [s.text for s in pm.root_cause.statements] + [w.answer for w in pm.root_cause.whys]
    texts += [a.text for a in pm.action_items]
    words = sum(len(t.split()) for t in texts)
    minutes = words / ctx.policy.words_per_minute
    if minutes > ctx.policy.read_minutes:
        yield opts.finding(
            f"The root cause and action items take about {minutes:.0f} minutes to read ({words} words); "
            f"aim for under {ctx.policy.read_minutes:g}.",
            "State the root cause in a short paragraph and each action item in one line; move the "
            "technical detail to an appendix.",
            where="root_cause",
            line=ctx.heading_line("root_cause"),
        )
