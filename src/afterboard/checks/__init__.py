"""Checks: what keeps a post-mortem from being a good one, each family in its own module.

    findings = check(pm)                  # a PostMortem (a draft, or read from JSON)
    findings = check_document(doc)        # a parsed file: findings point at its lines

Rules live in a registry (`registry.py`); `Settings.checks` switches each off or re-tunes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from afterboard.checks.finding import Finding, Severity
from afterboard.checks.registry import Options, Param, Rule, all_rules, get_rule, register, rule, unregister

if TYPE_CHECKING:
    from afterboard.parse.document import ParsedDocument
    from afterboard.postmortem import PostMortem
    from afterboard.settings import Settings

__all__ = [
    "Finding",
    "Options",
    "Param",
    "Rule",
    "Severity",
    "Verdict",
    "all_rules",
    "check",
    "check_document",
    "get_rule",
    "register",
    "rule",
    "unregister",
    "verdict",
]

Verdict = Literal["pass", "warn", "fail"]
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def check(
    pm: PostMortem,
    *,
    settings: Settings | None = None,
    now: dt.datetime | None = None,
    pages: int | None = None,
) -> list[Finding]:
    """Every finding on a post-mortem, most severe first. `pages` is the real rendered page count when
    known; without it the length rule estimates from words."""
    from afterboard.checks.context import Context
    from afterboard.settings import Settings

    settings = settings or Settings()
    return _run(Context(pm, settings, _aware(now), pages))


def check_document(
    doc: ParsedDocument,
    *,
    settings: Settings | None = None,
    now: dt.datetime | None = None,
    pages: int | None = None,
) -> list[Finding]:
    """`check` on a parsed file: findings also use its outline (sections stated without a heading) and
    carry the line they are about."""
    from afterboard.checks.context import Context
    from afterboard.settings import Settings

    settings = settings or Settings()
    return _run(Context(doc.postmortem, settings, _aware(now), pages, doc))


def verdict(findings: Iterable[Finding], *, strict: bool = False) -> Verdict:
    """'fail' with an error (or, when strict, a warning), 'warn' with warnings, else 'pass'."""
    severities = {f.severity for f in findings}
    if Severity.ERROR in severities or (strict and Severity.WARNING in severities):
        return "fail"
    return "warn" if Severity.WARNING in severities else "pass"


def configured(settings: Settings) -> list[Options]:
    """The enabled rules with their options, after `[checks.<rule-id>]`; ConfigError for a bad table."""
    from afterboard.checks.options import configured_options

    return configured_options(settings.checks)


def _run(ctx: object) -> list[Finding]:
    from afterboard.checks.context import Context

    assert isinstance(ctx, Context)
    findings: list[Finding] = []
    for options in configured(ctx.settings):
        if ctx.pm.kind in options.rule.kinds:
            findings.extend(options.rule.run(ctx, options))
    return sorted(findings, key=lambda f: (_ORDER[f.severity], f.line or 0, f.rule))


def _aware(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return dt.datetime.now(dt.UTC)
    return now if now.tzinfo else now.replace(tzinfo=dt.UTC)
