"""Action items: 3 to 7; each with an owner and a deadline; deadlines neither past nor absurdly far; specific
and verifiable; no duplicates; at least one that prevents a recurrence."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from afterboard.checks.context import Context
from afterboard.checks.finding import Finding, Severity
from afterboard.checks.presence import missing
from afterboard.checks.registry import Options, Param, rule
from afterboard.checks.texts import short
from afterboard.postmortem import ActionItem, Kind

_VAGUE_START = re.compile(
    r"^(?:investigate|look into|looking into|consider|explore|think about|discuss|evaluate|research|"
    r"revisit|check (?:if|whether)|see (?:if|whether)|try to|figure out)\b",
    re.IGNORECASE,
)
_CAREFUL = re.compile(
    r"\b(?:be (?:more )?careful|pay (?:more )?attention|double[- ]check|be (?:more )?vigilant|remember to|"
    r"don'?t forget|communicate better|better communication|be more aware)\b",
    re.IGNORECASE,
)
_GENERIC = re.compile(
    r"^(?:improve|better|enhance|increase|more|add more|review|monitor|fix|update|optimi[sz]e|"
    r"strengthen|work on)\b",
    re.IGNORECASE,
)
_SPECIFIC = re.compile(r"\d|[#/_`.(]|\b[A-Z]{2,}\b|\b[a-z]+[A-Z]\w*\b")
_PREVENTIVE = re.compile(
    r"\b(?:prevent\w*|add\w*|automat\w+|enforc\w+|requir\w+|block\w*|validat\w+|lint\w*|test\w*|"
    r"canar\w+|guard\w*|limit\w*|cap\b|quota|circuit[- ]breaker|backoff|rate[- ]limit\w*|fix\w*|patch\w*|"
    r"remov\w+|replac\w+|upgrad\w+|migrat\w+|harden\w*|isolat\w+|separat\w+|redundan\w+|failover|"
    r"restrict\w*|disabl\w+|deprecat\w+|refactor\w*|rewrit\w+|implement\w*|introduc\w+|build|"
    r"protect\w*|check\w*|review step|approval)\b",
    re.IGNORECASE,
)
_NOT_PREVENTIVE = re.compile(
    r"^(?:write|document|update (?:the )?(?:docs|documentation|runbook|playbook|wiki)|share|communicate|"
    r"hold|schedule|train|investigate|look into|consider|discuss|review|monitor|announce|thank|send)\b",
    re.IGNORECASE,
)


@rule(
    "action-items-missing",
    family="action-items",
    severity=Severity.ERROR,
    explanation="A post-mortem without action items changes nothing: list 3 to 7, each with an owner and "
    "a deadline.",
)
def items_missing(ctx: Context, opts: Options) -> list[Finding]:
    return missing(ctx, opts, "action_items")


def _line(ctx: Context, item: ActionItem) -> int | None:
    return ctx.line(item.source) or ctx.heading_line("action_items")


@rule(
    "action-items-count",
    family="action-items",
    severity=Severity.WARNING,
    explanation="3 to 7 action items: fewer rarely address the causes, more rarely get done.",
)
def count(ctx: Context, opts: Options) -> Iterator[Finding]:
    items = ctx.pm.action_items
    low, high = ctx.policy.action_items_min, ctx.policy.action_items_max
    if not items or low <= len(items) <= high:
        return
    if len(items) < low:
        plural = "s" if len(items) != 1 else ""
        message = f"Only {len(items)} action item{plural}; a post-mortem has {low} to {high}."
        fix = "Add an item for each root cause and contributing factor that nobody owns yet."
    else:
        message = f"{len(items)} action items; more than {high} rarely all get done."
        fix = f"Keep the {high} that matter most; move the rest to the team's backlog and link it."
    yield opts.finding(message, fix, where="action_items", line=ctx.heading_line("action_items"))


def _open_items(ctx: Context) -> Iterator[tuple[int, ActionItem]]:
    for index, item in enumerate(ctx.pm.action_items):
        if item.status.is_open:
            yield index, item


@rule(
    "action-items-owner",
    family="action-items",
    severity=Severity.WARNING,
    explanation="Every open action item has one owner who sees it through.",
)
def owner(ctx: Context, opts: Options) -> Iterator[Finding]:
    for index, item in _open_items(ctx):
        if not item.owner:
            yield opts.finding(
                f'Action item {index + 1} has no owner: "{short(item.text, 70)}".',
                "Name one person or team, e.g. '— @ana' or 'owner: payments-team'.",
                where=f"action_items[{index}]",
                line=_line(ctx, item),
            )


@rule(
    "action-items-deadline",
    family="action-items",
    severity=Severity.WARNING,
    explanation="Every open action item has a deadline, so it is not forgotten.",
)
def deadline(ctx: Context, opts: Options) -> Iterator[Finding]:
    for index, item in _open_items(ctx):
        if item.due is None:
            stated = f" ('{item.due_text}' names no date)" if item.due_text else ""
            yield opts.finding(
                f'Action item {index + 1} has no deadline{stated}: "{short(item.text, 70)}".',
                "Give a date, e.g. 'by 2026-12-05', 'by Fri' or 'next sprint'.",
                where=f"action_items[{index}]",
                line=_line(ctx, item),
            )


@rule(
    "action-items-overdue",
    family="action-items",
    severity=Severity.WARNING,
    explanation="An open action item's deadline is not in the past: either it is done, or it needs a new "
    "date.",
)
def overdue(ctx: Context, opts: Options) -> Iterator[Finding]:
    for index, item in _open_items(ctx):
        if item.due is not None and item.due < ctx.today:
            late = (ctx.today - item.due).days
            days = f"{late} day{'s' if late != 1 else ''}"
            state = item.status.value.replace("_", " ")
            yield opts.finding(
                f"Action item {index + 1} was due {item.due.isoformat()} ({days} ago) and is still {state}: "
                f'"{short(item.text, 60)}".',
                "Mark it done if it is, or agree a new date with its owner.",
                where=f"action_items[{index}]",
                line=_line(ctx, item),
            )


@rule(
    "action-items-far-deadline",
    family="action-items",
    severity=Severity.WARNING,
    explanation="A deadline far in the future is a way of saying 'never': split the item or bring it closer.",
    params=(Param("max_days", 365, "A deadline more than this many days after the incident is flagged."),),
)
def far_deadline(ctx: Context, opts: Options) -> Iterator[Finding]:
    start = ctx.pm.date or ctx.today
    limit = start + dt.timedelta(days=opts["max_days"])
    for index, item in _open_items(ctx):
        if item.due is not None and item.due > limit:
            yield opts.finding(
                f"Action item {index + 1} is due {item.due.isoformat()}, over {opts['max_days']} days after "
                f'the incident: "{short(item.text, 60)}".',
                "Split it into a first step that can be done within weeks, with its own date.",
                where=f"action_items[{index}]",
                line=_line(ctx, item),
            )


@rule(
    "action-items-vague",
    family="action-items",
    severity=Severity.WARNING,
    explanation="An action item is specific and verifiable: someone can tell when it is done. "
    "'Improve monitoring', 'be more careful' and 'investigate X' are not.",
    params=(
        Param("max_generic_words", 4, "A generic verb ('improve', 'review') with this few words is vague."),
    ),
)
def vague(ctx: Context, opts: Options) -> Iterator[Finding]:
    for index, item in enumerate(ctx.pm.action_items):
        reason = _vagueness(item.text, opts["max_generic_words"])
        if reason is not None:
            yield opts.finding(
                f'Action item {index + 1} is vague ({reason[0]}): "{short(item.text, 70)}".',
                reason[1],
                where=f"action_items[{index}]",
                line=_line(ctx, item),
            )


def _vagueness(text: str, max_words: int) -> tuple[str, str] | None:
    clean = re.sub(r"^\W+", "", text).strip()
    if _CAREFUL.search(clean):
        return (
            "it relies on people trying harder",
            "Change the system instead: a check, a guard rail or an automation that makes the mistake "
            "impossible or harmless (e.g. 'deploy script refuses to run without a passing migration check').",
        )
    if _VAGUE_START.match(clean):
        return (
            "it has no outcome anyone can check",
            "Say what will be decided or delivered and by when, e.g. 'Decide whether to shard the sessions "
            "table; write the decision in the incident ticket by 2026-12-05'.",
        )
    words = clean.split()
    if _GENERIC.match(clean) and len(words) <= max_words and not _SPECIFIC.search(" ".join(words[1:])):
        return (
            "it names no concrete change",
            "Name the concrete change and how to tell it is done, e.g. 'Alert when the checkout error rate "
            "stays above 2% for 5 minutes' rather than 'Improve monitoring'.",
        )
    return None


@rule(
    "action-items-duplicate",
    family="action-items",
    severity=Severity.WARNING,
    explanation="No two action items say the same thing.",
    params=(Param("similarity", 90, "Word overlap (0-100) above which two items count as duplicates."),),
)
def duplicate(ctx: Context, opts: Options) -> Iterator[Finding]:
    from rapidfuzz import fuzz

    items = ctx.pm.action_items
    for later in range(len(items)):
        for earlier in range(later):
            a, b = items[earlier].text.lower(), items[later].text.lower()
            if min(len(a), len(b)) >= 8 and fuzz.token_sort_ratio(a, b) >= opts["similarity"]:
                yield opts.finding(
                    f"Action items {earlier + 1} and {later + 1} say the same thing: "
                    f'"{short(items[later].text, 70)}".',
                    f"Merge them into one item with one owner, or say how item {later + 1} differs.",
                    where=f"action_items[{later}]",
                    line=_line(ctx, items[later]),
                )
                break


@rule(
    "action-items-preventive",
    family="action-items",
    severity=Severity.WARNING,
    explanation="At least one action item prevents a recurrence (a fix, a test, a guard rail), not only "
    "detects, mitigates or documents.",
    kinds=(Kind.INCIDENT,),
)
def preventive(ctx: Context, opts: Options) -> Iterator[Finding]:
    items = ctx.pm.action_items
    if not items or any(_is_preventive(item) for item in items):
        return
    yield opts.finding(
        "No action item prevents a recurrence: they detect, mitigate, investigate or document.",
        "Add one that removes the root cause or blocks the trigger, e.g. 'Add a CI check that rejects "
        "migrations without an index'.",
        where="action_items",
        line=ctx.heading_line("action_items"),
    )


def _is_preventive(item: ActionItem) -> bool:
    if item.category is not None:
        return item.category == "prevent"
    text = re.sub(r"^\W+", "", item.text)
    return not _NOT_PREVENTIVE.match(text) and bool(_PREVENTIVE.search(text))
