"""Root cause: present; deeper than the trigger; not 'human error'; a why-chain that does not stop at a
person; and how deep the chain goes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from afterboard.checks.context import Context
from afterboard.checks.finding import Finding, Severity
from afterboard.checks.people import find_blame
from afterboard.checks.people import human_error as said_human_error
from afterboard.checks.presence import missing
from afterboard.checks.registry import Options, Param, rule
from afterboard.checks.texts import short
from afterboard.checks.vocabulary import document_people

_TRIGGER = re.compile(
    r"\b(?:deploy(?:ment)?|release|push|rollout|roll-out|config(?:uration)? change|change|commit|pr|"
    r"pull request|migration|upgrade|update|patch|merge|code change|bug|typo)s?\b",
    re.IGNORECASE,
)
_SYSTEMIC = re.compile(
    r"\b(?:because|due to|since|which|so that|allowed|let|lacked|lacking|without|no|not|missing|never|"
    r"absent|untested|unreviewed|unvalidated|hard-?coded|assum\w+|design|process|review|test\w*|"
    r"monitor\w*|alert\w*|limit\w*|capacity|leak\w*|race|timeout|retry|retries|exhaust\w*|saturat\w*|"
    r"dependen\w+|interaction|combination|coincided|when|while|until|only)\b",
    re.IGNORECASE,
)


@rule(
    "root-cause-missing",
    family="root-cause",
    severity=Severity.ERROR,
    explanation="Every post-mortem names its root cause: the deepest systemic cause, not just what "
    "triggered the failure.",
)
def root_cause_missing(ctx: Context, opts: Options) -> list[Finding]:
    return missing(ctx, opts, "root_cause")


def _causes(ctx: Context) -> list[tuple[str, str, str | None]]:
    """(text, where, source) of the statements and why-answers."""
    rc = ctx.pm.root_cause
    found = [(s.text, f"root_cause[{i}]", s.source) for i, s in enumerate(rc.statements)]
    found += [(w.answer, f"root_cause.whys[{i}]", w.source) for i, w in enumerate(rc.whys)]
    return found


@rule(
    "root-cause-trigger-only",
    family="root-cause",
    severity=Severity.WARNING,
    explanation="A trigger ('a bad deploy', 'a config change') is not a root cause: say what let the "
    "trigger cause a failure.",
    params=(Param("max_words", 12, "A cause this short that names only a change is taken as a trigger."),),
)
def trigger_only(ctx: Context, opts: Options) -> Iterator[Finding]:
    rc = ctx.pm.root_cause
    if rc.is_empty or rc.fishbone:
        return
    deepest = rc.deepest or ""
    texts = [rc.whys[-1].answer] if rc.whys else [s.text for s in rc.statements]
    total = " ".join(texts)
    if len(total.split()) <= opts["max_words"] and _TRIGGER.search(total) and not _SYSTEMIC.search(total):
        source = rc.whys[-1].source if rc.whys else rc.statements[0].source
        yield opts.finding(
            f'The root cause names only the trigger: "{short(deepest)}".',
            "Ask why that change could cause a failure: what let it through (no review, no test, no canary, "
            "a risky default)? Write that, e.g. 'a config change with no validation step reached "
            "production'.",
            where="root_cause",
            line=ctx.line(source) or ctx.heading_line("root_cause"),
        )


@rule(
    "root-cause-human-error",
    family="root-cause",
    severity=Severity.ERROR,
    explanation="'Human error' is never a root cause: ask what in the system made the error possible and "
    "let it do harm.",
)
def human_error(ctx: Context, opts: Options) -> Iterator[Finding]:
    for text, where, source in _causes(ctx):
        found = said_human_error(text)
        if found:
            yield opts.finding(
                f"The root cause gives '{found.group(0)}' as a cause: \"{short(text)}\".",
                "Replace it with what allowed the mistake and let it do harm, e.g. 'the console allows "
                "deleting a production table without confirmation'.",
                where=where,
                line=ctx.line(source),
            )
            return


@rule(
    "root-cause-stops-at-person",
    family="root-cause",
    severity=Severity.WARNING,
    explanation="A five-whys chain that ends at a person ('because Ana forgot') stopped too early: ask why "
    "the system let that happen.",
)
def stops_at_person(ctx: Context, opts: Options) -> Iterator[Finding]:
    whys = ctx.pm.root_cause.whys
    if not whys:
        return
    last = whys[-1]
    blame = find_blame(last.answer, document_people(ctx.pm))
    if blame or said_human_error(last.answer):
        yield opts.finding(
            f'The five-whys chain stops at a person: "{short(last.answer)}".',
            "Ask one more 'why?': what made the mistake possible or let it reach production? "
            + (blame[0].rewrite if blame else ""),
            where=f"root_cause.whys[{len(whys) - 1}]",
            line=ctx.line(last.source),
        )


@rule(
    "root-cause-depth",
    family="root-cause",
    severity=Severity.WARNING,
    explanation="A five-whys chain is usually 3 to 5 deep; its depth is reported, and a shallow one flagged.",
    params=(Param("min_depth", 3, "A chain shallower than this is flagged."),),
)
def depth(ctx: Context, opts: Options) -> Iterator[Finding]:
    whys = ctx.pm.root_cause.whys
    if not whys:
        return
    line = ctx.line(whys[0].source) or ctx.heading_line("root_cause")
    deepest = short(whys[-1].answer)
    if len(whys) < opts["min_depth"]:
        yield opts.finding(
            f'The five-whys chain is only {len(whys)} deep; it ends at "{deepest}".',
            f"Keep asking 'why?' (usually {opts['min_depth']} to 5 times) until the answer is a process, "
            "tool or design you can change.",
            where="root_cause.whys",
            line=line,
        )
    else:
        yield opts.finding(
            f'The five-whys chain is {len(whys)} deep; the deepest cause: "{deepest}".',
            "Nothing to fix; make sure the action items address this deepest cause.",
            where="root_cause.whys",
            line=line,
            severity=Severity.INFO,
        )
