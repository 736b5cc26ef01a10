"""Assertions and file helpers for tests (import with `from helpers import ...`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def assert_one_clear_line(stderr: str, *fragments: str) -> None:
    """A user-facing error: one line, no traceback, naming what went wrong."""
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    for fragment in fragments:
        assert fragment in lines[0], stderr


def assert_golden(expected: Path, actual: str, *, update: bool) -> None:
    """`actual` equals the golden file; with --update-golden it is written for review. A missing golden file
    fails (a skip would let CI pass with nothing compared)."""
    import pytest

    if update:
        write(expected, actual)
        pytest.skip(f"wrote {expected}; review it")
    assert expected.exists(), f"{expected} is missing; run pytest --update-golden and review it"
    assert actual == expected.read_text(encoding="utf-8")


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@contextmanager
def fresh_pg_database(server: str, prefix: str) -> Iterator[str]:
    """A new, empty database on the PostgreSQL at `server` (a SQLAlchemy URL), dropped on exit; skips the
    test with the server's own reason when it cannot be reached."""
    import os
    import uuid

    import pytest
    import sqlalchemy as sa

    from afterboard.store.url import resolve_url

    admin = sa.create_engine(resolve_url(server), isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except sa.exc.OperationalError as exc:
        admin.dispose()
        pytest.skip(f"PostgreSQL at {server} is unreachable: {str(exc.orig).strip().splitlines()[0]}")
    url = sa.engine.make_url(resolve_url(server)).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
