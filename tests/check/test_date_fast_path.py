"""Dates in their common unambiguous forms are read without dateparser (whose first call costs most of a
second, which `afterboard check` on one file would pay), and read exactly as dateparser reads them."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from afterboard.extract import dates

TEXTS = [
    "2026-11-20",
    "2025-02-28",
    "nov 20",
    "november 20",
    "20 nov",
    "20 november 2025",
    "dec 5, 2026",
    "jan 1",
    "dec 31",
    "sept 3",
    "sep 3rd",
    "3rd sep 2024",
    "mar 1st",
    "feb 29, 2028",
    "fri",
    "friday",
    "mon",
    "sunday",
    "thu",
    "12/05",
    "1/2",
    "12/11/2026",
    "5/12",
]
# a Friday, a Thursday, the year's ends, and every day of one week: a weekday falls on, before and after today
TODAYS = [dt.date(2026, 11, 27), dt.date(2026, 1, 1), dt.date(2026, 12, 31), dt.date(2026, 11, 20)]
TODAYS += [dt.date(2026, 12, 7) + dt.timedelta(days=n) for n in range(7)]
PREFERS: list[dates.Prefer] = ["past", "future", "current_period"]


@pytest.mark.parametrize(
    ("today", "prefer", "order"), list(itertools.product(TODAYS, PREFERS, ("MDY", "DMY")))
)
def test_the_fast_path_reads_dates_as_dateparser_does(
    today: dt.date, prefer: dates.Prefer, order: dates.DateOrder
) -> None:
    for text in TEXTS:
        fast = dates._plain(text, today, prefer, order)
        assert fast is not None, text
        assert fast == dates._parse(text, today, prefer, order), text


def test_what_the_fast_path_cannot_read_is_left_to_dateparser() -> None:
    today = dt.date(2026, 11, 27)
    for text in ("feb 30", "next friday", "13/05", "12/05/26", "fr", "eow"):
        assert dates._plain(text, today, "future", "MDY") is None
    assert dates.parse_date("next friday", today=today, prefer="future") == dt.date(2026, 12, 4)
