"""Moments of an incident must be showable in any time zone and have deadlines added to them."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from afterboard.postmortem import PostMortem, TimelineEntry


@pytest.mark.parametrize(
    "at", ["0001-01-01T01:00:00+05:09", "1899-12-31T23:00:00+00:00", "9999-12-31T23:00:00-05:00"]
)
def test_moments_outside_the_calendar_are_refused(at: str) -> None:
    with pytest.raises(ValidationError, match="between the years 1900 and 2999"):
        PostMortem.model_validate({"started_at": at})
    with pytest.raises(ValidationError, match="between the years 1900 and 2999"):
        TimelineEntry.model_validate({"text": "x", "at": at})


def test_a_moment_at_the_edge_of_the_range_is_kept_and_shown_in_any_zone() -> None:
    pm = PostMortem.model_validate({"resolved_at": "1900-01-01T00:30:00+00:00"})

    assert pm.resolved_at is not None
    assert pm.resolved_at.astimezone(dt.timezone(dt.timedelta(hours=-12))).year == 1899
