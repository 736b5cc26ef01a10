"""What each canonical section must say, and the finding for a section that is missing: one rule per
family (`impact-missing`, `timeline-missing`...) so that a team can switch off the one it does not use."""

from __future__ import annotations

from afterboard.checks.context import Context
from afterboard.checks.finding import Finding, Severity
from afterboard.checks.registry import Options
from afterboard.postmortem import Kind

HEADINGS: dict[Kind, dict[str, str]] = {
    Kind.INCIDENT: {
        "impact": "Impact",
        "timeline": "Timeline",
        "root_cause": "Root cause",
        "contributing_factors": "Contributing factors",
        "went_well": "What went well",
        "action_items": "Action items",
    },
    Kind.PROJECT: {
        "impact": "Goals and outcome",
        "timeline": "Milestones",
        "root_cause": "Root causes of the differences",
        "contributing_factors": "What went differently than planned",
        "went_well": "What went well",
        "action_items": "Action items for the next project",
    },
}
NEEDS: dict[Kind, dict[str, str]] = {
    Kind.INCIDENT: {
        "impact": "who was affected, how many or what share, for how long, and at what severity",
        "timeline": "what happened when, with the time zone: at least start, detection, mitigation and "
        "resolution",
        "root_cause": "the deepest systemic cause: ask 'why?' until the answer is a process, tool or design",
        "contributing_factors": "the conditions that made the failure more likely (process, tooling, "
        "load...)",
        "went_well": "the responses or systems that worked (an alert that fired, a quick rollback)",
        "action_items": "3 to 7 specific items, each with an owner and a deadline, at least one preventive",
    },
    Kind.PROJECT: {
        "impact": "what the project set out to do and what it achieved",
        "timeline": "the project's milestones with their dates, planned and real",
        "root_cause": "why the biggest differences from the plan happened",
        "contributing_factors": "what went differently than planned, good or bad",
        "went_well": "what worked and should be repeated",
        "action_items": "3 to 7 specific items for the next project, each with an owner and a deadline",
    },
}


SUBJECTS: dict[Kind, dict[str, tuple[str, bool]]] = {
    Kind.INCIDENT: {
        "impact": ("the impact", False),
        "timeline": ("the timeline", False),
        "root_cause": ("the root cause", False),
        "contributing_factors": ("the contributing factors", True),
        "went_well": ("what went well", False),
        "action_items": ("the action items", True),
    },
    Kind.PROJECT: {
        "impact": ("the goals and the outcome", True),
        "timeline": ("the milestones", True),
        "root_cause": ("the root causes of the differences", True),
        "contributing_factors": ("what went differently than planned", False),
        "went_well": ("what went well", False),
        "action_items": ("the action items for the next project", True),
    },
}
"""Each section as the subject of a sentence, and whether it is plural ('The action items are…', 'What went
well is…')."""


def heading(ctx: Context, section: str) -> str:
    return HEADINGS[ctx.pm.kind][section]


def subject(kind: Kind, section: str) -> tuple[str, bool]:
    """'The action items', True: the section as the subject that starts a sentence, and whether it is
    plural (so the sentence says 'are' and 'their')."""
    noun, plural = SUBJECTS[kind][section]
    return f"{noun[:1].upper()}{noun[1:]}", plural


def missing(ctx: Context, opts: Options, section: str) -> list[Finding]:
    """A finding when the document has no content for `section`, with or without a heading."""
    if section in ctx.sections_found:
        return []
    name = heading(ctx, section)
    return [
        opts.finding(
            f"The post-mortem never states {SUBJECTS[ctx.pm.kind][section][0]}.",
            f"Add a '## {name}' section with {NEEDS[ctx.pm.kind][section]}.",
            where=section,
            severity=_milder(ctx, opts, section),
        )
    ]


_OPTIONAL_IN_RETRO = frozenset({"impact", "timeline"})
"""A retrospective without dated milestones or a goals-against-outcome section is still a usable one (most
team retros have neither); it is worth a warning, not an error."""


def _milder(ctx: Context, opts: Options, section: str) -> Severity | None:
    if ctx.pm.kind is Kind.PROJECT and section in _OPTIONAL_IN_RETRO and opts.severity is Severity.ERROR:
        return Severity.WARNING
    return None
