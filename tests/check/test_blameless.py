"""Blame detection: a person as the subject of a failure is flagged with a systems-focused rewrite; people
named for what they did, systems that failed, and authors owning their own mistake are not."""

from __future__ import annotations

import pytest

from afterboard.checks.people import find_blame


@pytest.mark.parametrize(
    ("sentence", "person", "failure"),
    [
        ("Ana forgot to run the migration.", "Ana", "forgot"),
        ("@sam mistakenly deleted the sessions table.", "@sam", "mistakenly"),
        ("The new hire didn't check the dashboard before deploying.", "The new hire", "didn't"),
        ("Bob should have reviewed the config.", "Bob", "should have"),
        ("The intern accidentally pushed to production.", "The intern", "accidentally"),
        ("The outage was caused by Priya.", "Priya", "caused by"),
        ("At 14:02 Raj failed to page the database team.", "Raj", "failed to"),
    ],
)
def test_a_person_as_the_subject_of_a_failure_is_flagged(sentence: str, person: str, failure: str) -> None:
    [blame] = find_blame(sentence)
    assert blame.person == person
    assert blame.failure.lower() == failure.lower()


@pytest.mark.parametrize(
    "sentence",
    [
        "Ana rolled back the deploy at 14:05.",
        "Ana paged the database team at 14:05.",
        "The alert didn't fire because the threshold was 10%.",
        "Kubernetes failed to schedule the new pods.",
        "The deploy caused a spike in errors.",
        "I forgot to rotate the token; the token was valid for a year.",
        "We missed the alert because it went to an unwatched channel.",
        "The primary engineer did not have any clue that the hub had changed.",
    ],
)
def test_responders_systems_and_first_person_are_not_flagged(sentence: str) -> None:
    assert find_blame(sentence) == []


def test_names_the_document_gives_count_as_people() -> None:
    assert find_blame("docbrown forgot to update the playbook.") == []
    [blame] = find_blame("docbrown forgot to update the playbook.", people=["docbrown"])
    assert blame.person == "docbrown"


def test_the_rewrite_is_about_the_missing_step_not_the_person() -> None:
    [forgot] = find_blame("Ana forgot to run the migration before the deploy.")
    assert "Ana" not in forgot.rewrite
    assert "run the migration" in forgot.rewrite and "before the deploy" in forgot.rewrite
    [deleted] = find_blame("Bob accidentally deleted the production table.")
    assert deleted.rewrite.startswith("'The production table was deleted")
    assert "Bob" not in deleted.rewrite
