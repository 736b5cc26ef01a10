"""`afterboard worker`'s engine: takes snap jobs from the team queue (`team_queue.py`), reads each photo
with an OCR engine loaded once, and looks after the jobs of workers that died.

Failure handling, in one place:
- a bad photo (an AfterboardError from the reader) fails its snap at once, with the reader's sentence;
- a job that raises anything else puts its snap back and raises, so procrastinate retries it with backoff;
  at the last attempt the snap fails with the reason instead;
- a worker killed mid-job stops sending heartbeats; the sweep (every worker runs one, one at a time) puts
  its snap back (or fails it, after MAX_ATTEMPTS claims) and has procrastinate retry its job elsewhere;
- a snap that is queued but has no job (the web could not reach procrastinate) gets one from the sweep;
- a snap left running with no job (its last attempt could not put it back) is settled and queued again.
The snap row's claim is the fence: whatever a presumed-dead worker does later is refused by the archive.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import queue
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from afterboard.errors import AfterboardError
from afterboard.store.records import SnapStatus
from afterboard.store.snaps import MAX_ATTEMPTS, ClaimLostError
from afterboard.web.jobs import internal_error, read_snap
from afterboard.web.team_queue import QUEUE, RUNTIME, TASK, build_app, conninfo, defer_async

if TYPE_CHECKING:
    import procrastinate

    from afterboard.ingest.photo import PhotoReader
    from afterboard.settings import Settings
    from afterboard.store.store import Store

log = logging.getLogger("afterboard.worker")

SWEEP_LOCK = 0x61667462  # "aftb": one sweeping worker at a time, across machines
STALLED_AFTER = 30.0
"""Seconds without a heartbeat after which a worker is presumed dead and its photo is read elsewhere."""


class Runtime:
    """What the jobs of one worker process share: the archive, the settings and the loaded readers."""

    def __init__(self, store: Store, settings: Settings, make_reader: Callable[[], PhotoReader]) -> None:
        self.store = store
        self.settings = settings
        self._make_reader = make_reader
        # one reader per concurrent job, each loaded once and reused: the OCR engine is not shared
        # between threads
        self._idle: queue.SimpleQueue[PhotoReader] = queue.SimpleQueue()

    def warm_up(self) -> None:
        """Load the first OCR engine before taking jobs, so the first photo does not pay for it."""
        self._idle.put(self._make_reader())

    @contextmanager
    def _reader(self) -> Iterator[PhotoReader]:
        try:
            reader = self._idle.get_nowait()
        except queue.Empty:
            reader = self._make_reader()
        try:
            yield reader
        finally:
            self._idle.put(reader)

    def read(self, snap_id: int) -> None:
        """Read snap `snap_id` if it is waiting; raises (to be retried) when reading fails on a bug."""
        snap = self.store.claim_snap(snap_id)
        if snap is None:
            log.info("snap %d: not waiting (%s), nothing to do", snap_id, self.store.snap(snap_id).status)
            return
        log.info("snap %d: reading %s (attempt %d)", snap.id, snap.filename, snap.attempts)
        try:
            with self._reader() as reader:
                done = read_snap(self.store, snap, reader, self.settings)
        except ClaimLostError as exc:
            log.warning("snap %d: %s", snap.id, exc)
            return
        except Exception as exc:
            self._after_error(snap.id, snap.attempts, exc)
            raise
        # the fence accepted this attempt's result: this line is written once per snap
        log.info("snap %d: %s (attempt %d)", snap.id, done.status.value, snap.attempts)

    def _after_error(self, snap_id: int, attempt: int, exc: Exception) -> None:
        """Fail the snap with the reason at the last attempt; otherwise put it back for the retry."""
        try:
            if attempt >= MAX_ATTEMPTS:
                self.store.fail_snap(snap_id, internal_error(exc), attempt=attempt)
                log.error("snap %d: failed after %d attempts: %s", snap_id, attempt, exc)
            else:
                self.store.release_snap(snap_id, attempt=attempt)
                log.warning("snap %d: attempt %d failed (%s); it will be retried", snap_id, attempt, exc)
        except ClaimLostError as lost:
            log.warning("snap %d: %s", snap_id, lost)


async def sweep(app: procrastinate.App, runtime: Runtime, *, stalled_after: float) -> None:
    """Retry the jobs of dead workers, and settle and queue again any snap left without a job."""
    import psycopg

    async with await psycopg.AsyncConnection.connect(conninfo(runtime.settings), autocommit=True) as conn:
        if conn.info.server_version >= 140000:
            # a worker frozen mid-sweep (paused, swapping) would keep the lock from every other worker, and
            # then nobody would settle its snap: the server ends the idle session, and the lock with it
            timeout = str(int(stalled_after * 1000))
            await conn.execute("SELECT set_config('idle_session_timeout', %s, false)", (timeout,))
        got = await (await conn.execute("SELECT pg_try_advisory_lock(%s)", (SWEEP_LOCK,))).fetchone()
        if not got or not got[0]:
            return  # another worker is sweeping right now
        try:
            for job in await app.job_manager.get_stalled_jobs(
                task_name=TASK, seconds_since_heartbeat=stalled_after
            ):
                snap_id = int(str(job.task_kwargs["snap_id"]))
                snap = await asyncio.to_thread(runtime.store.settle_stalled_snap, snap_id)
                log.warning("snap %d: its worker stopped answering; now %s", snap_id, snap.status.value)
                await app.job_manager.retry_job(job)
            cutoff = runtime.store.clock() - dt.timedelta(seconds=stalled_after)
            for snap_id, attempt in await asyncio.to_thread(_jobless, runtime, "running", cutoff=cutoff):
                snap = await asyncio.to_thread(runtime.store.settle_stalled_snap, snap_id, attempt=attempt)
                log.warning("snap %d: running without a job to finish it; now %s", snap_id, snap.status.value)
                if snap.status is SnapStatus.QUEUED:
                    await defer_async(app, snap_id)
            for snap_id, _attempt in await asyncio.to_thread(_jobless, runtime, "queued", cutoff=cutoff):
                log.warning("snap %d: queued without a job; queueing it", snap_id)
                await defer_async(app, snap_id)
        finally:
            await conn.execute("SELECT pg_advisory_unlock(%s)", (SWEEP_LOCK,))


def _jobless(runtime: Runtime, status: str, *, cutoff: dt.datetime) -> list[tuple[int, int]]:
    """Snaps (and their attempt) in `status` since before `cutoff` that no waiting or running job will
    read or finish: queued while the web could not reach the queue, or running when the job was lost (its
    last attempt could not put the snap back, or it was finished by a worker presumed dead)."""
    import sqlalchemy as sa

    query = sa.text(
        "SELECT s.id, s.attempts FROM snaps s WHERE s.status = :status AND s.updated_at < :cutoff"
        " AND NOT EXISTS (SELECT 1 FROM procrastinate_jobs j WHERE j.task_name = :task"
        " AND j.status IN ('todo', 'doing') AND (j.args->>'snap_id')::int = s.id) ORDER BY s.id"
    )
    values = {"status": status, "cutoff": cutoff, "task": TASK}
    with runtime.store.engine.connect() as conn:
        return [(int(i), int(a)) for i, a in conn.execute(query, values).all()]


async def _sweep_forever(app: procrastinate.App, runtime: Runtime, *, stalled_after: float) -> None:
    while True:
        try:
            await sweep(app, runtime, stalled_after=stalled_after)
        except (AfterboardError, OSError, LookupError) as exc:
            log.warning("sweep: %s", exc)
        except Exception:  # the sweep must outlive a bad moment of the database
            log.exception("sweep failed")
        await asyncio.sleep(stalled_after / 3)


def run(
    runtime: Runtime, *, concurrency: int, stalled_after: float = STALLED_AFTER, name: str | None = None
) -> None:
    """Take jobs until SIGTERM or SIGINT, then finish the photos in hand and return."""
    from procrastinate.worker import Worker

    app = build_app(runtime.settings, sync=False)

    async def main() -> None:
        async with app.open_async():
            worker = Worker(
                app,
                queues=[QUEUE],
                name=name or f"{socket.gethostname()}-worker",
                concurrency=concurrency,
                additional_context={RUNTIME: runtime},
                update_heartbeat_interval=stalled_after / 3,
                stalled_worker_timeout=stalled_after,
                install_signal_handlers=True,
                # the snap row keeps the outcome; failed jobs stay in procrastinate's table for a look
                delete_jobs="successful",
            )
            helpers = [
                asyncio.create_task(_sweep_forever(app, runtime, stalled_after=stalled_after)),
                asyncio.create_task(_heartbeat(app, worker, every=stalled_after / 3)),
            ]
            try:
                await worker.run()  # type: ignore[no-untyped-call]  # procrastinate leaves it untyped
            finally:
                for helper in helpers:
                    helper.cancel()

    asyncio.run(main())


async def _heartbeat(app: procrastinate.App, worker: procrastinate.worker.Worker, *, every: float) -> None:
    """procrastinate stops its own heartbeat before it waits for the jobs in hand on SIGTERM; beat until the
    worker is gone, so that no other worker takes a photo this one is still finishing."""
    while True:
        await asyncio.sleep(every)
        if worker.worker_id is not None:
            try:
                await app.job_manager.update_heartbeat(worker.worker_id)
            except Exception as exc:  # procrastinate's own heartbeat reports a lasting problem
                log.warning("heartbeat: %s", exc)
