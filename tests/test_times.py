from __future__ import annotations

import datetime as dt

import pytest

from afterboard.extract.times import find_time, strip_leading_time, zone_named, zone_statement

ON = dt.date(2026, 11, 20)
UTC = dt.UTC


@pytest.mark.parametrize(
    ("text", "expected", "as_written"),
    [
        ("14:02 alert fired", dt.datetime(2026, 11, 20, 14, 2, tzinfo=UTC), "14:02"),
        ("2:05pm rollback", dt.datetime(2026, 11, 20, 14, 5, tzinfo=UTC), "2:05pm"),
        ("2:05 PM rollback", dt.datetime(2026, 11, 20, 14, 5, tzinfo=UTC), "2:05 PM"),
        ("9am customers report errors", dt.datetime(2026, 11, 20, 9, 0, tzinfo=UTC), "9am"),
        ("12:10am cron ran", dt.datetime(2026, 11, 20, 0, 10, tzinfo=UTC), "12:10am"),
        ("14:02 UTC paged", dt.datetime(2026, 11, 20, 14, 2, tzinfo=UTC), "14:02 UTC"),
        ("14:00Z down", dt.datetime(2026, 11, 20, 14, 0, tzinfo=UTC), "14:00Z"),
        ("Nov 20 14:02 deploy", dt.datetime(2026, 11, 20, 14, 2, tzinfo=UTC), "Nov 20 14:02"),
        ("Nov 19 23:50 deploy", dt.datetime(2026, 11, 19, 23, 50, tzinfo=UTC), "Nov 19 23:50"),
        ("2026-11-18T08:15:00Z job", dt.datetime(2026, 11, 18, 8, 15, tzinfo=UTC), "2026-11-18T08:15:00Z"),
        ("14h02 alerte", dt.datetime(2026, 11, 20, 14, 2, tzinfo=UTC), "14h02"),
    ],
)
def test_find_time_reads_the_ways_people_write_times(
    text: str, expected: dt.datetime, as_written: str
) -> None:
    found = find_time(text, on=ON)
    assert found is not None
    assert found.at == expected
    assert found.text == as_written


def test_a_zone_written_beside_the_time_wins_over_the_default() -> None:
    found = find_time("09:10 PST deploy", on=ON, tz=UTC)
    assert found is not None
    assert found.at.utcoffset() == dt.timedelta(hours=-8)
    assert found.zone == "PST"


def test_a_time_without_zone_takes_the_zone_given() -> None:
    berlin = zone_named("Europe/Berlin")
    assert berlin is not None
    found = find_time("14:02 paged", on=ON, tz=berlin)
    assert found is not None
    assert found.at.astimezone(UTC).hour == 13


def test_a_zone_followed_by_a_colon_is_still_the_zone() -> None:
    found = find_time("* 09:10 UTC: login errors start", on=ON)
    assert found is not None
    assert found.zone == "UTC"


@pytest.mark.parametrize(
    "text",
    [
        "v2.3 deployed",
        "3,000 users",
        "ratio 3:1 in favour",
        "deploy 10.5.2 done",
        "1402 nothing",
        "25:99 odd",
    ],
)
def test_find_time_ignores_numbers_that_are_not_times(text: str) -> None:
    assert find_time(text, on=ON) is None


def test_a_word_ending_in_t_is_not_read_as_a_zone() -> None:
    found = find_time("14:02 alert fired", on=ON)
    assert found is not None
    assert found.zone is None


def test_strip_leading_time_leaves_the_event() -> None:
    text = "- 09:12 — deploy v2.3 started"
    found = find_time(text, on=ON)
    assert found is not None
    assert strip_leading_time(text, found) == "deploy v2.3 started"


def test_strip_leading_time_keeps_a_time_written_inside_the_sentence() -> None:
    text = "alert fired at 09:31"
    found = find_time(text, on=ON)
    assert found is not None
    assert strip_leading_time(text, found) == text


@pytest.mark.parametrize(
    ("name", "offset_hours"),
    [("UTC", 0), ("Z", 0), ("GMT", 0), ("UTC+2", 2), ("+05:30", 5.5), ("PST", -8), ("CET", 1)],
)
def test_zone_named_knows_abbreviations_and_offsets(name: str, offset_hours: float) -> None:
    tz = zone_named(name)
    assert tz is not None
    assert tz.utcoffset(dt.datetime(2026, 1, 15)) == dt.timedelta(hours=offset_hours)


def test_zone_named_knows_iana_names_and_refuses_nonsense() -> None:
    assert zone_named("America/Los_Angeles") is not None
    assert zone_named("Mars/Olympus") is None
    assert zone_named("") is None


@pytest.mark.parametrize(
    ("text", "zone", "alone"),
    [
        ("All times in CET", "CET", True),
        ("(all times UTC)", "UTC", True),
        ("Timeline (times are UTC)", "UTC", False),
        ("Timezone: Europe/Berlin", "Europe/Berlin", True),
    ],
)
def test_zone_statement(text: str, zone: str, alone: bool) -> None:
    stated = zone_statement(text)
    assert stated is not None
    assert (stated.zone, stated.alone) == (zone, alone)


@pytest.mark.parametrize("text", ["14:02 UTC paged", "times were hard", "deploy at noon"])
def test_a_zone_beside_one_time_is_no_statement(text: str) -> None:
    assert zone_statement(text) is None
