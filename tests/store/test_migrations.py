"""Migrations: from empty and from every earlier revision to head; models and migrations agree; an
unmigrated or older database is refused with the command to run."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from afterboard.errors import StoreNotReadyError
from afterboard.store import migrate_store, open_store, schema
from afterboard.store.engine import create
from afterboard.store.url import resolve_url
from afterboard.store.versioning import include_object, migrate, scripts
from store.store_factory import make_pm


def _revisions() -> list[str]:
    return [s.revision for s in reversed(list(scripts().walk_revisions()))]


def _differences(url: str, metadata: sa.MetaData) -> list[object]:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = create(resolve_url(url))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"include_object": include_object, "compare_type": True}
            )
            return list(compare_metadata(context, metadata))
    finally:
        engine.dispose()


def test_migrations_are_named_and_form_one_line() -> None:
    revisions = _revisions()
    assert revisions == sorted(revisions)
    assert revisions[0] == "0001"
    assert scripts().get_heads() == [revisions[-1]]


def test_upgrade_from_empty_reaches_head_and_applies_everything(db_url: str) -> None:
    result = migrate_store(db_url)

    assert result.before is None
    assert result.applied == tuple(_revisions())
    assert migrate_store(db_url).applied == ()


@pytest.mark.parametrize("start", _revisions()[:-1])
def test_upgrade_from_every_earlier_revision_keeps_data(db_url: str, start: str) -> None:
    engine = create(resolve_url(db_url))
    migrate(engine, target=start)
    with engine.begin() as conn:  # a post-mortem written by the older version
        conn.execute(
            sa.text(
                "INSERT INTO postmortems (id, title, kind, status, current_revision, visibility, created_at, "
                "updated_at) VALUES (1, 'Old outage', 'incident', 'draft', 1, 'team', :t, :t)"
            ),
            {"t": "2026-01-01 00:00:00"},
        )
        conn.execute(
            sa.text(
                "INSERT INTO search_text (postmortem_id, title, body) VALUES (1, 'Old outage', 'disk full')"
            )
        )
    engine.dispose()

    result = migrate_store(db_url)

    assert result.before == start
    assert result.after == _revisions()[-1]
    store = open_store(db_url)
    try:
        assert [hit.id for hit in store.search("disk")] == [1]
    finally:
        store.close()


def test_models_and_migrations_agree(db_url: str) -> None:
    migrate_store(db_url)

    assert _differences(db_url, schema.metadata) == []


def test_the_agreement_check_sees_a_column_missing_from_the_migrations(db_url: str) -> None:
    migrate_store(db_url)
    changed = sa.MetaData(naming_convention=schema.NAMING)
    for table in schema.metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["postmortems"].append_column(sa.Column("owner_team", sa.Text))

    differences = _differences(db_url, changed)

    assert [d[0] for d in differences if isinstance(d, tuple)] == ["add_column"]


def test_an_empty_database_is_refused_with_the_command_to_run(db_url: str) -> None:
    engine = create(resolve_url(db_url))
    with engine.connect() as conn:  # the database exists (the SQLite file is made) but has no tables
        conn.execute(sa.text("SELECT 1"))
    engine.dispose()

    with pytest.raises(StoreNotReadyError, match="no tables yet; run `afterboard migrate`"):
        open_store(db_url)


def test_an_older_database_is_refused_with_the_command_to_run(db_url: str) -> None:
    engine = create(resolve_url(db_url))
    migrate(engine, target=_revisions()[0])
    engine.dispose()

    with pytest.raises(StoreNotReadyError, match=r"at migration 0001, older than .*run `afterboard migrate`"):
        open_store(db_url)


def test_a_missing_sqlite_file_is_not_created_by_opening(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "archive.db"

    with pytest.raises(StoreNotReadyError, match="run `afterboard migrate --db"):
        open_store(str(path))
    assert not path.exists()
    migrate_store(str(path))
    open_store(str(path)).close()
    assert path.exists()


def test_a_saved_postmortem_survives_reopening(db_url: str) -> None:
    migrate_store(db_url)
    store = open_store(db_url)
    saved = store.save(make_pm())
    store.close()

    again = open_store(db_url)
    try:
        assert again.get(saved.id).postmortem == make_pm()
    finally:
        again.close()
