from __future__ import annotations

import pytest

from afterboard.extract.owners import find_owner


@pytest.mark.parametrize(
    ("text", "owner", "rest"),
    [
        ("Add canary for config pushes @ana", "ana", "Add canary for config pushes"),
        ("Add canary (Ana)", "Ana", "Add canary"),
        ("Add canary — Ana", "Ana", "Add canary"),
        ("Add canary - Sam", "Sam", "Add canary"),
        ("Add canary -- db team", "db team", "Add canary"),
        ("owner: ana, lower alert threshold", "ana", "lower alert threshold"),
        ("Lower alert threshold, Owner: Raj Patel", "Raj Patel", "Lower alert threshold"),
        ("Write runbook [raj]", "raj", "Write runbook"),
        ("Rate limit retries — Ana Lopez", "Ana Lopez", "Rate limit retries"),
        ("Sam to add canary", "Sam", "Add canary"),
        ("pair on it @ana @bo", "ana, bo", "pair on it"),
    ],
)
def test_find_owner_reads_the_ways_people_name_owners(text: str, owner: str, rest: str) -> None:
    found = find_owner(text)
    assert found is not None
    assert found.name == owner
    assert found.rest == rest


@pytest.mark.parametrize(
    "text",
    [
        "Review process (done)",
        "Fix DNS (P1)",
        "Upgrade to v1.2",
        "Plan to migrate the queue",
        "Need to add docs",
        "Ship it - ASAP",
        "Unmute alerts - Friday",
        "Investigate flaky tests",
        "email ops@example.com about it",
    ],
)
def test_find_owner_does_not_take_statuses_verbs_or_dates_for_names(text: str) -> None:
    assert find_owner(text) is None


@pytest.mark.parametrize("text", ["owner: ??? cap pool", "Cap pool, owner: TBD"])
def test_a_placeholder_owner_is_an_unknown_owner(text: str) -> None:
    found = find_owner(text)
    assert found is not None
    assert found.name is None
    assert "cap pool" in found.rest.lower()


@pytest.mark.parametrize("text", ["Add retries (see issue)", "Bump pool size - if needed later"])
def test_a_lowercase_aside_is_not_an_owner(text: str) -> None:
    assert find_owner(text) is None
