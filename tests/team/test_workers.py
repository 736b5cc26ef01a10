"""Two real `afterboard worker` processes on the real PostgreSQL: they drain the queue, survive one of them
being SIGKILLed mid-job, never complete a job twice, retry a job that raises, and fail a bad photo at once."""

from __future__ import annotations

import io
import re
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image

from afterboard.settings import load_settings
from afterboard.store import open_store
from afterboard.store.records import SnapStatus
from afterboard.store.snaps import MAX_ATTEMPTS
from afterboard.store.store import Store
from afterboard.web.team_queue import ProcrastinateQueue
from helpers import assert_one_clear_line
from snap.snap_boards import incident_photo
from team.conftest import Team, wait_for

SETTLED = {SnapStatus.DONE, SnapStatus.FAILED}
COMPLETED = re.compile(r"snap (\d+): (done|failed) \(attempt (\d+)\)")


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "white").save(out, format="PNG")
    return out.getvalue()


@contextmanager
def web_side(team: Team) -> Iterator[tuple[Store, ProcrastinateQueue]]:
    """The archive and the queue as a web process holds them."""
    settings = load_settings(env=team.env)
    store = open_store(settings=settings)
    queue = ProcrastinateQueue(store, settings)
    queue.start()
    try:
        yield store, queue
    finally:
        queue.stop()
        store.close()


def upload(store: Store, queue: ProcrastinateQueue, name: str, data: bytes | None = None) -> int:
    snap = store.add_snap(data if data is not None else png(), filename=name)
    queue.enqueue(snap.id)
    return snap.id


def settled(store: Store, ids: list[int]) -> bool:
    return all(store.snap(i).status in SETTLED for i in ids)


def completions(team: Team) -> Counter[int]:
    """How many times the archive accepted a result for each snap, from every worker's log."""
    found: Counter[int] = Counter()
    for worker in team.workers:
        found.update(int(m.group(1)) for m in COMPLETED.finditer(worker.text()))
    return found


def test_two_workers_drain_fifty_jobs_and_a_killed_workers_job_finishes_once_on_the_other(team: Team) -> None:
    with web_side(team) as (store, queue):
        first, second = team.start_worker(), team.start_worker()
        ids = [upload(store, queue, f"board-{n:02}.png") for n in range(24)]
        slow = upload(store, queue, "slow-board.png")
        ids += [slow] + [upload(store, queue, f"board-{n:02}.png") for n in range(24, 49)]
        assert len(ids) == 50

        wait_for(lambda: store.snap(slow).status is SnapStatus.RUNNING, what="the slow photo to be taken")
        holder = next(w for w in (first, second) if f"snap {slow}: reading" in w.text())
        survivor = second if holder is first else first
        holder.process.send_signal(signal.SIGKILL)
        holder.process.wait(timeout=10)

        wait_for(lambda: settled(store, ids), what="all fifty photos to be read")
        snaps = [store.snap(i) for i in ids]
        assert all(s.status is SnapStatus.DONE for s in snaps), [(s.id, s.status, s.error) for s in snaps]
        assert all(s.board is not None and s.board.notes[0].text.startswith("read ") for s in snaps)
        assert store.snap(slow).attempts == 2  # read again after its worker died
        assert sum(1 for line in team.reads() if "slow-board" in line) == 2
        assert completions(team) == Counter(dict.fromkeys(ids, 1))  # each finished exactly once
        assert f"snap {slow}: done (attempt 2)" in survivor.text()
        assert "its worker stopped answering" in survivor.text()

    survivor.process.send_signal(signal.SIGTERM)
    assert survivor.process.wait(timeout=30) == 0
    assert "worker stopped" in survivor.text()


def test_a_job_that_raises_is_retried_and_then_reported_to_its_author_with_the_reason(team: Team) -> None:
    with web_side(team) as (store, queue):
        team.start_worker()
        flaky = upload(store, queue, "flaky-board.png")
        crash = upload(store, queue, "crash-board.png")
        wait_for(lambda: settled(store, [flaky, crash]), what="the failing photos to settle")

        recovered = store.snap(flaky)
        assert (recovered.status, recovered.attempts) == (SnapStatus.DONE, 2)
        failed = store.snap(crash)
        assert (failed.status, failed.attempts) == (SnapStatus.FAILED, MAX_ATTEMPTS)
        assert failed.error is not None
        assert "the fake reader crashed on purpose" in failed.error
        assert failed.error.endswith("report it.")
        assert sum(1 for line in team.reads() if "crash-board" in line) == MAX_ATTEMPTS


def test_a_bad_photo_fails_at_once_without_retries_and_a_real_photo_is_read_by_the_ocr_engine(
    team: Team, tmp_path: Path
) -> None:
    real = incident_photo(tmp_path).read_bytes()
    with web_side(team) as (store, queue):
        team.start_worker()
        bad = upload(store, queue, "broken.png", png()[:40])
        good = upload(store, queue, "real-board.png", real)
        wait_for(lambda: settled(store, [bad, good]), what="both photos to settle", timeout=300)

        broken = store.snap(bad)
        assert (broken.status, broken.attempts) == (SnapStatus.FAILED, 1)
        assert broken.error is not None and "broken.png" in broken.error
        assert sum(1 for line in team.reads() if "broken" in line) == 1
        read = store.snap(good)
        assert read.status is SnapStatus.DONE, read.error
        assert read.board is not None and len(read.board.notes) >= 3
        assert store.snap_photo(read, annotated=True)[:3] == b"\xff\xd8\xff"


def test_migrate_installs_the_queue_tables_once_and_the_queue_refuses_a_sqlite_archive_in_one_sentence(
    team: Team, tmp_path: Path
) -> None:
    again = subprocess.run(
        [sys.executable, "-m", "afterboard", "migrate"],
        env=team.env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert "The job queue's tables (procrastinate) are in place." in again.stdout
    for command in ("worker", "serve"):
        solo = subprocess.run(
            [sys.executable, "-m", "afterboard", command, "--db", str(tmp_path / "solo.db")],
            env=team.env,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert solo.returncode == 2, solo.stderr
        assert_one_clear_line(solo.stderr, "PostgreSQL archive", "solo.db")


def test_sigterm_lets_a_worker_finish_the_photo_in_hand_before_it_stops(team: Team) -> None:
    team.env["FAKE_SLOW_SECONDS"] = "7"  # longer than --stalled-after: the heartbeat must go on
    with web_side(team) as (store, queue):
        worker = team.start_worker()
        slow = upload(store, queue, "slow-board.png")
        wait_for(lambda: f"snap {slow}: reading" in worker.text(), what="the worker to take the photo")
        worker.process.send_signal(signal.SIGTERM)

        assert worker.process.wait(timeout=60) == 0
        finished = store.snap(slow)
        assert (finished.status, finished.attempts) == (SnapStatus.DONE, 1), worker.text()
        assert f"snap {slow}: done (attempt 1)" in worker.text()
        assert "worker stopped" in worker.text()


def test_a_photo_stored_without_a_job_is_found_by_a_workers_sweep_and_read(team: Team) -> None:
    with web_side(team) as (store, _queue):
        lost = store.add_snap(png(), filename="board.png")  # as if the web could not reach the queue
        worker = team.start_worker()
        wait_for(lambda: store.snap(lost.id).status is SnapStatus.DONE, what="the sweep to queue the photo")
        assert f"snap {lost.id}: queued without a job" in worker.text()
        assert completions(team) == Counter({lost.id: 1})


def test_an_archive_migrated_without_the_queue_is_refused_by_serve_and_worker_with_the_fix(
    team_env: dict[str, str],
) -> None:
    def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "afterboard", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=60)

    assert run("migrate", env={**team_env, "AFTERBOARD_QUEUE": "local"}).returncode == 0
    for command in ("worker", "serve"):
        refused = run(command, env=team_env)
        assert refused.returncode == 2, refused.stderr
        assert_one_clear_line(refused.stderr, "no job queue tables", "AFTERBOARD_QUEUE=procrastinate")
