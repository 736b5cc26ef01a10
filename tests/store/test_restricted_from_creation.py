"""A post-mortem created restricted (`Store.save` / `draft_snap` with `restricted_to`): restricted in the
transaction of its first save, so no one else ever sees it — not in get, search, similar, stats, due,
action items and their exports, attachments or its snap — while its author, the people named and admins
do; unknown or disabled names are refused with nothing saved; on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from afterboard.board import Board
from afterboard.errors import InputError, NotFoundError, PermissionDeniedError
from afterboard.postmortem import PostMortem
from afterboard.store import schema as t
from afterboard.store.exports import export
from afterboard.store.records import Role, Viewer
from afterboard.store.store import Store
from store.store_factory import action, make_pm

SECRET_CAUSE = "the hsm signing quorum was bypassed through a forgotten zeppelin credential"
AUTHOR = Viewer(name="ann@example.com", role=Role.AUTHOR)
NAMED = Viewer(name="nia@example.com", role=Role.VIEWER)
VIEWER = Viewer(name="vic@example.com", role=Role.VIEWER)
OTHER_AUTHOR = Viewer(name="bob@example.com", role=Role.AUTHOR)
ADMIN = Viewer(name="ada@example.com", role=Role.ADMIN)
OTHERS = (VIEWER, OTHER_AUTHOR)
ALLOWED = (AUTHOR, NAMED, ADMIN)


@pytest.fixture
def people(store: Store) -> Store:
    for viewer in (*OTHERS, *ALLOWED):
        assert viewer.name is not None
        store.accounts.add(viewer.name, role=viewer.role, password=None)
    store.accounts.add("gone@example.com", role=Role.AUTHOR, password=None)
    store.accounts.disable("gone@example.com")
    return store


def _secret() -> PostMortem:
    return make_pm(
        "Zeppelin key compromise",
        cause=SECRET_CAUSE,
        factors=[("security", "zeppelin credential never rotated")],
        actions=[action("Rotate every zeppelin credential", owner="sam", due=dt.date(2026, 11, 1))],
        severity="SEV0",
    )


def _rows(store: Store) -> tuple[int, int, int]:
    """Post-mortems, revisions and access rows in the archive, whoever may see them."""
    with store.engine.connect() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for table in (t.postmortems, t.revisions, t.postmortem_access)
        )


def test_created_restricted_it_is_never_visible_to_others(people: Store) -> None:
    store = people
    team = store.save(make_pm("Checkout outage", actions=[action("Add a canary", owner="sam")])).id
    secret = store.as_viewer(AUTHOR).save(_secret(), restricted_to=["Nia@Example.com "])
    attached = store.attach(secret.id, b"secret notes", role="notes", filename="notes.md")

    for viewer in OTHERS:
        seen = store.as_viewer(viewer)
        with pytest.raises(NotFoundError, match=f"There is no post-mortem {secret.id} in the archive"):
            seen.get(secret.id)
        with pytest.raises(NotFoundError):
            seen.attachments(secret.id)
        with pytest.raises(NotFoundError, match=f"There is no attachment {attached.id}"):
            seen.read_attachment(attached.id)
        assert [h.id for h in seen.search("")] == [team]
        assert seen.search("zeppelin") == []
        assert seen.similar(make_pm("New", cause=SECRET_CAUSE, factors=())) == []
        assert [a.postmortem_id for a in seen.actions()] == [team]
        assert "zeppelin" not in export(seen.actions(), "csv").lower()
        assert all(d.postmortem_id != secret.id for d in seen.due(now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC)))
        assert seen.stats().postmortems == 1
    for viewer in ALLOWED:
        seen = store.as_viewer(viewer)
        assert seen.get(secret.id).postmortem.title == "Zeppelin key compromise"
        assert [h.id for h in seen.search("zeppelin")] == [secret.id]
        assert seen.stats().postmortems == 2
        assert seen.read_attachment(attached.id)[1] == b"secret notes"
        assert seen.access(secret.id) == ("restricted", ["ann@example.com", "nia@example.com"])
    assert any(d.postmortem_id == secret.id for d in store.due(now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC)))


def test_the_author_alone_when_no_one_else_is_named(people: Store) -> None:
    saved = people.as_viewer(AUTHOR).save(make_pm("Quiet one"), restricted_to=[])

    assert people.access(saved.id) == ("restricted", ["ann@example.com"])
    with pytest.raises(NotFoundError):
        people.as_viewer(NAMED).get(saved.id)


@pytest.mark.parametrize(
    ("names", "sentence"),
    [
        (["nia@example.com", "nobody@example.com"], "nobody@example.com has no active account here"),
        (["gone@example.com"], "gone@example.com has no active account here"),
        (["x@example.com", "y@example.com"], "x@example.com, y@example.com have no active account here"),
        (["two words"], "'two words' is not a usable account name"),
    ],
)
def test_unknown_or_disabled_names_are_refused_and_nothing_is_saved(
    people: Store, names: list[str], sentence: str
) -> None:
    before = _rows(people)

    with pytest.raises(InputError, match=sentence) as refused:
        people.as_viewer(AUTHOR).save(make_pm("Half saved?"), restricted_to=names)
    said = str(refused.value)
    assert said.endswith(".") and ". " not in said and "\n" not in said  # one sentence
    assert _rows(people) == before
    assert people.search("Half") == []


def test_restricting_an_existing_one_is_still_for_admins(people: Store) -> None:
    author = people.as_viewer(AUTHOR)
    mine = author.save(make_pm("Mine"), restricted_to=[])
    open_one = author.save(make_pm("Open"))

    with pytest.raises(InputError, match="Only a new post-mortem can be created restricted"):
        author.save(make_pm("Open, edited"), id=open_one.id, restricted_to=[])
    assert people.access(open_one.id) == ("team", [])
    assert people.get(open_one.id).revision == 1
    with pytest.raises(PermissionDeniedError, match="Only admins"):
        author.set_access(mine.id, "team")
    with pytest.raises(PermissionDeniedError, match="authors and admins"):
        people.as_viewer(VIEWER).save(make_pm("From a viewer"), restricted_to=[])
    assert people.access(mine.id) == ("restricted", ["ann@example.com"])
    assert author.save(make_pm("Mine, revised"), id=mine.id).revision == 2  # the author still edits it


def test_a_snap_drafted_restricted_hides_its_photos_too(people: Store) -> None:
    author = people.as_viewer(AUTHOR)
    snap = author.add_snap(b"photo bytes", filename="board.jpg")
    people.claim_snap(snap.id)
    people.finish_snap(snap.id, Board(), b"annotated bytes")

    saved = author.draft_snap(snap.id, _secret(), message="drafted", restricted_to=["nia@example.com"])

    for viewer in OTHERS:
        seen = people.as_viewer(viewer)
        with pytest.raises(NotFoundError):
            seen.get(saved.id)
        with pytest.raises(NotFoundError, match=f"There is no snap {snap.id}"):
            seen.snap(snap.id)
        assert seen.snap_for(saved.id) is None
    for viewer in ALLOWED:
        seen = people.as_viewer(viewer)
        assert seen.snap_photo(seen.snap(snap.id), annotated=True) == b"annotated bytes"
        assert [f.role for f in seen.attachments(saved.id)] == ["photo", "annotated"]


def test_a_snap_drafted_with_a_bad_name_stays_undrafted(people: Store) -> None:
    author = people.as_viewer(AUTHOR)
    snap = author.add_snap(b"photo bytes", filename="board.jpg")
    people.claim_snap(snap.id)
    people.finish_snap(snap.id, Board(), b"annotated bytes")
    before = _rows(people)

    with pytest.raises(InputError, match="no active account"):
        author.draft_snap(snap.id, _secret(), message="drafted", restricted_to=["nobody@example.com"])
    assert _rows(people) == before
    assert author.snap(snap.id).postmortem_id is None
