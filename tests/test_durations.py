from __future__ import annotations

import datetime as dt

import pytest

from afterboard.extract.durations import find_duration, format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45m", 45),
        ("1h20m", 80),
        ("1h 20m", 80),
        ("2 hours", 120),
        ("90 min", 90),
        ("1.5h", 90),
        ("45", 45),
        ("1:30", 90),
        ("PT45M", 45),
        ("1 day", 1440),
        ("3 hours and 5 minutes", 185),
    ],
)
def test_parse_duration(text: str, minutes: int) -> None:
    assert parse_duration(text) == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["", "soon", "a while"])
def test_parse_duration_refuses_what_is_not_a_duration(text: str) -> None:
    assert parse_duration(text) is None


def test_find_duration_in_a_sentence_and_not_in_counts() -> None:
    assert find_duration("checkout was down for 1h 10m") == dt.timedelta(minutes=70)
    assert find_duration("1.2m users affected") is None
    assert find_duration("v2.3 deployed to 3 hosts") is None


@pytest.mark.parametrize(
    ("minutes", "text"), [(5, "5 min"), (60, "1 h"), (78, "1 h 18 min"), (1440, "1 d"), (1500, "1 d 1 h")]
)
def test_format_duration(minutes: int, text: str) -> None:
    assert format_duration(dt.timedelta(minutes=minutes)) == text
