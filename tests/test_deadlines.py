from __future__ import annotations

import datetime as dt

import pytest

from afterboard.extract.deadlines import find_deadline, resolve

TODAY = dt.date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "due", "rest"),
    [
        ("Add canary by Fri", dt.date(2026, 11, 27), "Add canary"),
        ("Add canary by 12/05", dt.date(2026, 12, 5), "Add canary"),
        ("Add canary due 2026-12-05", dt.date(2026, 12, 5), "Add canary"),
        ("Add canary, due: Dec 12", dt.date(2026, 12, 12), "Add canary"),
        ("Add canary EOW", dt.date(2026, 11, 27), "Add canary"),
        ("Add canary EOM", dt.date(2026, 11, 30), "Add canary"),
        ("Add canary next sprint", dt.date(2026, 12, 23), "Add canary"),
        ("Add canary by end of month", dt.date(2026, 11, 30), "Add canary"),
        ("Add canary — Dec 4", dt.date(2026, 12, 4), "Add canary"),
        ("Add canary (2027-01-10)", dt.date(2027, 1, 10), "Add canary"),
        ("Add canary by December", dt.date(2026, 12, 31), "Add canary"),
        ("Evaluate a second provider Q1", dt.date(2027, 3, 31), "Evaluate a second provider"),
        ("Evaluate a second provider by Q3 2027", dt.date(2027, 9, 30), "Evaluate a second provider"),
        ("Add canary by tomorrow", dt.date(2026, 11, 26), "Add canary"),
    ],
)
def test_find_deadline_resolves_what_people_write(text: str, due: dt.date, rest: str) -> None:
    found = find_deadline(text, today=TODAY)
    assert found is not None
    assert found.due == due
    assert found.rest == rest


def test_dmy_order_reads_day_first() -> None:
    found = find_deadline("Add canary by 12/05", today=TODAY, order="DMY")
    assert found is not None
    assert found.due == dt.date(2027, 5, 12)


def test_sprint_length_is_a_setting() -> None:
    found = find_deadline("Add canary next sprint", today=TODAY, sprint_days=7)
    assert found is not None
    assert found.due == TODAY + dt.timedelta(days=14)


def test_asap_is_a_deadline_without_a_date() -> None:
    found = find_deadline("Patch the kernel ASAP", today=TODAY)
    assert found is not None
    assert found.due is None
    assert found.rest == "Patch the kernel"


@pytest.mark.parametrize(
    "text",
    [
        "Upgrade to v1.2",
        "Improve things by the next incident",
        "Add 2 replicas",
        "Ship in 2027",
        "Rate limit 50/10",
    ],
)
def test_find_deadline_ignores_text_that_names_no_date(text: str) -> None:
    found = find_deadline(text, today=TODAY)
    assert found is None or found.due is None


def test_eow_on_a_friday_is_that_friday() -> None:
    assert resolve("EOW", today=dt.date(2026, 11, 27)) == dt.date(2026, 11, 27)
