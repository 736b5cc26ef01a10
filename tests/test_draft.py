from __future__ import annotations

import datetime as dt

from afterboard.board import Board, Note
from afterboard.drafting import draft
from afterboard.ingest.text import parse_notes
from afterboard.postmortem import ActionStatus, Kind, Mark, PostMortem
from afterboard.settings import Settings
from conftest import TODAY

BOARD = """# Checkout outage — 2026-11-20
## Timeline (all times UTC)
- 09:31 pager alert fired, on-call paged
- 09:12 deploy v2.3 started
- 10:30 all clear
- 09:45 rolled back to v2.2
## Impact
- 12% of checkout requests failed for EU customers
## 5 whys
1. Why did checkout fail? Because the pool was exhausted.
2. Why? Because no load test.
## Contributing factors
- Process: deploy had no canary
## What went well
- fast rollback
## Action items
- Add load test to CI — @ana — by 12/05
- [x] Write runbook (Sam) EOW
- Improve monitoring
"""


def drafted(text: str = BOARD, **kwargs: object) -> PostMortem:
    return draft(parse_notes(text, name="notes.md", today=TODAY), today=TODAY, **kwargs)  # type: ignore[arg-type]


def test_timeline_is_sorted_and_its_moments_are_marked() -> None:
    pm = drafted()
    assert [e.text for e in pm.timeline] == [
        "deploy v2.3 started",
        "pager alert fired, on-call paged",
        "rolled back to v2.2",
        "all clear",
    ]
    assert [e.mark for e in pm.timeline] == [Mark.STARTED, Mark.DETECTED, Mark.MITIGATED, Mark.RESOLVED]
    utc = dt.UTC
    assert pm.started_at == dt.datetime(2026, 11, 20, 9, 12, tzinfo=utc)
    assert pm.detected_at == dt.datetime(2026, 11, 20, 9, 31, tzinfo=utc)
    assert pm.mitigated_at == dt.datetime(2026, 11, 20, 9, 45, tzinfo=utc)
    assert pm.resolved_at == dt.datetime(2026, 11, 20, 10, 30, tzinfo=utc)
    assert pm.time_to_detect == dt.timedelta(minutes=19)


def test_impact_duration_follows_from_the_timeline_when_no_note_states_it() -> None:
    pm = drafted()
    assert pm.impact.duration == dt.timedelta(minutes=78)
    assert pm.impact.users_share == 0.12


def test_five_whys_keep_their_order_and_the_last_answer_is_the_root_cause() -> None:
    pm = drafted()
    assert [w.answer for w in pm.root_cause.whys] == ["The pool was exhausted.", "No load test."]
    assert pm.root_cause.deepest == "No load test."


def test_action_items_get_owner_deadline_and_status_from_their_text() -> None:
    items = drafted().action_items
    assert [(a.text, a.owner, a.due, a.status) for a in items] == [
        ("Add load test to CI", "ana", dt.date(2026, 12, 5), ActionStatus.OPEN),
        ("Write runbook", "Sam", dt.date(2026, 11, 20), ActionStatus.DONE),
        ("Improve monitoring", None, None, ActionStatus.OPEN),
    ]


def test_a_factor_prefixed_with_a_category_is_filed_under_it() -> None:
    factor = drafted().contributing_factors[0]
    assert (factor.category, factor.text) == ("process", "deploy had no canary")


def test_every_item_traces_to_a_note() -> None:
    pm = drafted()
    items = [
        *pm.timeline,
        *pm.impact.statements,
        *pm.root_cause.whys,
        *pm.contributing_factors,
        *pm.went_well,
    ]
    items += list(pm.action_items)
    assert items and all(i.source and i.source.startswith("notes.md:") for i in items)
    assert all(s.source for s in pm.summary)


def test_summary_is_assembled_from_the_notes() -> None:
    text = " ".join(s.text for s in drafted().summary)
    assert "deploy v2.3 started at 09:12" in text
    assert "12% of checkout requests failed" in text
    assert "Root cause: No load test." in text
    assert "3 action items, 2 with an owner and a deadline." in text


def test_nothing_is_invented_for_a_board_with_one_note() -> None:
    pm = drafted("Payment delays\n\nAction items\n- improve monitoring\n")
    assert pm.timeline == () and pm.root_cause.is_empty and pm.impact.is_empty
    assert pm.started_at is None and pm.publication_due is None and pm.severity is None
    assert pm.emergency_on_call is None
    assert [a.owner for a in pm.action_items] == [None]


def test_publication_is_due_72_hours_after_resolution() -> None:
    pm = drafted()
    assert pm.publication_due == dt.datetime(2026, 11, 23, 10, 30, tzinfo=dt.UTC)


def test_times_past_midnight_fall_on_the_next_day() -> None:
    pm = drafted("x\nDate: 2026-11-14\n\nTimeline:\n23:40 push started\n00:35 reverted\n01:15 all clear\n")
    assert [e.at.date() for e in pm.timeline if e.at] == [
        dt.date(2026, 11, 14),
        dt.date(2026, 11, 15),
        dt.date(2026, 11, 15),
    ]


def test_the_board_zone_and_the_default_zone() -> None:
    stated = drafted("x\nAll times in CET\n\nTimeline:\n09:00 alert fired\n")
    assert stated.timezone == "CET" and stated.timeline[0].at is not None
    assert stated.timeline[0].at.utcoffset() == dt.timedelta(hours=1)
    assumed = drafted("x\n\nTimeline:\n09:00 alert fired\n", settings=Settings(timezone="Asia/Tokyo"))
    assert assumed.timezone is None and assumed.timeline[0].at is not None
    assert assumed.timeline[0].at.utcoffset() == dt.timedelta(hours=9)


def test_unplaced_notes_are_placed_by_what_they_say() -> None:
    board = Board(
        notes=(
            Note(text="09:12 deploy started"),
            Note(text="Add canary @ana by Fri"),
            Note(text="Great teamwork"),
        )
    )
    pm = draft(board, today=TODAY)
    assert [e.text for e in pm.timeline] == ["deploy started"]
    assert [a.owner for a in pm.action_items] == ["ana"]
    assert [(x.title, [i.text for i in x.items]) for x in pm.extra_sections] == [
        ("Other notes", ["Great teamwork"])
    ]


def test_structured_times_from_a_reader_are_used_as_given() -> None:
    at = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
    pm = draft(Board(notes=(Note(text="alert fired", section="timeline", time=at),)), today=TODAY)
    assert pm.timeline[0].at == at and pm.detected_at == at


def test_a_project_board_has_milestones_and_no_incident_moments() -> None:
    pm = drafted("Launch\nKind: project\n\nMilestones\n- Jul 14 design freeze\n- Oct 22 release\n")
    assert pm.kind is Kind.PROJECT
    assert [e.text for e in pm.timeline] == ["design freeze", "release"]
    assert pm.started_at is None and pm.resolved_at is None


def test_low_confidence_is_carried_from_the_note_to_the_item() -> None:
    board = Board(
        notes=(Note(text="fast rollbak", section="went_well", confidence=0.4, source="b.jpg#note-1"),)
    )
    item = draft(board, today=TODAY).went_well[0]
    assert (item.confidence, item.source) == (0.4, "b.jpg#note-1")


def test_draft_is_deterministic() -> None:
    assert drafted().model_dump() == drafted().model_dump()


def test_a_retro_board_drafts_as_a_project_and_says_how_its_columns_were_read() -> None:

    board = Board(
        notes=(
            Note(text="Slow builds", section="contributing_factors", header="Stop"),
            Note(text="Pairing", section="went_well", header="Continue"),
            Note(text="", section="action_items", header="Start", confidence=0.0, source="b.jpg#note-3"),
        ),
        kind="project",
        empty_headers=("Longed for",),
    )
    pm = draft(board, today=dt.date(2026, 11, 27))
    assert pm.kind == "project"
    summary = [item.text for item in pm.summary]
    assert summary[0] == (
        "Read as a start / stop / continue retrospective: “Stop” → contributing factors, "
        "“Continue” → went well, “Start” → action items."
    )
    assert "Headers on the board with no notes: “Longed for”." in summary
    unread = next(item for item in pm.summary if "could not be read" in item.text)
    assert (unread.confidence, unread.source) == (0.0, "b.jpg#note-3")
    assert pm.action_items == ()
