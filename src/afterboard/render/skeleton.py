"""The skeleton of each kind of post-mortem: its sections in order, their headings, and what to write in
one that is still empty (shown in place, so the author sees the gap)."""

from __future__ import annotations

from dataclasses import dataclass

from afterboard.postmortem import Kind


@dataclass(frozen=True)
class SectionSpec:
    key: str
    heading: str
    hint: str


_HINTS = {
    "impact": "Say who was affected, how many or what share, for how long, and at what severity.",
    "timeline": "Add what happened when, with the time zone: at least start, detection, mitigation "
    "and resolution.",
    "root_cause": "Ask 'why?' until the answer is a process, tool or design, not a person.",
    "contributing_factors": "Add the conditions that made the failure more likely.",
    "went_well": "Add the responses or systems that worked.",
    "action_items": "Add 3 to 7 specific items, each with an owner and a deadline.",
}

SKELETONS: dict[Kind, tuple[SectionSpec, ...]] = {
    Kind.INCIDENT: (
        SectionSpec("impact", "Impact", _HINTS["impact"]),
        SectionSpec("timeline", "Timeline", _HINTS["timeline"]),
        SectionSpec("root_cause", "Root cause", _HINTS["root_cause"]),
        SectionSpec("contributing_factors", "Contributing factors", _HINTS["contributing_factors"]),
        SectionSpec("went_well", "What went well", _HINTS["went_well"]),
        SectionSpec("action_items", "Action items", _HINTS["action_items"]),
    ),
    Kind.PROJECT: (
        SectionSpec(
            "impact", "Goals and outcome", "Compare what the project set out to do with what it did."
        ),
        SectionSpec(
            "timeline", "Milestones", "Add the project's milestones with their dates, planned and real."
        ),
        SectionSpec("went_well", "What went well", "Add what worked and should be repeated."),
        SectionSpec(
            "contributing_factors",
            "What went differently than planned",
            "Add what went differently than planned, good or bad.",
        ),
        SectionSpec("root_cause", "Root causes of the differences", _HINTS["root_cause"]),
        SectionSpec(
            "action_items",
            "Action items for the next project",
            "Add 3 to 7 specific items for the next project, each with an owner and a deadline.",
        ),
    ),
}
