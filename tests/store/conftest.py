"""Store fixtures: every test runs on a real SQLite file and, when AFTERBOARD_TEST_DATABASE_URL is set, on the
real PostgreSQL too, each in a database (or schema) of its own that is dropped afterwards."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from afterboard.store import migrate_store, open_store
from afterboard.store.store import Store
from helpers import fresh_pg_database
from store.store_factory import Clock

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A database of this test session's own on the PostgreSQL server, dropped at the end of the session."""
    server = os.environ.get("AFTERBOARD_TEST_DATABASE_URL")
    if not server:
        pytest.skip("AFTERBOARD_TEST_DATABASE_URL is not set; PostgreSQL tests are skipped.")
    with fresh_pg_database(server, "afterboard_test") as url:
        yield url


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a new SQLite file, or a new schema in the session's PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'archive.db'}"
        return
    base: str = request.getfixturevalue("pg_database")
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    # every connection of this test works in its own schema
    yield f"{base}?options=-csearch_path%3D{schema}"
    with engine.connect() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    engine.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC))


@pytest.fixture
def store(db_url: str, clock: Clock) -> Iterator[Store]:
    """A migrated, empty archive."""
    migrate_store(db_url)
    opened = open_store(db_url, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def reopen(db_url: str, clock: Clock) -> Iterator[Callable[[], Store]]:
    """Open the same archive again, as another process would."""
    opened: list[Store] = []

    def make() -> Store:
        opened.append(open_store(db_url, clock=clock))
        return opened[-1]

    yield make
    for s in opened:
        s.close()
