"""Full-text search with filters, and similar past post-mortems, on both engines."""

from __future__ import annotations

import datetime as dt

import pytest

from afterboard.postmortem import Kind, Status
from afterboard.store.records import Filters
from afterboard.store.search import fts5_query, similar_terms
from afterboard.store.store import Store
from store.store_factory import action, make_pm


@pytest.fixture
def archive(store: Store) -> dict[str, int]:
    """Four post-mortems with different causes, kinds, severities, dates, owners and tags."""
    ids = {
        "cert": store.save(
            make_pm(
                "Login outage",
                cause="the TLS certificate expired because renewal was manual",
                factors=[("process", "no alert on certificate expiry")],
                actions=[action("Automate certificate renewal", "ana")],
                severity="SEV1",
                day=dt.date(2026, 3, 2),
                tags=["auth", "tls"],
            )
        ).id,
        "config": store.save(
            make_pm(
                "Checkout outage",
                cause="a config change with no review step reached production",
                factors=[("tooling", "no canary for config pushes")],
                actions=[action("Add canary for config pushes", "bob")],
                day=dt.date(2026, 6, 10),
                tags=["payments"],
            )
        ).id,
        "disk": store.save(
            make_pm(
                "Search degraded",
                cause="the database disk filled up because log rotation failed",
                factors=[("monitoring", "disk usage alerts were muted")],
                actions=[action("Alert on disk usage above 80%", "ana")],
                severity="SEV3",
                day=dt.date(2026, 9, 1),
            )
        ).id,
        "project": store.save(
            make_pm(
                "Mobile app launch",
                cause="scope grew after the design freeze",
                factors=["late design changes"],
                kind=Kind.PROJECT,
                severity=None,
                day=dt.date(2026, 10, 5),
            )
        ).id,
    }
    store.publish(ids["disk"])
    return ids


def _ids(hits: list) -> list[int]:  # type: ignore[type-arg]
    return [h.id for h in hits]


def test_search_finds_words_anywhere_in_the_document(store: Store, archive: dict[str, int]) -> None:
    assert _ids(store.search("certificate")) == [archive["cert"]]
    assert _ids(store.search("canary")) == [archive["config"]]


def test_search_matches_other_forms_of_a_word(store: Store, archive: dict[str, int]) -> None:
    assert _ids(store.search("expiring certificates")) == [archive["cert"]]
    assert _ids(store.search("rotations")) == [archive["disk"]]


def test_search_takes_phrases_or_and_exclusions(store: Store, archive: dict[str, int]) -> None:
    assert _ids(store.search('"config pushes"')) == [archive["config"]]
    assert _ids(store.search('"pushes config"')) == []
    assert sorted(_ids(store.search("certificate OR canary"))) == sorted([archive["cert"], archive["config"]])
    assert _ids(store.search("outage -login")) == [archive["config"]]


def test_search_ranks_a_title_match_first(store: Store, archive: dict[str, int]) -> None:
    hits = store.search("outage")

    assert set(_ids(hits)) == {archive["cert"], archive["config"]}
    assert hits[0].score >= hits[1].score
    assert hits[0].snippet


@pytest.mark.parametrize("query", ['"', "(", "AND", "NOT", "*", 'x"y', "NEAR(a b)", "-", "💥", "a:b", "^x"])
def test_any_typed_query_is_safe(store: Store, archive: dict[str, int], query: str) -> None:
    assert isinstance(store.search(query), list)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(kind=Kind.PROJECT), ["project"]),
        (Filters(severity="sev1"), ["cert"]),
        (Filters(status=Status.PUBLISHED), ["disk"]),
        (Filters(since=dt.date(2026, 6, 1), until=dt.date(2026, 9, 30)), ["disk", "config"]),
        (Filters(owner="@ana"), ["disk", "cert"]),
        (Filters(tag="TLS"), ["cert"]),
        (Filters(owner="ana", severity="SEV3"), ["disk"]),
    ],
)
def test_filters_narrow_the_list(
    store: Store, archive: dict[str, int], filters: Filters, expected: list[str]
) -> None:
    assert _ids(store.search("", filters)) == [archive[name] for name in expected]


def test_filters_combine_with_a_query(store: Store, archive: dict[str, int]) -> None:
    assert set(_ids(store.search("alert", Filters(owner="ana")))) == {archive["cert"], archive["disk"]}
    assert _ids(store.search("alert", Filters(severity="SEV1"))) == [archive["cert"]]


def test_similar_ranks_the_postmortem_with_the_same_cause_first(
    store: Store, archive: dict[str, int]
) -> None:
    draft = make_pm(
        "API gateway outage",
        cause="an expired certificate on the gateway; renewal is still manual",
        factors=["nobody was alerted before the certificate expired"],
    )

    hits = store.similar(draft, limit=3)

    assert hits[0].id == archive["cert"]


def test_similar_leaves_out_the_postmortem_itself(store: Store, archive: dict[str, int]) -> None:
    own = store.get(archive["disk"]).postmortem

    assert archive["disk"] not in _ids(store.similar(own, exclude=archive["disk"]))
    assert _ids(store.similar(own))[0] == archive["disk"]


def test_similar_finds_nothing_for_an_unrelated_draft(store: Store, archive: dict[str, int]) -> None:
    assert (
        store.similar(make_pm("Kitchen flood", cause="a pipe burst", factors=["old plumbing"]), limit=3) == []
    )


def test_search_follows_the_latest_revision(store: Store, archive: dict[str, int]) -> None:
    store.save(make_pm("Checkout outage", cause="a feature flag default flipped"), id=archive["config"])

    assert _ids(store.search("flag")) == [archive["config"]]
    assert _ids(store.search("review step")) == []


@pytest.mark.parametrize(
    ("typed", "fts"),
    [
        ("disk full", '"disk" AND "full"'),
        ('"config push" OR canary', '("config push" OR "canary")'),
        ("outage -login", '"outage" NOT "login"'),
        ("cert*", '"cert"*'),
        ('"" ( )', None),
    ],
)
def test_typed_queries_become_fts5_syntax(typed: str, fts: str | None) -> None:
    assert fts5_query(typed) == fts


def test_similar_leaves_out_words_most_postmortems_share(store: Store) -> None:
    store.save_many(
        make_pm(f"Outage {i}", cause=f"the outage came from widget{i} failing", factors=[]) for i in range(40)
    )
    store.save(make_pm("Outage of the gizmo", cause="the gizmo quota was exhausted", factors=[]))
    if store.engine.dialect.name == "postgresql":
        with store.engine.begin() as conn:  # the statistics PostgreSQL keeps anyway (autovacuum)
            conn.exec_driver_sql("ANALYZE")
    draft = make_pm("Outage again", cause="the outage came from the gizmo quota", factors=[])

    with store.engine.connect() as conn:
        chosen = similar_terms(conn, draft)

    assert not any(term.startswith("outag") for term in chosen)
    assert any(term.startswith("gizmo") for term in chosen)
    assert store.get(store.similar(draft, limit=1)[0].id).postmortem.title == "Outage of the gizmo"


def test_a_query_matching_very_many_ranks_the_newest_candidates(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from afterboard.store import search_rows, search_sqlite

    oldest = store.save(make_pm("Disk disk disk", cause="disk full")).id
    newer = [store.save(make_pm(f"Outage {i}", cause="the disk filled up")).id for i in range(5)]
    monkeypatch.setattr(search_sqlite, "CANDIDATES", 3)
    monkeypatch.setattr(search_rows, "CANDIDATES", 3)

    hits = store.search("disk")

    assert oldest not in _ids(hits)
    assert set(_ids(hits)) <= set(newer)
    assert len(hits) == 3


def test_words_in_most_postmortems_narrow_but_do_not_rank(store: Store) -> None:
    best = store.save(make_pm("Gizmo quota outage", cause="the gizmo quota ran out during the outage")).id
    other = store.save(make_pm("Latency spike", cause="a slow gizmo made the outage longer")).id
    plain = [store.save(make_pm(f"Outage {i}", cause="the outage had no clear cause")).id for i in range(25)]

    ranked = store.search("outage gizmo")
    newest_first = store.search("outage", limit=5)

    assert _ids(ranked) == [best, other]
    assert ranked[0].score > ranked[1].score > 0
    assert "[outage]" in newest_first[0].snippet.lower()
    if store.engine.dialect.name == "sqlite":  # PostgreSQL's ts_rank_cd has no document frequencies to skip
        assert _ids(newest_first) == plain[::-1][:5]
