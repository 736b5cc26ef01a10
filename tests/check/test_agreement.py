"""draft() and check() agree: a draft of a complete board passes, and a draft with gaps is told exactly
what to fill in, whether the draft is checked as a PostMortem or as the Markdown afterboard wrote."""

from __future__ import annotations

import datetime as dt
from importlib import resources

from afterboard.checks import Finding, Severity, check, check_document, verdict
from afterboard.drafting import draft
from afterboard.ingest.text import parse_notes
from afterboard.parse import parse_document
from afterboard.postmortem import PostMortem
from afterboard.render.markdown import render_markdown

DAY = dt.date(2026, 11, 21)
NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
EXAMPLE = resources.files("afterboard.examples").joinpath("checkout-outage.md").read_text(encoding="utf-8")
LAST_ITEM = "- Document query review checklist for new queries"


def drafted(notes: str) -> PostMortem:
    return draft(parse_notes(notes, name="notes.md", today=DAY), today=DAY)


def both_ways(pm: PostMortem) -> tuple[list[Finding], list[Finding]]:
    """The findings on the PostMortem, and on the Markdown afterboard renders from it."""
    doc = parse_document(render_markdown(pm), name="postmortem.md", today=DAY)
    return check(pm, now=NOW), check_document(doc, now=NOW)


def problems(found: list[Finding]) -> list[tuple[str, str | None]]:
    return sorted((f.rule, f.where) for f in found if f.severity is not Severity.INFO)


def test_a_draft_of_a_complete_board_passes() -> None:
    complete = EXAMPLE.replace(LAST_ITEM, f"{LAST_ITEM} — @lee — by Dec 10")
    for found in both_ways(drafted(complete)):
        assert problems(found) == []
        assert verdict(found) == "pass"


def test_a_draft_with_an_unowned_undated_item_is_told_which_item_to_fill() -> None:
    pm, doc = both_ways(drafted(EXAMPLE))
    for found in (pm, doc):
        assert problems(found) == [
            ("action-items-deadline", "action_items[4]"),
            ("action-items-owner", "action_items[4]"),
        ]
    owner = next(f for f in doc if f.rule == "action-items-owner")
    assert "Action item 5" in owner.message and "Document query review checklist" in owner.message
    assert owner.line is not None
    assert "Document query review checklist" in render_markdown(drafted(EXAMPLE)).splitlines()[owner.line - 1]


def test_a_draft_missing_sections_and_a_time_zone_says_what_to_add() -> None:
    notes = EXAMPLE.replace("Timeline (all times UTC)", "Timeline")
    notes = notes.split("What went well")[0] + "Action items" + notes.split("Action items")[1]
    notes = notes.replace(LAST_ITEM, f"{LAST_ITEM} — @lee — by Dec 10")
    for found in both_ways(drafted(notes)):
        assert problems(found) == [("timeline-timezone", "timeline"), ("went-well-missing", "went_well")]
        went_well = next(f for f in found if f.rule == "went-well-missing")
        assert went_well.fix.startswith("Add a '## What went well' section")
