"""The team's job queue: snap jobs deferred to procrastinate on the archive's own PostgreSQL (no other
service), read by `afterboard worker` processes on any number of machines (`worker.py`).

The photo and the job's state stay in the snap row, exactly as with the local queue; procrastinate only
carries "read snap N" to some worker, retries it with backoff when it raises, and notices (by heartbeat)
a worker that died holding it. Each job has a queueing lock of its snap, so a snap is never waiting twice,
and a lock of its snap, so two jobs for one snap never run at once; the snap row's claim fences the rest.
"""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING, Any

from afterboard.errors import ConfigError, StoreError, StoreNotReadyError
from afterboard.store.snaps import MAX_ATTEMPTS
from afterboard.store.url import redact, resolve_url

if TYPE_CHECKING:
    import procrastinate

    from afterboard.settings import Settings
    from afterboard.store.store import Store

log = logging.getLogger("afterboard.queue")

TASK = "afterboard.read_snap"
QUEUE = "snaps"
RUNTIME = "afterboard"
"""The key of the worker's runtime (store, readers) in procrastinate's job context."""


def conninfo(settings: Settings) -> str:
    """The libpq address of the PostgreSQL archive; ConfigError in one sentence for any other archive."""
    url = resolve_url(None, settings=settings)
    if not url.startswith("postgresql+psycopg://"):
        raise ConfigError(
            f"The procrastinate queue keeps its jobs in a PostgreSQL archive, and the archive is "
            f'{redact(url)}; set database_url to a postgresql:// URL or use queue = "local".'
        )
    return "postgresql://" + url.removeprefix("postgresql+psycopg://")


def build_app(settings: Settings, *, sync: bool) -> procrastinate.App:
    """A procrastinate app over the archive with the snap task; `sync` for the web (defers only)."""
    try:
        import procrastinate
    except ImportError:
        raise ConfigError(
            "The procrastinate queue needs the team extra; install it with pip install 'afterboard[team]'."
        ) from None

    address = conninfo(settings)
    connector = (
        procrastinate.SyncPsycopgConnector(conninfo=address, min_size=1, max_size=4)
        if sync
        else procrastinate.PsycopgConnector(conninfo=address)
    )
    app = procrastinate.App(connector=connector)
    if not sync:
        from afterboard.web.held_jobs import HeldJobManager

        # a worker presumed dead that finishes late must not end the job another worker now runs
        app.job_manager = HeldJobManager(connector)
    # A photo that raised is tried again after 2 s, then 4 s; the snap row counts every attempt (dead
    # workers included) and fails the snap with the reason at MAX_ATTEMPTS, so this bound is only a backstop.
    retry = procrastinate.RetryStrategy(max_attempts=MAX_ATTEMPTS, exponential_wait=2)
    app.task(name=TASK, queue=QUEUE, pass_context=True, retry=retry)(_read_snap_job)
    return app


def defer(app: procrastinate.App, snap_id: int) -> None:
    """Queue the job that reads snap `snap_id`, unless one is already waiting for it."""
    from procrastinate.exceptions import AlreadyEnqueued

    with contextlib.suppress(AlreadyEnqueued):
        _deferrer(app, snap_id).defer(snap_id=snap_id)


async def defer_async(app: procrastinate.App, snap_id: int) -> None:
    from procrastinate.exceptions import AlreadyEnqueued

    with contextlib.suppress(AlreadyEnqueued):
        await _deferrer(app, snap_id).defer_async(snap_id=snap_id)


def _deferrer(app: procrastinate.App, snap_id: int) -> procrastinate.jobs.JobDeferrer:
    lock = f"snap-{snap_id}"
    return app.configure_task(TASK, lock=lock, queueing_lock=lock)


def install_schema(settings: Settings) -> bool:
    """Create procrastinate's tables in the archive unless they exist; whether it created them."""
    if has_schema(settings):
        return False
    app = build_app(settings, sync=True)
    with app.open():
        app.schema_manager.apply_schema()
    return True


def check_schema(settings: Settings) -> None:
    """StoreNotReadyError in one sentence when the archive has no job queue tables yet."""
    if not has_schema(settings):
        raise StoreNotReadyError(
            f"The archive at {redact(conninfo(settings))} has no job queue tables yet; run "
            "`afterboard migrate` with AFTERBOARD_QUEUE=procrastinate to create them."
        )


def has_schema(settings: Settings) -> bool:
    import psycopg

    address = conninfo(settings)
    try:
        with psycopg.connect(address, autocommit=True) as conn:
            row = conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(f"Cannot reach the archive at {redact(address)} ({reason}).") from None
    return row is not None and row[0] is not None


class ProcrastinateQueue:
    """The web side of the team queue: `enqueue` defers a job; the web process reads no photos itself."""

    def __init__(self, store: Store, settings: Settings) -> None:
        check_schema(settings)  # when the app is made, so that `afterboard serve` says it in one sentence
        self.store = store
        self.app = build_app(settings, sync=True)
        self._open = False

    def enqueue(self, snap_id: int) -> None:
        try:
            defer(self.app, snap_id)
        except Exception as exc:  # the photo is safe in the archive; a worker's sweep queues it later
            log.warning("snap %d: could not queue the job now (%s); a worker will find it", snap_id, exc)

    def start(self) -> None:
        if not self._open:
            self.app.open()
            self._open = True

    def stop(self) -> None:
        if self._open:
            self.app.close()
            self._open = False


def _read_snap_job(context: Any, snap_id: int) -> None:
    """The procrastinate task: hand the snap to this worker process's runtime (`worker.Runtime`)."""
    runtime = context.additional_context[RUNTIME]
    runtime.read(snap_id)
