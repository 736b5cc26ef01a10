"""Durability: a process killed in the middle of a save leaves every committed revision intact, and two
processes saving at once both succeed (or one is told, retryably, to try again); nothing is half-written."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from afterboard.errors import StoreBusyError
from afterboard.store import engine as store_engine
from afterboard.store import migrate_store, open_store
from store.store_factory import make_pm

WRITER = r"""
import hashlib, sys, time
import sqlalchemy as sa
from afterboard.errors import StoreBusyError
from afterboard.postmortem import Item, PostMortem
from afterboard.store import open_store

url, mode, count, target = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
store = open_store(url)
hang = False

@sa.event.listens_for(store.engine, "after_cursor_execute")
def _pause(conn, cursor, statement, *args):
    # the revision row is written but not committed: the moment to be killed
    if hang and statement.lstrip().upper().startswith("INSERT INTO REVISIONS"):
        print("MIDSAVE", flush=True)
        time.sleep(120)

go = sys.argv[5] if len(sys.argv) > 5 else None
while go and not __import__("os").path.exists(go):
    time.sleep(0.005)
for i in range(count):
    if mode == "hang" and i == count - 1:
        hang = True
    pm = PostMortem(title=f"{mode} {i}", summary=tuple(Item(text=f"line {i}.{n} " * 8) for n in range(40)))
    try:
        saved = store.save(pm, id=target if target else None, actor=mode)
        own = store.save(pm, actor=mode)  # and a post-mortem of its own
    except StoreBusyError as exc:
        print("BUSY", exc, flush=True)
        continue
    digest = hashlib.sha256(pm.model_dump_json().encode()).hexdigest()
    print("COMMITTED", saved.id, saved.revision, own.id, digest, flush=True)
"""


def _writer(
    tmp_path: Path, url: str, mode: str, count: int, target: int, *, go: Path | None = None
) -> subprocess.Popen[str]:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    args = [sys.executable, str(script), url, mode, str(count), str(target)] + ([str(go)] if go else [])
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _committed(lines: list[str]) -> list[tuple[int, int, int, str]]:
    return [
        (int(p[1]), int(p[2]), int(p[3]), p[4])
        for p in (line.split() for line in lines)
        if p[0] == "COMMITTED"
    ]


def test_killed_mid_save_every_committed_revision_is_intact(db_url: str, tmp_path: Path) -> None:
    migrate_store(db_url)
    store = open_store(db_url)
    target = store.save(make_pm()).id
    store.close()
    writer = _writer(tmp_path, db_url, "hang", 8, target)
    assert writer.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = writer.stdout.readline()
        assert line, writer.stderr.read() if writer.stderr else "writer ended early"
        lines.append(line.strip())
        if line.startswith("MIDSAVE"):
            break
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    committed = _committed(lines)
    assert len(committed) == 7

    store = open_store(db_url)
    try:
        history = store.history(target)
        assert [r.number for r in history] == list(range(1, 9))  # 1 + 7 committed, not the killed 9th
        for _id, revision, own, digest in committed:
            assert history[revision - 1].sha256 == digest
            assert store.get(target, revision).postmortem.title == store.get(own).postmortem.title
        assert store.get(target).latest_revision == 8
        assert len(store.search("hang")) == 1 + 7  # the target plus seven of their own, not the 8th
        assert store.save(make_pm("After the crash"), id=target).revision == 9
        if db_url.startswith("sqlite"):
            engine = sa.create_engine(db_url)
            with engine.connect() as conn:
                assert conn.execute(sa.text("PRAGMA integrity_check")).scalar_one() == "ok"
                conn.execute(sa.text("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')"))
            engine.dispose()
    finally:
        store.close()


def test_two_processes_saving_at_once_both_succeed_and_nothing_is_half_written(
    db_url: str, tmp_path: Path
) -> None:
    migrate_store(db_url)
    store = open_store(db_url)
    target = store.save(make_pm()).id
    store.close()
    go = tmp_path / "go"
    writers = [_writer(tmp_path, db_url, name, 15, target, go=go) for name in ("first", "second")]
    time.sleep(1.0)  # both have started and opened the archive
    go.touch()
    outputs = [w.communicate(timeout=300) for w in writers]

    assert [w.returncode for w in writers] == [0, 0], [err for _out, err in outputs]
    lines = [line for out, _err in outputs for line in out.splitlines()]
    busy = [line for line in lines if line.startswith("BUSY")]
    assert all("try again" in line for line in busy)
    committed = _committed(lines)
    assert len(committed) + len(busy) == 30
    store = open_store(db_url)
    try:
        history = store.history(target)
        assert [r.number for r in history] == list(range(1, 2 + len(committed)))
        recorded = {r.number: r.sha256 for r in history}
        assert all(recorded[revision] == digest for _id, revision, _own, digest in committed)
        own_ids = {own for _id, _rev, own, _digest in committed}
        assert len(own_ids) == len(committed)
        for own in own_ids:
            assert store.get(own).latest_revision == 1
    finally:
        store.close()


def test_a_locked_sqlite_archive_gives_a_retryable_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "archive.db"
    migrate_store(str(path))
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 50)
    store = open_store(str(path))
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process holds the write lock longer than the store waits
    try:
        with pytest.raises(StoreBusyError, match="nothing was written, try again") as caught:
            store.save(make_pm())
        assert caught.value.retryable
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert store.search("") == []
    assert store.save(make_pm()).id == 1  # once the lock is released, the same save goes through
    store.close()
