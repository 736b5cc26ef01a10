"""Reading uploaded photos outside the request: the `JobQueue` interface and the local worker thread.

Routes only call `enqueue(snap_id)`. The upload and the job's state live in the archive's snap row
(`store/snaps.py`), which routes read through the store as the person asking may see it, so a reload or a
restart of the server loses nothing: on start the local worker queues again whatever a stopped worker was
reading. The distributed queue (`team_queue.py`: procrastinate on the archive's PostgreSQL, with
`afterboard worker` on other machines) implements the same Protocol: its `enqueue` defers a task that calls
`read_snap` with the same arguments.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from afterboard.errors import AfterboardError, ConfigError
from afterboard.store.records import Snap

if TYPE_CHECKING:
    from afterboard.ingest.photo import PhotoReader
    from afterboard.settings import Settings
    from afterboard.store.store import Store

log = logging.getLogger("afterboard.web")

IDLE_POLL_SECONDS = 5.0
"""How often an idle worker looks for work it was not told about (another process queued it)."""


class JobQueue(Protocol):
    def enqueue(self, snap_id: int) -> None:
        """Have the snap read soon; returns at once."""

    def start(self) -> None:
        """Begin taking work (the app calls it on start-up)."""

    def stop(self) -> None:
        """Finish the photo in hand and stop (the app calls it on shutdown)."""


def read_snap(store: Store, snap: Snap, reader: PhotoReader, settings: Settings) -> Snap:
    """Read a claimed snap's photo into a board and an annotated photo, or fail it with one sentence; the
    readings the team corrected in earlier reviews are corrected again (`team_vocabulary.recall`).

    Both outcomes are kept only while this claim holds (`snap.attempts` is the fence): a worker that was
    presumed dead and whose snap was claimed again gets ClaimLostError instead of overwriting the result.
    """
    from afterboard.ingest.annotate import annotated_jpeg
    from afterboard.team_vocabulary import recall

    photo = store.snap_photo(snap)
    with tempfile.TemporaryDirectory(prefix="afterboard-snap-") as folder:
        # a private folder of its own; the name is the uploader's, reduced to safe characters, so the draft
        # says which photo each note came from
        path = Path(folder) / _reading_name(snap.filename, photo)
        path.write_bytes(photo)
        # read once a photo (it scans the team's post-mortems), as the archive stands when the job starts
        team = store.team_vocabulary()
        try:
            result = reader.read_full(path, today=snap.today, words=team.words)
        except AfterboardError as exc:
            return store.fail_snap(snap.id, str(exc).replace(str(path), snap.filename), attempt=snap.attempts)
        board, _ = recall(result.board, team)
        image = annotated_jpeg(result.photo, board, low_confidence=settings.low_confidence)
    return store.finish_snap(snap.id, board, image, attempt=snap.attempts)


def reader_factory(settings: Settings) -> Callable[[], PhotoReader]:
    """What makes the photo reader: the `photo_reader` setting's factory, else the bundled OCR engine."""
    if settings.photo_reader is None:
        return partial(default_reader, settings)
    import importlib

    module_name, _, name = settings.photo_reader.partition(":")
    try:
        factory = getattr(importlib.import_module(module_name), name)
    except (ImportError, AttributeError, ValueError):
        raise ConfigError(
            f"Setting 'photo_reader' names '{settings.photo_reader}', which cannot be imported; "
            "give it as module:function."
        ) from None
    made: Callable[[], PhotoReader] = factory
    return made


def default_reader(settings: Settings | None = None) -> PhotoReader:
    from afterboard.ingest.headers import vocabulary_for
    from afterboard.ingest.photo import PhotoReader

    reader = PhotoReader(vocabulary=vocabulary_for(settings.board_sections if settings else {}))
    _ = reader.vision  # load the OCR engine now, in the worker, not on the first photo's clock
    return reader


class LocalQueue:
    """One worker thread in the server process, reading one photo at a time with one loaded OCR engine."""

    def __init__(
        self, store: Store, settings: Settings, reader: Callable[[], PhotoReader], *, threaded: bool = True
    ) -> None:
        """`threaded=False` starts no thread: `drain()` then does the work (tests, benchmarks)."""
        self.store = store
        self.threaded = threaded
        self.settings = settings
        self._make_reader = reader
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def enqueue(self, snap_id: int) -> None:
        self._wake.set()

    def start(self) -> None:
        if self._thread is not None:
            return
        requeued = self.store.requeue_snaps()
        if requeued:
            log.info("queued again %d photo(s) a stopped worker was reading", requeued)
        if not self.threaded:
            return
        self._thread = threading.Thread(target=self._run, name="afterboard-worker", daemon=True)
        self._thread.start()
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=60)
            self._thread = None

    def drain(self) -> None:
        """Read every queued snap now, in the calling thread (for tests and benchmarks without a thread)."""
        reader = self._make_reader()
        while (snap := self.store.claim_snap()) is not None:
            read_snap(self.store, snap, reader, self.settings)

    def _run(self) -> None:
        reader: PhotoReader | None = None
        while not self._stopping.is_set():
            self._wake.wait(IDLE_POLL_SECONDS)
            self._wake.clear()
            while not self._stopping.is_set():
                try:
                    snap = self.store.claim_snap()
                    if snap is None:
                        break
                    reader = reader or self._make_reader()
                    self._read(snap, reader)
                except AfterboardError as exc:  # the archive is busy or unreachable: try again later
                    log.warning("worker: %s", exc)
                    break
                except Exception:  # a bug must not end the only reading thread: uploads would wait forever
                    log.exception("worker: unexpected error; trying again in %s s", IDLE_POLL_SECONDS)
                    break

    def _read(self, snap: Snap, reader: PhotoReader) -> None:
        try:
            read_snap(self.store, snap, reader, self.settings)
        except AfterboardError:
            raise
        except Exception as exc:  # a bug while reading one photo fails that photo, not the worker
            log.exception("worker: snap %d", snap.id)
            self.store.fail_snap(snap.id, internal_error(exc), attempt=snap.attempts)


def internal_error(exc: BaseException) -> str:
    """The sentence its author sees when reading a photo failed on a bug rather than on the photo."""
    return f"Reading this photo failed with an internal error ({type(exc).__name__}: {exc}); report it."


def _reading_name(filename: str, data: bytes) -> str:
    from afterboard.web.uploads import detect_type, display_name

    stem = display_name(filename).rsplit(".", 1)[0] or "photo"
    return f"{stem}.{detect_type(data) or 'jpg'}"
