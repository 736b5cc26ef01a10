"""Restricted post-mortems in the query layer: for anyone not named (and not an admin) a restricted
post-mortem does not exist — not in search, similar, stats, due, actions and their exports, incidents,
attachments or snaps — while the people named and admins see it; on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from afterboard.board import Board
from afterboard.errors import NotFoundError, PermissionDeniedError
from afterboard.postmortem import Status
from afterboard.store import incidents
from afterboard.store.exports import export
from afterboard.store.records import Role, Viewer
from afterboard.store.store import Store
from store.store_factory import action, make_pm

SECRET_CAUSE = "the hsm signing quorum was bypassed through a forgotten zeppelin credential"
VIEWER = Viewer(name="vic@example.com", role=Role.VIEWER)
AUTHOR = Viewer(name="ann@example.com", role=Role.AUTHOR)
NAMED = Viewer(name="nia@example.com", role=Role.VIEWER)
ADMIN = Viewer(name="ada@example.com", role=Role.ADMIN)
OTHERS = (VIEWER, AUTHOR)
ALLOWED = (NAMED, ADMIN)


@pytest.fixture
def archive(store: Store) -> tuple[Store, int, int]:
    """A team post-mortem and a restricted one (named: nia), each with an action item, a file, a snap."""
    team = store.save(
        make_pm("Checkout outage", actions=[action("Add a canary", owner="sam", due=dt.date(2026, 11, 1))])
    ).id
    secret = store.save(
        make_pm(
            "Zeppelin key compromise",
            cause=SECRET_CAUSE,
            factors=[("security", "zeppelin credential never rotated")],
            actions=[action("Rotate every zeppelin credential", owner="sam", due=dt.date(2026, 11, 1))],
            severity="SEV0",
        )
    ).id
    store.record_incident({"ref": "INC-9", "title": "Zeppelin keys", "postmortem_id": secret})
    store.set_access(secret, "restricted", ["Nia@Example.com"])
    return store, team, secret


def _as(store: Store, viewer: Viewer) -> Store:
    return store.as_viewer(viewer)


@pytest.mark.parametrize("viewer", OTHERS, ids=lambda v: v.role.value)
def test_others_cannot_find_a_restricted_postmortem_anywhere(
    archive: tuple[Store, int, int], viewer: Viewer
) -> None:
    store, team, secret = archive
    seen = _as(store, viewer)

    assert [h.id for h in seen.search("")] == [team]
    assert seen.search("zeppelin") == []
    assert seen.search("", _filters(severity="SEV0")) == []
    assert seen.similar(make_pm("New", cause=SECRET_CAUSE, factors=())) == []
    assert seen.visible_ids([team, secret]) == {team}
    assert [a.postmortem_id for a in seen.actions()] == [team]
    assert [a.postmortem_id for a in seen.open_actions_page(limit=9).items] == [team]
    assert "zeppelin" not in export(seen.actions(), "csv").lower()
    assert all(d.postmortem_id != secret for d in seen.due())
    assert [i.ref for i in seen.incidents()] == []
    numbers = seen.stats()
    assert numbers.postmortems == 1
    assert numbers.by_severity == {"SEV2": 1}
    assert numbers.action_items == 1
    assert dict(numbers.factor_categories) == {}


@pytest.mark.parametrize("viewer", OTHERS, ids=lambda v: v.role.value)
def test_a_restricted_postmortem_by_id_is_missing_with_the_missing_sentence(
    archive: tuple[Store, int, int], viewer: Viewer
) -> None:
    store, _team, secret = archive
    seen = _as(store, viewer)
    missing = secret + 100
    calls = {
        "get": seen.get,
        "history": seen.history,
        "status history": seen.status_history,
        "attachments": seen.attachments,
        "last check": seen.last_check,
        "access": seen.access,
        "diff": lambda pm_id: seen.diff(pm_id, 1),
    }
    for name, call in calls.items():
        with pytest.raises(NotFoundError) as restricted:
            call(secret)
        with pytest.raises(NotFoundError) as absent:
            call(missing)
        assert _no_digits(restricted.value) == _no_digits(absent.value), name
    assert seen.snap_for(secret) is None


def test_others_cannot_change_a_restricted_postmortem(archive: tuple[Store, int, int]) -> None:
    store, _team, secret = archive
    author = _as(store, AUTHOR)
    item = store.actions(postmortem_id=secret)[0]

    with pytest.raises(NotFoundError):
        author.save(make_pm("Overwritten"), id=secret)
    with pytest.raises(NotFoundError):
        author.set_status(secret, Status.PUBLISHED)
    with pytest.raises(NotFoundError):
        author.mark_done(item.id)
    with pytest.raises(NotFoundError):
        author.attach(secret, b"notes", role="notes", filename="n.md")
    assert store.get(secret).revision == 1


def test_files_and_photos_of_a_restricted_postmortem_are_missing_to_others(
    archive: tuple[Store, int, int],
) -> None:
    store, _team, secret = archive
    attached = store.attach(secret, b"secret notes", role="notes", filename="notes.md")
    snap = store.add_snap(b"photo bytes", filename="board.jpg", actor="ada@example.com")
    store.claim_snap(snap.id)
    store.finish_snap(snap.id, Board(), b"annotated bytes")
    store.link_snap(snap.id, secret)

    for viewer in OTHERS:
        seen = _as(store, viewer)
        with pytest.raises(NotFoundError, match=f"There is no attachment {attached.id} in the archive"):
            seen.read_attachment(attached.id)
        with pytest.raises(NotFoundError, match=f"There is no snap {snap.id}"):
            seen.snap(snap.id)
        with pytest.raises(NotFoundError):
            seen.snap_photo(snap)
    for viewer in ALLOWED:
        seen = _as(store, viewer)
        assert seen.read_attachment(attached.id)[1] == b"secret notes"
        assert seen.snap_photo(seen.snap(snap.id), annotated=True) == b"annotated bytes"


@pytest.mark.parametrize("viewer", ALLOWED, ids=lambda v: v.role.value)
def test_named_people_and_admins_see_it_everywhere(archive: tuple[Store, int, int], viewer: Viewer) -> None:
    store, team, secret = archive
    seen = _as(store, viewer)

    assert {h.id for h in seen.search("")} == {team, secret}
    assert [h.id for h in seen.search("zeppelin")] == [secret]
    assert [h.id for h in seen.similar(make_pm("New", cause=SECRET_CAUSE, factors=()))] == [secret]
    assert seen.stats().postmortems == 2
    assert {a.postmortem_id for a in seen.actions()} == {team, secret}
    assert seen.get(secret).postmortem.title == "Zeppelin key compromise"
    assert seen.access(secret) == ("restricted", ["nia@example.com"])
    assert [i.ref for i in seen.incidents()] == ["INC-9"]


def test_an_unread_snap_is_its_uploaders_until_it_is_drafted(store: Store) -> None:
    uploaded = _as(store, AUTHOR).add_snap(b"photo", filename="board.jpg")

    assert uploaded.actor == AUTHOR.name
    assert _as(store, AUTHOR).snap(uploaded.id).id == uploaded.id
    assert store.snap(uploaded.id).id == uploaded.id  # the local admin
    with pytest.raises(NotFoundError):
        _as(store, VIEWER).snap(uploaded.id)


def test_opening_it_to_the_team_again_shows_it_to_everyone(archive: tuple[Store, int, int]) -> None:
    store, _team, secret = archive

    assert store.set_access(secret, "team") == ("team", [])
    assert [h.id for h in _as(store, VIEWER).search("zeppelin")] == [secret]


def test_only_admins_change_access_and_only_authors_write(archive: tuple[Store, int, int]) -> None:
    store, team, secret = archive

    with pytest.raises(PermissionDeniedError, match="Only admins"):
        _as(store, NAMED).set_access(secret, "team")
    with pytest.raises(PermissionDeniedError, match="Only admins"):
        _as(store, AUTHOR).set_access(team, "restricted", ["ann@example.com"])
    with pytest.raises(PermissionDeniedError, match="authors and admins"):
        _as(store, VIEWER).save(make_pm("From a viewer"))
    with pytest.raises(PermissionDeniedError):
        _as(store, NAMED).set_status(secret, Status.PUBLISHED)


def test_a_signed_in_person_is_recorded_as_themselves(store: Store) -> None:
    author = _as(store, AUTHOR)
    saved = author.save(make_pm(actions=[action("Add a canary")]), actor="someone else")
    author.publish(saved.id, actor="someone else")
    item = author.actions(postmortem_id=saved.id)[0]
    author.mark_done(item.id)

    assert [r.actor for r in store.history(saved.id)] == [AUTHOR.name]
    assert [c.actor for c in store.status_history(saved.id)][-1] == AUTHOR.name
    assert set(_action_change_actors(store, item.id)) == {AUTHOR.name}


def _action_change_actors(store: Store, item_id: int) -> list[str | None]:
    import sqlalchemy as sa

    from afterboard.store import schema as t

    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(t.action_item_changes.c.actor).where(t.action_item_changes.c.action_item_id == item_id)
        )
        return [row.actor for row in rows]


def _filters(**values: object) -> object:
    from afterboard.store.records import Filters

    return Filters.model_validate(values)


def _no_digits(exc: BaseException) -> str:
    return re.sub(r"\d+", "N", str(exc))


def test_incidents_of_a_restricted_postmortem_are_missing_to_others_and_cannot_be_taken_over(
    archive: tuple[Store, int, int],
) -> None:
    """Recording an incident, linking one and reading one back answer only what the viewer may see: an
    author may not link an incident to a restricted post-mortem (missing, as an unused id), nor read,
    change or re-link an incident recorded for one."""
    store, _team, secret = archive
    author = _as(store, AUTHOR)
    missing = 10 * secret + 7

    with pytest.raises(NotFoundError) as hidden:
        author.record_incident({"ref": "INC-10", "title": "Probe", "postmortem_id": secret})
    with pytest.raises(NotFoundError) as unused:
        author.record_incident({"ref": "INC-10", "title": "Probe", "postmortem_id": missing})
    assert _no_digits(hidden.value) == _no_digits(unused.value)
    with pytest.raises(PermissionDeniedError, match="ask an admin"):
        author.record_incident({"ref": "INC-9", "title": "Overwritten"})
    with pytest.raises(PermissionDeniedError, match="ask an admin"):
        author.save(make_pm("Taking INC-9 over"), incident="INC-9")
    with store.engine.connect() as conn, pytest.raises(NotFoundError) as read:
        incidents.get_incident(conn, "INC-9", viewer=AUTHOR)
    assert str(read.value) == "There is no incident 'INC-9' in the archive."

    kept = {i.ref: i for i in store.incidents()}
    assert (kept["INC-9"].title, kept["INC-9"].postmortem_id) == ("Zeppelin keys", secret)
    assert "INC-10" not in kept
    assert [h.title for h in author.search("Taking")] == []
    assert author.record_incident({"ref": "INC-11", "title": "Open"}).title == "Open"
    with store.engine.connect() as conn:
        assert incidents.get_incident(conn, "INC-9", viewer=NAMED).postmortem_id == secret
