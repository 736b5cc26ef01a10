"""Structure: sections stated without a heading of their own, sections in an order readers cannot follow,
and text left as a placeholder."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from afterboard.checks.context import Context
from afterboard.checks.finding import Finding, Severity
from afterboard.checks.presence import NEEDS, heading, subject
from afterboard.checks.registry import Options, Param, rule
from afterboard.checks.texts import located_texts, short

_PLACEHOLDER = re.compile(
    r"\?{3,}|\bTBD\b|\bTBC\b|\bXXX\b|\blorem ipsum\b|\bdescription here\b|\{\{[^}]*\}\}"
    r"|<(?:insert|add|fill)[^>]*>|\[(?:insert|add|fill|todo)[^\]]*\]|^(?:TODO|FIXME)\b",
    re.IGNORECASE,
)


@rule(
    "structure-implicit-section",
    family="structure",
    severity=Severity.WARNING,
    explanation="A section stated only in passing (the impact inside the summary, a timeline told as a "
    "story, the cause in a sentence) should have a heading of its own, so readers find it.",
)
def implicit_section(ctx: Context, opts: Options) -> Iterator[Finding]:
    if ctx.document is None:
        return
    for section, line in ctx.document.found.implicit.items():
        name = heading(ctx, section)
        noun, plural = subject(ctx.pm.kind, section)
        are, own = ("are", "their own") if plural else ("is", "its own")
        yield opts.finding(
            f"{noun} {are} only stated in passing (line {line}), without a section of {own}.",
            f"Add a '## {name}' section that states {NEEDS[ctx.pm.kind][section]}.",
            where=section,
            line=line,
        )


@rule(
    "structure-order",
    family="structure",
    severity=Severity.INFO,
    explanation="Readers follow a post-mortem from its impact to its cause to what will change; these "
    "sections should come in that order (the timeline may sit anywhere, often at the end).",
    params=(
        Param(
            "order",
            ["impact", "root_cause", "action_items"],
            "The sections, by key, that must appear in this order when present.",
        ),
    ),
)
def order(ctx: Context, opts: Options) -> Iterator[Finding]:
    if ctx.document is None:
        return
    lines = {k: v for k, v in ctx.document.found.headed.items() if v}
    wanted = [key for key in opts["order"] if key in lines]
    for before, after in pairwise(wanted):
        if lines[before] > lines[after]:
            first, second = heading(ctx, before), heading(ctx, after)
            yield opts.finding(
                f"'{second}' comes before '{first}'.",
                f"Move '{first}' above '{second}': readers go from impact to cause to what will change.",
                where=after,
                line=lines[after],
            )


@rule(
    "structure-placeholder",
    family="structure",
    severity=Severity.WARNING,
    explanation="Text left as a placeholder ('???', 'TBD', '{{ owner }}', 'description here') means the "
    "document is unfinished.",
)
def placeholder(ctx: Context, opts: Options) -> Iterator[Finding]:
    for located in located_texts(ctx):
        if located.section == "action_items":
            continue  # 'TODO' there is a status, and a missing owner has its own rule
        found = _PLACEHOLDER.search(located.text)
        if found:
            yield opts.finding(
                f"'{found.group(0)}' is a placeholder left in the text: \"{short(located.text)}\".",
                "Replace it with the real content, or remove the sentence.",
                where=located.where,
                line=located.line,
            )
