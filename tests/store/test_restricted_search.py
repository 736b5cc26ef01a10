"""A restricted post-mortem must not change which visible post-mortems someone not named on it finds.

Search and "similar" rank only the newest matches (`CANDIDATES`, `SIMILAR_CANDIDATES`); if a restricted
match counted towards that window it would push a visible one out, and an author could learn whether the
restricted post-mortem contains a word by watching their own post-mortem disappear. The windows are made
small here so that a handful of post-mortems fill them; on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from afterboard.store import search, search_rows, search_sqlite
from afterboard.store.records import Hit, Role, Viewer
from afterboard.store.store import Store
from store.store_factory import make_pm

WINDOW = 3
AUTHOR = Viewer(name="mal@example.com", role=Role.AUTHOR)
CAUSE = "a zeppelin credential leaked from the quartermaster vault"


@pytest.fixture
def small_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_sqlite, "CANDIDATES", WINDOW)
    monkeypatch.setattr(search_rows, "CANDIDATES", WINDOW)
    monkeypatch.setattr(search, "SIMILAR_CANDIDATES", WINDOW)


def _ids(found: list[Hit]) -> list[int]:
    return sorted(h.id for h in found)


def _before_and_after_a_restricted_match(store: Store, ask: Callable[[Store], list[Hit]]) -> None:
    """The author's own post-mortem and others fill the window exactly; then an admin adds a newer,
    restricted post-mortem that matches too: what the author finds must not change."""
    author = store.as_viewer(AUTHOR)
    canary = author.save(make_pm("canaryqq zeppelin notes", cause=CAUSE, factors=())).id
    for n in range(WINDOW - 1):
        author.save(make_pm(f"zeppelin filler {n}", cause=CAUSE, factors=()))
    before = _ids(ask(author))
    assert canary in before and len(before) == WINDOW

    secret = store.save(make_pm("Zeppelin key compromise", cause=CAUSE, factors=())).id
    store.set_access(secret, "restricted", ["nia@example.com"])

    assert _ids(ask(author)) == before
    assert secret in _ids(ask(store)), "the admin still finds it (the window is not simply empty)"


@pytest.mark.usefixtures("small_windows")
def test_a_restricted_match_does_not_push_a_visible_one_out_of_search(store: Store) -> None:
    _before_and_after_a_restricted_match(store, lambda s: s.search("zeppelin"))


@pytest.mark.usefixtures("small_windows")
def test_a_restricted_match_does_not_push_a_visible_one_out_of_similar(store: Store) -> None:
    draft = make_pm("New incident", cause="the zeppelin quartermaster credential again", factors=())
    _before_and_after_a_restricted_match(store, lambda s: s.similar(draft, limit=10))


@pytest.mark.usefixtures("small_windows")
def test_a_restricted_match_does_not_push_a_visible_one_out_of_a_common_word_search(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite a word in most post-mortems takes the "common terms" path, with its own window."""
    if store.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL has one search path, tested above.")
    monkeypatch.setattr(search_sqlite, "COMMON_FLOOR", 1)
    _before_and_after_a_restricted_match(store, lambda s: s.search("zeppelin"))


def test_a_restricted_match_does_not_make_a_word_common_for_others(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite a word in more than COMMON_FLOOR post-mortems stops ranking and the newest come first;
    counting a restricted match would flip that, and change which post-mortem comes out on top."""
    if store.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL reads how common a word is from the planner's statistics.")
    monkeypatch.setattr(search_sqlite, "COMMON_FLOOR", 2)
    author = store.as_viewer(AUTHOR)
    best = author.save(make_pm("zeppelin zeppelin outage", cause=CAUSE, factors=())).id
    author.save(make_pm("Newer outage", cause=CAUSE, factors=()))
    assert [h.id for h in author.search("zeppelin", limit=1)] == [best]

    secret = store.save(make_pm("Key compromise", cause=CAUSE, factors=())).id
    store.set_access(secret, "restricted", ["nia@example.com"])

    assert [h.id for h in author.search("zeppelin", limit=1)] == [best]
