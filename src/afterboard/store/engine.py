"""Connecting: one engine per store, SQLite tuned for a file many processes share, errors made sentences.

SQLite runs in WAL mode (readers never block the writer) with `synchronous=FULL` (a committed revision
survives a power cut, not only a killed process), foreign keys on, and a 10-second busy timeout. Write
transactions start with `BEGIN IMMEDIATE`, so two processes saving at once queue for the lock instead of
one failing half-way with a deadlock; past the timeout the loser gets `StoreBusyError`, retryable.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from afterboard.errors import StoreBusyError, StoreError
from afterboard.store.url import redact, sqlite_path

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

BUSY_TIMEOUT_MS = 10_000
WRITE = "afterboard_write"
"""Execution option that makes a SQLite transaction start with BEGIN IMMEDIATE."""


def create(url: str) -> Engine:
    """An engine for `url` (already resolved by `url.resolve_url`)."""
    import sqlalchemy as sa

    if sqlite_path(url) is None and url.startswith("sqlite"):
        return _sqlite(sa.create_engine(url, poolclass=sa.pool.StaticPool))
    if url.startswith("sqlite"):
        return _sqlite(sa.create_engine(url))
    try:
        return sa.create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError:
        raise StoreError("PostgreSQL needs the psycopg driver: pip install 'afterboard[postgres]'.") from None


def _sqlite(engine: Engine) -> Engine:
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # let SQLAlchemy's "begin" event, below, decide how each transaction starts
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def translated(url: str) -> Iterator[None]:
    """Turn driver errors into one-sentence `StoreError`s that name the database."""
    from sqlalchemy import exc

    try:
        yield
    except exc.OperationalError as error:
        raise _operational(error, url) from None
    except exc.DBAPIError as error:
        if _is_contention(error):
            raise _busy(url) from None
        raise


def _operational(error: Any, url: str) -> StoreError:
    if _is_contention(error):
        return _busy(url)
    detail = str(getattr(error, "orig", error)).strip().splitlines()[0]
    return StoreError(f"Cannot use the archive at {redact(url)}: {detail}.")


def _is_contention(error: Any) -> bool:
    original = getattr(error, "orig", None)
    text = str(original).lower()
    if "database is locked" in text or "database table is locked" in text:
        return True
    # PostgreSQL: serialization_failure, deadlock_detected, lock_not_available
    return getattr(original, "sqlstate", None) in {"40001", "40P01", "55P03"}


def _busy(url: str) -> StoreBusyError:
    return StoreBusyError(
        f"The archive at {redact(url)} is busy with another save; nothing was written, try again."
    )
