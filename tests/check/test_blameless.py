"""Blame detection: each form blame takes in a post-mortem is flagged with a rewrite about the system;
people named for what they did, systems that failed, counterfactuals about systems and authors owning their
own mistake are not."""

from __future__ import annotations

import pytest
from check_fixtures import rules_of

from afterboard.checks.people import find_blame


@pytest.mark.parametrize(
    ("sentence", "person", "form"),
    [
        ("Ana forgot to run the migration.", "Ana", "cause"),
        ("@sam mistakenly deleted the sessions table.", "@sam", "cause"),
        ("The new hire didn't check the dashboard before deploying.", "The new hire", "cause"),
        ("Bob should have reviewed the config.", "Bob", "cause"),
        ("The outage was caused by Priya.", "Priya", "cause"),
        ("At 14:02 Raj failed to page the database team.", "Raj", "cause"),
        ("John ran the migration script against production by mistake.", "John", "cause"),
        ("Bob's careless change deleted the index.", "Bob", "cause"),
        ("The queue stalled because Maria restarted it without draining it.", "Maria", "cause"),
        ("The engineer on call failed to acknowledge the page.", "The engineer on call", "cause"),
        ("If Sarah had reviewed the PR properly this would not have happened.", "Sarah", "counterfactual"),
        ("Had the DBA checked the lag, the failover would have waited.", "the DBA", "counterfactual"),
        ("Nobody bothered to test on staging.", "nobody", "judging"),
        ("The root cause was human error.", "people", "judging"),
        ("Train Bob on the release process.", "Bob", "action"),
        ("Remind Alice to check the target environment.", "Alice", "action"),
        ("Jenny must be more careful with the firewall rules.", "Jenny", "action"),
    ],
)
def test_each_form_of_blame_is_flagged(sentence: str, person: str, form: str) -> None:
    [blame] = find_blame(sentence)
    assert (blame.person.lower(), blame.form) == (person.lower(), form)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ana rolled back the deploy at 14:05.",
        "Ana paged the database team at 14:05.",
        "Priya rolled back the release.",
        "We failed over to the secondary region.",
        "The alert didn't fire because the threshold was 10%.",
        "Kubernetes failed to schedule the new pods.",
        "The deploy caused a spike in errors.",
        "I forgot to rotate the token; the token was valid for a year.",
        "We missed the alert because it went to an unwatched channel.",
        "The primary engineer did not have any clue that the hub had changed.",
        "Had the canary been in place, the config would not have reached production.",
        "If the alert had fired earlier, we would have rolled back sooner.",
        "Train all on-call engineers on the failover runbook.",
        "The client showed a user error message instead of retrying.",
        "The admin console deleted the wrong bucket because the names were alike.",
        "The page loads lazily, so the cache warms up slowly.",
        "Raj quickly identified the bad config and reverted it.",
        "Hannah's runbook worked exactly as written.",
    ],
)
def test_responders_systems_and_first_person_are_not_flagged(sentence: str) -> None:
    assert find_blame(sentence) == []


def test_names_the_document_gives_count_as_people() -> None:
    assert find_blame("docbrown skipped the review.") == []
    [blame] = find_blame("docbrown skipped the review.", people=["docbrown"])
    assert blame.person == "docbrown"


@pytest.mark.parametrize(
    ("sentence", "rewrite"),
    [
        ("Ana forgot to run the migration before the deploy.", "The migration was not run before the deploy"),
        ("Bob accidentally deleted the production table.", "The production table was deleted"),
        ("The on-call engineer failed to follow the runbook.", "The runbook was not followed"),
        ("Steve's typo in the DNS record took the site down.", "A typo in the DNS record took the site"),
        ("Had Kevin checked the dashboard, we would have known.", "The dashboard was not checked"),
        ("Remind Alice to check the target environment.", "no one has to remember to check the target"),
    ],
)
def test_the_rewrite_is_a_sentence_about_the_system(sentence: str, rewrite: str) -> None:
    [blame] = find_blame(sentence)
    assert rewrite in blame.rewrite
    assert blame.person.split()[-1] not in blame.rewrite


BLAMING = """\
# Checkout outage

## Root cause

John ran the migration script against production by mistake.
If Sarah had reviewed the PR this would not have happened.
Nobody bothered to test on staging.

## Action items

- Train Bob on the release process.
- Add a confirmation prompt to the migration script — @ana — by 2026-12-01
"""


def test_a_document_gets_one_finding_per_form_of_blame() -> None:
    assert {
        "blameless-person-failure",
        "blameless-counterfactual",
        "blameless-blame-words",
        "blameless-action-at-person",
    } <= rules_of(BLAMING)


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        ("Ask Pete to be more careful with production credentials.", "Pete"),
        ("Train Quill on the release process.", "Quill"),
        ("Zuri must pay more attention to the deploy checklist.", "Zuri"),
    ],
)
def test_an_action_only_a_person_takes_makes_any_name_a_person(sentence: str, person: str) -> None:
    # none of these names is in the given-names list: what the sentence asks says they are people
    [blame] = find_blame(sentence)
    assert (blame.person, blame.form) == (person, "action")


@pytest.mark.parametrize(
    "sentence",
    ["Ask Support to update the runbook.", "Terraform must not run twice on one workspace."],
)
def test_an_unlisted_name_asked_for_an_ordinary_task_is_not_blamed(sentence: str) -> None:
    assert find_blame(sentence) == []


def test_people_the_document_thanks_count_as_people_whatever_their_names() -> None:
    body = (
        "# Queue outage\n\n## Summary\n\nThe queue stalled because Quill restarted it without draining it.\n"
    )
    assert "blameless-person-failure" not in rules_of(body)
    assert "blameless-person-failure" in rules_of(body + "\n## Thanks\n\n- Quill\n- bstack\n")
