"""What is found in prose without the sentence model (`test_statements.py` tests the model): timelines told
in paragraphs (and spans that are not timelines), sections named outright under another section's heading
or labelled on a plain line, headings that name a section in words no alias has, and the kind of a
document with no title. How the model reads single sentences is measured, not asserted:
`benchmarks/corpus/written-sentences.tsv`, by `scripts/train_statements.py --judge`."""

from __future__ import annotations

import datetime as dt

import pytest

from afterboard.parse import parse_document
from afterboard.postmortem import Kind

DAY = dt.date(2026, 11, 20)


def doc(text: str):  # type: ignore[no-untyped-def]
    return parse_document(text, name="pm.md", today=DAY)


def reasons(text: str) -> dict[str, str]:
    return doc(text).found.reasons


@pytest.mark.parametrize(
    "paragraph",
    [
        "At 8:28am a back-end machine froze. It took the site down at 8:34am, when I was paged. "
        "The site came back at 8:52am.",
        "Event log, all times Eastern.\n7:52 AM - Alarms sound that the site is offline.\n"
        "8:10 AM - Hardware fault reported by the data centre.\n10:31 AM - Site is back online.",
        "The report reached us at 2:47 PM. We answered within 5 minutes, and after 45 minutes found the bug.",
        "The report reached us at 2:47 PM.\n\nI answered the reporter within 5 minutes.\n\n"
        "After 45 minutes of digging, I found the stale cache key.",
        "The first few hours went on the concept. By Saturday I had a prototype, 3-4 hours in it worked, "
        "and on Sunday I polished the art.",
    ],
)
def test_three_moments_in_a_paragraph_tell_a_timeline(paragraph: str) -> None:
    assert "timeline" in reasons(f"# API outage\n\n{paragraph}\n")


@pytest.mark.parametrize(
    "paragraph",
    [
        "At about 5:20 PM a reconfiguration overloaded one DNS server. We resolved it at about 6:45.",
        "Yesterday, September 28, between 12:51 and 13:42 CET, the API answered with errors.",
        "We were alerted at 19:21 UTC on December 1, 2014 that resolution was failing.",
        "At 10:00 UTC the queue stalled; it recovered within 5 minutes.",
        "We hold the jam every Saturday and review the entries on Sunday.",
        "On May 10 at 08:46 some users could not log in.\n\nPosted May 30, 2019 - 04:19 PDT\n\n"
        "Posted May 10, 2019 - 08:46 PDT",
    ],
)
def test_a_span_or_one_moment_is_no_timeline(paragraph: str) -> None:
    assert "timeline" not in reasons(f"# API outage\n\n{paragraph}\n")


def test_a_status_page_copied_as_text_keeps_its_titles_as_plain_lines_read_as_prose() -> None:
    found = doc(
        "Sign-in errors\n\nResolved\nRoot Cause Analysis\nA config flag was left on after the update.\n"
        "Remediation Items\n\n- Review the sign-in rollout checklist\n- Alert on login failures\n"
    ).found
    assert found.sections_headed == []
    assert {"root_cause", "action_items"} <= set(found.sections_found)
    assert found.reasons["action_items"] == "labelled 'Remediation Items' in the prose"


def test_a_retros_cause_counts_under_what_went_wrong_only_when_stated() -> None:
    stated = doc(
        "# Jam retrospective\n\n## What went well\n\n- The art\n\n## What could have gone better\n\n"
        "- The game is too easy. This is because there was no time to balance it.\n"
    )
    assert stated.found.reasons["root_cause"].startswith("the cause told among the conditions")
    unstated = doc(
        "# Jam retrospective\n\n## What went well\n\n- The art\n\n## What could have gone better\n\n"
        "- The game is too easy, as the levels came late.\n"
    )
    assert "root_cause" not in unstated.found.sections_found


def test_a_heading_naming_what_was_affected_is_the_impact() -> None:
    found = doc(
        "# Index outage\n\nUploads failed.\n\n## Affected crates\n\n- kaze 0.1.6\n- wasmer 0.14\n"
    ).found
    assert found.headed["impact"] == 5


def test_a_heading_naming_the_document_names_none_of_its_sections() -> None:
    # most of its paragraphs state a failure with its size, yet 'Postmortem' is the whole review's name
    found = doc(
        "# Index outage\n\nUploads failed.\n\n## Postmortem\n\nBuilds failed for a day and no builds "
        "completed for 400 crates.\n"
    ).found
    assert "impact" not in found.headed


def test_without_a_title_the_opening_line_says_what_kind_of_review_it_is() -> None:
    retro = doc(
        "Below is the post mortem I wrote for the Ludum Dare blog.\n\nI got up at 6AM and made good "
        "progress, but by 1AM I had no enemies and no sound.\n"
    )
    assert retro.postmortem.kind is Kind.PROJECT


def test_after_a_title_written_as_a_plain_line_the_first_sentence_says_the_kind() -> None:
    retro = doc(
        "Notes From the Weekend\n\nThese are my notes on three game jams this year.\n\n"
        "My goals for the music were too high, and I fell short of them, due mostly to a lack of practice.\n"
    )
    assert retro.postmortem.kind is Kind.PROJECT


def test_a_what_happened_heading_over_a_story_leaves_its_causes_to_be_found() -> None:
    text = (
        "# Forum breach\n\n## What happened?\n\nOur forum was breached on 2 October, the attacker gaining "
        "access via a weak administrator password.\n"
    )
    found = doc(text).found
    assert "timeline" not in found.headed
    assert "root_cause" in found.implicit


def test_a_title_line_run_into_the_list_above_it_still_labels_the_list_after_it() -> None:
    text = (
        "The API was down for all users for 40 minutes. The causes were:\n"
        "* a cache that never expired\n"
        "* a retry storm from the mobile app\n"
        "Remediation:\n"
        "* Add an expiry to the cache\n"
        "* Back off retries in the app\n"
    )
    found = doc(text).found
    assert "action_items" in found.implicit
    assert "action_items" not in found.headed


def test_a_list_item_ending_in_an_ordinary_line_labels_nothing() -> None:
    text = (
        "The API was down for all users for 40 minutes. The causes were:\n"
        "* a cache that never expired\n"
        "Which we saw:\n"
        "* in the logs\n"
    )
    assert "action_items" not in doc(text).found.implicit


@pytest.mark.parametrize(
    ("title", "opening", "kind"),
    [
        ("Post-mortem (2023-04-20)", "Our first contest entry went smoothly, though late.", Kind.PROJECT),
        ("js13k-2024", "The game's theme this year was luck.", Kind.PROJECT),
        ("Post-mortem (2023-04-20)", "The database was down for an hour.", Kind.INCIDENT),
        ("Checkout outage", "Our first contest entry went smoothly.", Kind.INCIDENT),
    ],
)
def test_under_a_title_that_names_no_event_the_opening_says_the_kind(
    title: str, opening: str, kind: Kind
) -> None:
    assert doc(f"# {title}\n\n{opening}\n").postmortem.kind is kind


def test_a_heading_asking_what_changes_next_time_heads_the_action_items() -> None:
    text = "# Release retro\n\n## What changes for the next milestone\n\n- Write the spec before building.\n"
    assert "action_items" in doc(text).found.headed


def test_a_heading_asking_what_changes_were_made_heads_no_action_items() -> None:
    text = "# Checkout outage\n\n## What changes were made\n\n- The pool size was raised to 50.\n"
    assert "action_items" not in doc(text).found.headed


def test_a_suspected_cause_counts_under_another_sections_heading() -> None:
    head = "# Login outage\n\n## Impact\n\nThe queue stopped.\n\n"
    found = reasons(f"{head}Aki suspects that the retry limit meant that the loop exited.\n")
    assert found["root_cause"] == "a suspected cause ('suspects')"
    assert "root_cause" not in reasons(f"{head}We suspect that more users saw errors.\n")
