"""Action items as rows: kept in step with revisions, filtered, marked done, exported for trackers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
import sqlalchemy as sa

from afterboard.errors import NotFoundError
from afterboard.postmortem import ActionStatus
from afterboard.store.exports import export
from afterboard.store.store import Store
from store.store_factory import action, make_pm

TODAY = dt.date(2026, 11, 27)


def _items(store: Store, **filters: object) -> list[tuple[str, str | None, ActionStatus]]:
    return [(a.text, a.owner, a.status) for a in store.actions(today=TODAY, **filters)]  # type: ignore[arg-type]


def test_items_become_rows_with_owner_due_and_status(store: Store) -> None:
    store.save(
        make_pm(
            actions=[
                action("Add canary for config pushes", "@Ana", dt.date(2026, 12, 5)),
                action("Alert on error rate per region"),
            ]
        )
    )

    items = store.actions(today=TODAY)

    assert [(a.text, a.owner, a.due, a.status) for a in items] == [
        ("Add canary for config pushes", "Ana", dt.date(2026, 12, 5), ActionStatus.OPEN),
        ("Alert on error rate per region", None, None, ActionStatus.OPEN),
    ]
    assert items[0].postmortem_title == "Checkout outage"


def test_marking_done_is_kept_when_a_later_revision_still_says_open(store: Store) -> None:
    pm = make_pm(actions=[action("Add canary", "ana"), action("Add review step", "bob")])
    saved = store.save(pm)
    first = store.actions()[0]

    done = store.mark_done(first.id, actor="ana")
    store.save(make_pm("Checkout outage (edited)", actions=pm.action_items), id=saved.id)

    assert done.status is ActionStatus.DONE and done.done_at is not None
    assert _items(store, open_only=False) == [
        ("Add canary", "ana", ActionStatus.DONE),
        ("Add review step", "bob", ActionStatus.OPEN),
    ]
    assert _items(store, open_only=True) == [("Add review step", "bob", ActionStatus.OPEN)]


def test_a_document_that_says_done_closes_the_item(store: Store) -> None:
    saved = store.save(make_pm(actions=[action("Add canary", "ana")]))

    store.save(make_pm(actions=[action("Add canary", "ana", status=ActionStatus.DONE)]), id=saved.id)

    assert _items(store) == [("Add canary", "ana", ActionStatus.DONE)]


def test_an_edited_item_keeps_its_row_and_a_dropped_item_leaves_the_list(store: Store, db_url: str) -> None:
    saved = store.save(make_pm(actions=[action("Add canary", "ana"), action("Write runbook", "bob")]))
    canary_id = store.actions()[0].id
    store.mark_action(canary_id, link="https://tracker.example/ENG-1")

    store.save(make_pm(actions=[action("Add a canary stage for config pushes", "ana")]), id=saved.id)

    items = store.actions()
    assert [(a.id, a.text, a.link) for a in items] == [
        (canary_id, "Add a canary stage for config pushes", "https://tracker.example/ENG-1")
    ]
    engine = sa.create_engine(store.url)
    with engine.connect() as conn:
        removed = conn.execute(
            sa.text("SELECT text, removed_in_revision FROM action_items WHERE text = 'Write runbook'")
        )
        assert removed.all() == [("Write runbook", 2)]
        changes = conn.execute(
            sa.text(
                "SELECT field, old_value, new_value FROM action_item_changes "
                "WHERE action_item_id = :i ORDER BY id"
            ),
            {"i": canary_id},
        ).all()
    engine.dispose()
    assert [c[0] for c in changes] == ["created", "link", "text"]
    assert changes[2][1:] == ("Add canary", "Add a canary stage for config pushes")


def test_filters_by_owner_and_overdue(store: Store) -> None:
    store.save(
        make_pm(
            actions=[
                action("Past due", "ana", dt.date(2026, 11, 20)),
                action("Due later", "ana", dt.date(2026, 12, 20)),
                action("Bob's", "@bob", dt.date(2026, 11, 1)),
            ]
        )
    )
    store.mark_done(store.actions(owner="bob")[0].id)

    assert [a.text for a in store.actions(owner="@ANA", today=TODAY)] == ["Past due", "Due later"]
    assert [a.text for a in store.actions(overdue=True, today=TODAY)] == ["Past due"]
    assert store.actions(owner="bob", open_only=True) == []


def test_the_dashboard_page_is_the_first_open_items_by_due_with_the_whole_lists_counts(store: Store) -> None:
    store.save(
        make_pm(
            actions=[
                action("Later", "ana", dt.date(2026, 12, 20)),
                action("No date", "ana"),
                action("Late", "ana", dt.date(2026, 11, 20)),
                action("Later still", "bob", dt.date(2027, 1, 5)),
                action("Very late", "bob", dt.date(2026, 11, 1)),
            ]
        )
    )
    store.mark_done(store.actions(owner="bob")[0].id)  # 'Very late' is done: not listed, not counted

    first = store.open_actions_page(today=TODAY, limit=2)
    everything = store.open_actions_page(today=TODAY, limit=200)

    assert [a.text for a in first.items] == ["Late", "Later"]
    assert (first.total, first.late) == (4, 1)
    assert [a.text for a in everything.items] == ["Late", "Later", "Later still", "No date"]
    assert [
        a.text for a in store.open_actions_page(owner="@Ana", overdue=True, today=TODAY, limit=9).items
    ] == ["Late"]
    assert store.open_actions_page(owner="nobody", today=TODAY, limit=9).total == 0


def test_marking_an_unknown_item_is_a_clear_error(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no action item 42"):
        store.mark_done(42)


def _sample(store: Store) -> list:  # type: ignore[type-arg]
    store.save(
        make_pm(
            actions=[
                action("Add canary for config pushes", "ana", dt.date(2026, 12, 5)),
                action("Add review step", None, None, ActionStatus.DONE),
            ]
        )
    )
    return store.actions(open_only=False)


def test_jira_export_has_the_csv_importer_columns(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export(_sample(store), "jira"))))

    assert list(rows[0]) == [
        "Summary",
        "Description",
        "Issue Type",
        "Assignee",
        "Due Date",
        "Priority",
        "Labels",
        "Status",
    ]
    assert (rows[0]["Summary"], rows[0]["Assignee"], rows[0]["Due Date"], rows[0]["Status"]) == (
        "Add canary for config pushes",
        "ana",
        "2026-12-05",
        "To Do",
    )
    assert rows[1]["Status"] == "Done"
    assert "Checkout outage" in rows[0]["Description"]


def test_github_export_is_a_list_of_create_issue_bodies(store: Store) -> None:
    issues = json.loads(export(_sample(store), "github"))

    assert issues[0]["title"] == "Add canary for config pushes"
    assert issues[0]["assignees"] == ["ana"]
    assert issues[0]["labels"] == ["postmortem"]
    assert "Due: 2026-12-05" in issues[0]["body"]
    assert set(issues[1]) == {"title", "body", "assignees", "labels"} and issues[1]["assignees"] == []


def test_linear_export_has_the_csv_importer_columns(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export(_sample(store), "linear"))))

    assert list(rows[0]) == ["Title", "Description", "Priority", "Status", "Assignee", "Labels"]
    assert (rows[0]["Status"], rows[1]["Status"], rows[0]["Priority"]) == ("Todo", "Done", "No priority")


def test_plain_csv_and_json_exports_round_trip_every_field(store: Store) -> None:
    items = _sample(store)

    rows = list(csv.DictReader(io.StringIO(export(items, "csv"))))
    data = json.loads(export(items, "json"))

    assert [r["text"] for r in rows] == [a.text for a in items]
    assert data[0]["due"] == "2026-12-05" and data[0]["postmortem_id"] == items[0].postmortem_id
