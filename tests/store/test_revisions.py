"""Saving keeps every revision; history, diff and status changes are recorded with who and when."""

from __future__ import annotations

import pytest

from afterboard.errors import NotFoundError, StoreError
from afterboard.postmortem import Status
from afterboard.store.store import Store
from store.store_factory import make_pm


def test_first_save_creates_postmortem_with_revision_one(store: Store) -> None:
    saved = store.save(make_pm(), actor="ana")

    assert (saved.revision, saved.created, saved.changed) == (1, True, True)
    stored = store.get(saved.id)
    assert stored.postmortem.title == "Checkout outage"
    assert stored.status is Status.DRAFT
    assert stored.latest_revision == 1


def test_edit_adds_a_revision_and_every_earlier_one_stays_readable(store: Store) -> None:
    first = store.save(make_pm("Checkout outage"), actor="ana")
    second = store.save(make_pm("Checkout outage on Friday"), id=first.id, actor="bob", message="title")
    third = store.save(make_pm("Checkout outage on Friday 20 Nov"), id=first.id, actor="cy")

    assert (second.revision, third.revision) == (2, 3)
    assert not second.created
    assert store.get(first.id, 1).postmortem.title == "Checkout outage"
    assert store.get(first.id, 2).postmortem.title == "Checkout outage on Friday"
    assert store.get(first.id).postmortem.title == "Checkout outage on Friday 20 Nov"
    history = store.history(first.id)
    assert [(r.number, r.actor, r.message) for r in history] == [
        (1, "ana", None),
        (2, "bob", "title"),
        (3, "cy", None),
    ]
    assert history[0].created_at < history[1].created_at < history[2].created_at
    assert len({r.sha256 for r in history}) == 3


def test_saving_an_identical_document_adds_no_revision(store: Store) -> None:
    first = store.save(make_pm())
    again = store.save(make_pm(), id=first.id)

    assert (again.revision, again.changed) == (1, False)
    assert len(store.history(first.id)) == 1


def test_diff_shows_the_changed_lines_between_two_revisions(store: Store) -> None:
    first = store.save(make_pm(cause="a config change with no review step reached production"))
    store.save(make_pm(cause="the config linter was skipped for hotfixes"), id=first.id)

    diff = store.diff(first.id, 1, 2)

    assert "-" in diff and "+" in diff
    removed = [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert any("no review step" in line for line in removed)
    assert any("linter was skipped" in line for line in added)
    assert store.diff(first.id, 2, 2) == ""


def test_missing_postmortem_or_revision_is_a_clear_error(store: Store) -> None:
    saved = store.save(make_pm())

    with pytest.raises(NotFoundError, match="no post-mortem 999"):
        store.get(999)
    with pytest.raises(NotFoundError, match="has no revision 5; it has revisions 1 to 1"):
        store.get(saved.id, 5)
    with pytest.raises(NotFoundError):
        store.save(make_pm(), id=999)


def test_status_moves_draft_to_review_to_published_with_actor_and_time(store: Store) -> None:
    saved = store.save(make_pm(), actor="ana")

    review = store.set_status(saved.id, Status.IN_REVIEW, actor="ana")
    published = store.publish(saved.id, actor="lead")

    assert (review.from_status, review.to_status) == (Status.DRAFT, Status.IN_REVIEW)
    changes = store.status_history(saved.id)
    assert [(c.from_status, c.to_status, c.actor) for c in changes] == [
        (None, Status.DRAFT, "ana"),
        (Status.DRAFT, Status.IN_REVIEW, "ana"),
        (Status.IN_REVIEW, Status.PUBLISHED, "lead"),
    ]
    stored = store.get(saved.id)
    assert stored.status is Status.PUBLISHED
    assert stored.postmortem.status is Status.PUBLISHED
    assert stored.published_at == published.at


def test_published_postmortem_cannot_become_a_draft_and_republishing_keeps_first_date(store: Store) -> None:
    saved = store.save(make_pm())
    first = store.publish(saved.id)

    with pytest.raises(StoreError, match="cannot become draft"):
        store.set_status(saved.id, Status.DRAFT)
    with pytest.raises(StoreError, match="already published"):
        store.publish(saved.id)
    store.set_status(saved.id, Status.IN_REVIEW)
    store.publish(saved.id)
    assert store.get(saved.id).published_at == first.at


def test_a_new_revision_keeps_the_archive_status(store: Store) -> None:
    saved = store.save(make_pm())
    store.publish(saved.id)

    store.save(make_pm("Checkout outage (corrected)"), id=saved.id)

    assert store.get(saved.id).status is Status.PUBLISHED


def test_save_many_imports_in_batches_and_each_is_searchable(store: Store) -> None:
    documents = [make_pm(f"Outage {i}", cause=f"cause number{i}") for i in range(7)]

    saved = store.save_many(documents, actor="import", batch=3)

    assert [s.revision for s in saved] == [1] * 7
    assert len({s.id for s in saved}) == 7
    assert [h.id for h in store.search("number4")] == [saved[4].id]
    assert store.history(saved[6].id)[0].actor == "import"


def test_a_status_change_can_carry_the_time_it_really_happened(store: Store) -> None:
    import datetime as dt

    saved = store.save(make_pm())
    when = dt.datetime(2026, 11, 19, 16, 0, tzinfo=dt.UTC)

    store.publish(saved.id, actor="import", at=when)

    assert store.get(saved.id).published_at == when
    assert store.status_history(saved.id)[-1].at == when


def test_reads_in_one_transaction_see_what_separate_ones_see(store: Store) -> None:
    first = store.save(make_pm("One")).id
    newest = store.newest_revision()
    with store.reading(), store.reading():  # nested: still the one transaction
        assert store.get(first).postmortem.title == "One"
        assert [r.number for r in store.history(first)] == [1]
        assert store.newest_revision() == newest
    second = store.save(make_pm("Two")).id
    assert store.newest_revision() > newest
    assert store.get(second).postmortem.title == "Two"
