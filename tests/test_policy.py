from __future__ import annotations

import datetime as dt

from afterboard.policy import Policy, is_required


def test_required_when_any_threshold_is_crossed_with_each_reason() -> None:
    result = is_required(dt.timedelta(minutes=45), 0.02, emergency_on_call=True)
    assert result.required
    assert len(result.reasons) == 3
    assert "45 min, over 30 min" in result.reasons[0]


def test_not_required_at_exactly_the_thresholds() -> None:
    result = is_required(dt.timedelta(minutes=30), 0.01, emergency_on_call=False)
    assert not result.required and result.reasons == () and result.unknown == ()


def test_unknown_facts_are_said_not_assumed() -> None:
    result = is_required(dt.timedelta(minutes=10))
    assert not result.required
    assert result.unknown == ("share of users affected", "whether on-call responded")
    assert "Unknown: share of users affected" in result.explain()


def test_a_team_can_change_the_thresholds() -> None:
    strict = Policy(required_minutes=5, required_users_percent=0.1, required_on_call=False)
    assert strict.is_required(dt.timedelta(minutes=10), 0.0, True).reasons == (
        "it lasted 10 min, over 5 min",
    )


def test_publication_window_is_48_then_72_hours_after_resolution() -> None:
    resolved = dt.datetime(2026, 11, 20, 10, 30, tzinfo=dt.UTC)
    target, deadline = Policy().publication_window(resolved)
    assert (target - resolved, deadline - resolved) == (dt.timedelta(hours=48), dt.timedelta(hours=72))
