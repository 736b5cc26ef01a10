"""Sections a careful reader finds in prose beyond causes and factors: timelines told in paragraphs (and
spans that are not timelines), commitments (and plans ruled out, predictions, steps taken during the
incident), impact, and a retrospective's outcome, what went right and its cause; headings that name a
section in words no alias has; and the kind of a document with no title."""

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


@pytest.mark.parametrize(
    "sentence",
    [
        "I will fix most of these next year.",
        "We’re updating our warnings so that they fire before users notice.",
        "I am working with the hosting provider to restart crashed servers automatically.",
        "We apologise for this and will be revisiting our DNS architecture soon.",
        "We have since put stricter safeguards in place around schema migrations.",
        "Changes implemented: a lint step that rejects unauthenticated routes, and weekly audits.",
        "We are taking steps to improve how our status page is updated.",
    ],
)
def test_a_commitment_in_any_person_or_tense_is_an_action_item(sentence: str) -> None:
    assert "action_items" in reasons(f"# Chat outage\n\nThe chat was down for two hours.\n\n{sentence}\n")


@pytest.mark.parametrize(
    "sentence",
    [
        "20:37 PST The repair needs an hour. We will be starting the servers one by one.",
        "Multiple host fallback is an option in the future, but we're not at the point of affording it.",
        "We lost some ad revenue. I think we'll all live though!",
        "I'll start with what happened on the first night.",
        "Hopefully, I'll add more detail to this page over time.",
        "I'll most likely not come back to this project.",
    ],
)
def test_steps_during_the_incident_plans_ruled_out_and_predictions_are_not_commitments(sentence: str) -> None:
    assert "action_items" not in reasons(f"# Chat outage\n\nThe chat was down for two hours.\n\n{sentence}\n")


def test_a_status_page_copied_as_text_keeps_its_titles_as_plain_lines_read_as_prose() -> None:
    found = doc(
        "Sign-in errors\n\nResolved\nRoot Cause Analysis\nA config flag was left on after the update.\n"
        "Remediation Items\n\n- Review the sign-in rollout checklist\n- Alert on login failures\n"
    ).found
    assert found.sections_headed == []
    assert {"root_cause", "action_items"} <= set(found.sections_found)
    assert found.reasons["action_items"] == "labelled 'Remediation Items' in the prose"


@pytest.mark.parametrize(
    "sentence",
    [
        "A frozen machine took the whole site down for twenty minutes.",
        "The overload made internet connections appear down or sluggish.",
        "Two laptops on the same desk behaved differently: the affected clients don't have connectivity.",
        "A few clients were having intermittent issues at the remote site.",
        "I truly apologise for the downtime, and for how long it took us to answer.",
    ],
)
def test_a_failure_in_other_words_is_an_impact(sentence: str) -> None:
    assert "impact" in reasons(f"# Network trouble\n\n{sentence}\n")


def test_a_retro_in_prose_states_its_outcome_what_went_right_and_what_went_wrong() -> None:
    found = reasons(
        "# Spring hackathon retro\n\nOur team failed to submit an entry. I also know what went right: the "
        "venue staff did an amazing job. I know every little thing that went wrong, too.\n"
    )
    assert {"impact", "went_well", "contributing_factors"} <= set(found)


@pytest.mark.parametrize(
    "sentence",
    [
        "In the end our entry came 23rd out of 300.",
        "The game far surpassed my expectations for a first jam.",
    ],
)
def test_a_retros_placing_or_expectations_met_is_its_outcome(sentence: str) -> None:
    assert "impact" in reasons(f"# Game jam retrospective\n\nThe jam ran over a weekend. {sentence}\n")


def test_a_safeguard_that_did_its_job_went_well_and_one_that_did_not_does_not() -> None:
    held = "Our data access logging caught the anomaly within minutes."
    assert "went_well" in reasons(f"# Breach attempt\n\nAn attacker probed our API. {held}\n")
    missed = "Our monitoring did not catch the anomaly for hours."
    assert "went_well" not in reasons(f"# Breach attempt\n\nAn attacker probed our API. {missed}\n")


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
    assert "root_cause" in retro.found.reasons


def test_a_retrospectives_lessons_are_not_commitments_but_its_plans_are() -> None:
    head = "# Game jam retrospective\n\nWe entered a game jam in May.\n\n"
    assert "action_items" not in reasons(
        f"{head}We need to remember that scope kills jams. Teams should plan.\n"
    )
    assert "action_items" in reasons(f"{head}Next time we will set up the build pipeline before the jam.\n")
    assert "action_items" in reasons(
        "# Login outage\n\nLogins failed for an hour.\n\nWe need to add an alert.\n"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The storage provider lost power in one zone. This resulted in the dashboard being down for an hour.",
        "A nightly export ran on the shared queue and lead to a delay of 6 hours for every webhook.",
        "The intruder gained access through a reused admin password on the forum.",
    ],
)
def test_a_cause_told_as_what_it_resulted_in_or_how_an_attacker_got_in(sentence: str) -> None:
    text = f"# Webhook outage\n\n{sentence}\n"
    assert "root_cause" in doc(text).found.implicit


def test_an_outcome_that_resulted_in_nothing_bad_is_no_cause_of_its_own() -> None:
    text = "# Webhook outage\n\nWebhooks were late for 2 hours for all customers.\n"
    assert "root_cause" not in doc(text).found.implicit


def test_a_what_happened_heading_over_a_story_leaves_its_causes_to_be_found() -> None:
    text = (
        "# Forum breach\n\n## What happened?\n\nOur forum was breached on 2 October, the attacker gaining "
        "access via a weak administrator password.\n"
    )
    found = doc(text).found
    assert "timeline" not in found.headed
    assert "root_cause" in found.implicit


def test_a_fix_made_quickly_went_well_whichever_word_comes_first() -> None:
    text = "# Leaked key\n\nA test API key became public. We revoked it and patched the issue quickly.\n"
    assert "went_well" in doc(text).found.implicit


def test_being_lucky_is_not_something_that_went_well() -> None:
    text = "# Leaked key\n\nA test API key became public. Fortunately, it could only send test emails.\n"
    assert "went_well" not in doc(text).found.implicit


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


@pytest.mark.parametrize(
    "sentence", ["We remained offline for a full day.", "The forum was offline for two whole days."]
)
def test_an_outage_lasting_a_full_day_is_its_impact(sentence: str) -> None:
    assert "impact" in doc(f"# Forum hacked\n\n{sentence}\n").found.implicit
