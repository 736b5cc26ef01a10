"""`due`: publication windows running or missed, and incidents missing their post-mortem; `stats`."""

from __future__ import annotations

import datetime as dt

from afterboard.postmortem import ActionStatus, Kind
from afterboard.store.records import DueState
from afterboard.store.store import Store
from store.store_factory import Clock, action, make_pm

UTC = dt.UTC
RESOLVED = dt.datetime(2026, 11, 18, 14, 50, tzinfo=UTC)  # make_pm's default: 14:00 + 50 min


def test_due_lists_running_and_missed_windows_of_unpublished_incidents(store: Store) -> None:
    old = store.save(make_pm("Old", day=dt.date(2026, 11, 10))).id
    fresh = store.save(make_pm("Fresh", day=dt.date(2026, 11, 18))).id
    published = store.save(make_pm("Done", day=dt.date(2026, 11, 18))).id
    store.publish(published)
    store.save(make_pm("Launch", kind=Kind.PROJECT, day=dt.date(2026, 11, 1)))
    store.save(make_pm("Ongoing", resolved_after=None))

    entries = store.due(now=RESOLVED + dt.timedelta(hours=50))

    assert [(e.postmortem_id, e.state) for e in entries] == [
        (old, DueState.MISSED),
        (fresh, DueState.RUNNING),
    ]
    assert entries[1].target == RESOLVED + dt.timedelta(hours=48)
    assert entries[1].deadline == RESOLVED + dt.timedelta(hours=72)


def test_due_names_incidents_that_required_a_postmortem_and_have_none(store: Store) -> None:
    resolved = RESOLVED
    store.record_incident(
        {"ref": "INC-1", "title": "Long outage", "resolved_at": resolved, "duration_minutes": 45}
    )
    store.record_incident(
        {
            "ref": "INC-2",
            "resolved_at": resolved,
            "duration_minutes": 5,
            "users_share": 0.001,
            "emergency_on_call": False,
        }
    )
    store.record_incident({"ref": "INC-3", "resolved_at": resolved, "users_share": 0.05})
    covered = store.save(make_pm("Covered"), incident="INC-3").id

    entries = store.due(now=resolved + dt.timedelta(hours=1))

    missing = [e for e in entries if e.state is DueState.MISSING]
    assert [(e.incident_ref, e.title) for e in missing] == [("INC-1", "Long outage")]
    assert "lasted 45 min" in missing[0].reasons[0]
    assert [i.postmortem_id for i in store.incidents() if i.ref == "INC-3"] == [covered]


def test_recording_an_incident_twice_updates_it(store: Store) -> None:
    store.record_incident({"ref": "INC-9", "duration_minutes": 10})
    store.record_incident({"ref": "INC-9", "title": "DNS", "duration_minutes": 90})

    assert [(i.ref, i.title, i.duration_minutes) for i in store.incidents()] == [("INC-9", "DNS", 90.0)]


def test_stats_count_time_and_follow_up(store: Store, clock: Clock) -> None:
    a = store.save(
        make_pm(
            "A",
            severity="SEV1",
            day=dt.date(2026, 10, 3),
            factors=[("monitoring", "x"), ("process", "y")],
            actions=[action("one", due=dt.date(2026, 11, 1)), action("two", status=ActionStatus.DONE)],
        )
    ).id
    store.save(
        make_pm(
            "B",
            severity="SEV2",
            day=dt.date(2026, 11, 18),
            factors=[("monitoring", "z"), "w"],
            actions=[action("three", due=dt.date(2026, 12, 30)), action("four")],
        )
    )
    store.save(make_pm("C", kind=Kind.PROJECT, severity=None, day=dt.date(2026, 11, 2), factors=[]))
    clock.set(dt.datetime(2026, 10, 4, 12, 0, tzinfo=UTC))  # A resolved Oct 3 14:50: published 21 h later
    store.publish(a)
    store.mark_done(store.actions(owner=None)[-1].id)  # "four"

    result = store.stats(today=dt.date(2026, 11, 27))

    assert result.postmortems == 3
    assert result.by_kind == {"incident": 2, "project": 1}
    assert result.by_severity == {"SEV1": 1, "SEV2": 1, "unknown": 1}
    assert result.by_month == {"2026-10": 1, "2026-11": 2}
    assert result.median_time_to_detect == dt.timedelta(minutes=8)
    assert result.median_time_to_mitigate == dt.timedelta(minutes=30)
    assert result.median_time_to_resolve == dt.timedelta(minutes=50)
    assert (result.published, result.published_on_time, result.published_on_time_share) == (1, 1, 1.0)
    assert (result.action_items, result.action_items_done, result.action_items_overdue) == (4, 2, 1)
    assert result.completion_rate == 0.5
    assert result.factor_categories == [("monitoring", 2), ("process", 1)]
    assert result.uncategorised_factors == 1


def test_stats_of_an_empty_archive(store: Store) -> None:
    result = store.stats()

    assert result.postmortems == 0 and result.by_kind == {}
    assert result.median_time_to_resolve is None
    assert result.published_on_time_share is None and result.completion_rate is None
