"""`Store`: the archive's one public object; each method is one transaction over the modules beside it.

Times come from `clock` (a parameter, so tests and imports can set them). A store is opened as a `viewer`
(default: the local admin, as the CLI is); `as_viewer` gives the same archive as a signed-in person, whose
every query leaves out the restricted post-mortems they may not see (`access.py`), whose changes need the
author role, and whose name is recorded as the actor. Every method raises `afterboard.errors` subclasses.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from afterboard.checks.finding import Finding
from afterboard.errors import InputError, PermissionDeniedError
from afterboard.policy import Policy
from afterboard.postmortem import ActionStatus, PostMortem, Status
from afterboard.store import (
    access,
    actions,
    corrections,
    due,
    files,
    findings,
    incidents,
    revisions,
    search,
    snaps,
    stats,
    status,
    vocabulary,
)
from afterboard.store.engine import WRITE, translated
from afterboard.store.records import (
    LOCAL_ADMIN,
    Action,
    ActionChange,
    ActionPage,
    Attachment,
    CheckRecord,
    Correction,
    Due,
    Filters,
    Hit,
    Incident,
    Revision,
    Role,
    Saved,
    Snap,
    StatusChange,
    Stored,
    Viewer,
)
from afterboard.store.stats import Stats

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from afterboard.board import Board
    from afterboard.store.accounts import Accounts
    from afterboard.team_vocabulary import TeamVocabulary

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Store:
    def __init__(
        self,
        engine: Engine,
        *,
        url: str,
        policy: Policy | None = None,
        clock: Clock = utc_now,
        viewer: Viewer = LOCAL_ADMIN,
    ):
        self.engine = engine
        self.url = url
        self.policy = policy or Policy()
        self.clock = clock
        self.viewer = viewer
        self._reading = threading.local()

    def as_viewer(self, viewer: Viewer) -> Store:
        """The same archive (and connection pool) as `viewer` sees it."""
        return Store(self.engine, url=self.url, policy=self.policy, clock=self.clock, viewer=viewer)

    def _actor(self, actor: str | None) -> str | None:
        """A signed-in person is recorded as themselves, whatever the caller says."""
        return self.viewer.name or actor

    # -- post-mortems and revisions -------------------------------------------------------------------
    def save(
        self,
        pm: PostMortem,
        *,
        id: int | None = None,
        actor: str | None = None,
        message: str | None = None,
        incident: str | None = None,
        restricted_to: Sequence[str] | None = None,
    ) -> Saved:
        """Save `pm` as a new post-mortem, or as the next revision of post-mortem `id` (never overwriting).

        An identical document adds no revision (`Saved.changed` is False). `incident` links an incident ref.
        `restricted_to` (a new post-mortem only) makes it visible only to those people, the signed-in author
        and admins, in this same transaction: it is never visible to the team, not for an instant.
        """
        now = self.clock()
        with self._write() as conn:
            if id is not None:
                access.require(conn, self.viewer, id)
                if restricted_to is not None:
                    raise InputError(
                        "Only a new post-mortem can be created restricted; an admin changes who may see "
                        f"post-mortem {id}."
                    )
            saved = revisions.save(
                conn, pm, postmortem_id=id, actor=self._actor(actor), message=message, now=now
            )
            if restricted_to is not None:
                access.restrict_new(conn, saved.id, list(restricted_to), self.viewer.name)
            if incident is not None:
                incidents.link(conn, incident, saved.id, now=now, viewer=self.viewer)
            return saved

    def save_many(
        self, documents: Iterable[PostMortem], *, actor: str | None = None, batch: int = 500
    ) -> list[Saved]:
        """Import new post-mortems, `batch` to a transaction; an interrupted import keeps whole batches."""
        saved: list[Saved] = []
        pending = iter(documents)
        while chunk := list(islice(pending, batch)):
            with self._write() as conn:
                now = self.clock()
                saved += [
                    revisions.save(
                        conn, pm, postmortem_id=None, actor=self._actor(actor), message=None, now=now
                    )
                    for pm in chunk
                ]
        return saved

    def get(self, id: int, revision: int | None = None) -> Stored:
        with self._read() as conn:
            access.require(conn, self.viewer, id)
            return revisions.get(conn, id, revision)

    def history(self, id: int) -> list[Revision]:
        with self._read() as conn:
            access.require(conn, self.viewer, id)
            return revisions.history(conn, id)

    def diff(self, id: int, old: int, new: int | None = None) -> str:
        """Unified diff of revision `old` against `new` (default: the latest), as rendered Markdown."""
        with self._read() as conn:
            access.require(conn, self.viewer, id)
            return revisions.diff(revisions.get(conn, id, old), revisions.get(conn, id, new))

    # -- status ---------------------------------------------------------------------------------------
    def set_status(
        self, id: int, to: Status, *, actor: str | None = None, at: dt.datetime | None = None
    ) -> StatusChange:
        """Move post-mortem `id` to `to`, recorded with `actor` and `at` (default: now; give the real time
        when importing a post-mortem published elsewhere, so `stats` measures it)."""
        with self._write() as conn:
            access.require(conn, self.viewer, id)
            return status.set_status(conn, id, to, actor=self._actor(actor), now=at or self.clock())

    def publish(self, id: int, *, actor: str | None = None, at: dt.datetime | None = None) -> StatusChange:
        return self.set_status(id, Status.PUBLISHED, actor=actor, at=at)

    def status_history(self, id: int) -> list[StatusChange]:
        with self._read() as conn:
            access.require(conn, self.viewer, id)
            return status.status_history(conn, id)

    # -- source files and findings --------------------------------------------------------------------
    def attach(
        self,
        id: int,
        source: Path | bytes,
        *,
        role: str,
        filename: str | None = None,
        revision: int | None = None,
        actor: str | None = None,
    ) -> Attachment:
        """Keep a source file (role: photo, annotated, notes, document, other) with its SHA-256."""
        if isinstance(source, Path):
            data, name = _read_bytes(source), filename or source.name
        else:
            data, name = source, filename or "attachment"
        with self._write() as conn:
            access.require(conn, self.viewer, id)
            return files.attach(
                conn,
                id,
                data,
                filename=name,
                role=role,
                revision=revision,
                actor=self._actor(actor),
                now=self.clock(),
            )

    def attachments(self, id: int) -> list[Attachment]:
        with self._read() as conn:
            access.require(conn, self.viewer, id)
            return files.attachments(conn, id)

    def read_attachment(self, attachment_id: int) -> tuple[Attachment, bytes]:
        """A file and its bytes; a restricted post-mortem's file is missing to those who may not see it."""
        from afterboard.errors import NotFoundError

        with self._read() as conn:
            meta, data = files.read(conn, attachment_id)
            try:
                access.require(conn, self.viewer, meta.postmortem_id)
            except NotFoundError:
                raise NotFoundError(f"There is no attachment {attachment_id} in the archive.") from None
            return meta, data

    def record_findings(
        self,
        id: int,
        found: Sequence[Finding],
        *,
        revision: int | None = None,
    ) -> CheckRecord:
        with self._write() as conn:
            access.require(conn, self.viewer, id)
            return findings.record(conn, id, found, revision=revision, now=self.clock())

    def last_check(self, id: int) -> CheckRecord | None:
        with self._read() as conn:
            access.require(conn, self.viewer, id)
            return findings.last(conn, id)

    # -- search ---------------------------------------------------------------------------------------
    def search(self, query: str = "", filters: Filters | None = None, *, limit: int = 20) -> list[Hit]:
        with self._read() as conn:
            return search.search(conn, query, self._seen(filters), limit=limit)

    def newest_revision(self) -> int:
        """The id of the newest revision in the archive: it changes with every save, so what was computed
        over the archive (a "similar" list) may be kept until it does."""
        with self._read() as conn:
            return revisions.newest(conn)

    def visible_ids(self, ids: Sequence[int]) -> set[int]:
        """Which of `ids` the viewer may see now (a kept list is checked again before it is shown)."""
        with self._read() as conn:
            return access.visible_ids(conn, self.viewer, ids)

    def similar(
        self,
        pm: PostMortem,
        *,
        limit: int = 5,
        exclude: int | None = None,
        filters: Filters | None = None,
    ) -> list[Hit]:
        """Past post-mortems whose root cause and contributing factors read most like `pm`'s."""
        with self._read() as conn:
            return search.similar(conn, pm, limit=limit, exclude=exclude, filters=self._seen(filters))

    def _seen(self, filters: Filters | None) -> Filters:
        """The caller's filters narrowed to what this store's viewer may see (a caller cannot widen it)."""
        return (filters or Filters()).model_copy(update={"viewer": self.viewer})

    # -- action items ---------------------------------------------------------------------------------
    def actions(
        self,
        *,
        owner: str | None = None,
        overdue: bool = False,
        open_only: bool = False,
        postmortem_id: int | None = None,
        today: dt.date | None = None,
    ) -> list[Action]:
        overdue_on = (today or self.clock().date()) if overdue else None
        with self._read() as conn:
            return actions.list_actions(
                conn,
                owner=owner,
                overdue_on=overdue_on,
                open_only=open_only,
                postmortem_id=postmortem_id,
                viewer=self.viewer,
            )

    def open_actions_page(
        self,
        *,
        owner: str | None = None,
        overdue: bool = False,
        today: dt.date | None = None,
        limit: int = 200,
    ) -> ActionPage:
        """The `limit` open items due first (the dashboard), and the counts of the whole list."""
        with self._read() as conn:
            return actions.open_page(
                conn,
                owner=owner,
                overdue=overdue,
                today=today or self.clock().date(),
                limit=limit,
                viewer=self.viewer,
            )

    def mark_action(
        self,
        action_id: int,
        *,
        status: ActionStatus | None = None,
        link: str | None = None,
        actor: str | None = None,
    ) -> Action:
        with self._write() as conn:
            return actions.mark(
                conn,
                action_id,
                status=status,
                link=link,
                actor=self._actor(actor),
                now=self.clock(),
                viewer=self.viewer,
            )

    def action_changes(self, id: int) -> list[ActionChange]:
        """Who changed which of post-mortem `id`'s action items, and how, oldest first."""
        with self._read() as conn:
            access.require(conn, self.viewer, id)
            return actions.changes(conn, id)

    def mark_done(self, action_id: int, *, actor: str | None = None) -> Action:
        return self.mark_action(action_id, status=ActionStatus.DONE, actor=actor)

    # -- snaps: uploaded photos and the jobs that read them ------------------------------------------------
    def add_snap(
        self,
        photo: bytes,
        *,
        filename: str,
        kind: str | None = None,
        today: dt.date | None = None,
        actor: str | None = None,
    ) -> Snap:
        """Keep an uploaded photo, queued to be read (`snaps.py` says how a worker takes it)."""
        with self._write() as conn:
            return snaps.create(
                conn,
                photo,
                filename=filename,
                kind=kind,
                today=today,
                actor=self._actor(actor),
                now=self.clock(),
            )

    def snap(self, snap_id: int) -> Snap:
        """The snap, if this viewer may see it: its uploader until it is drafted, then the draft's readers."""
        with self._read() as conn:
            return snaps.get(conn, snap_id, self.viewer)

    def snap_for(self, postmortem_id: int) -> Snap | None:
        with self._read() as conn:
            return snaps.for_postmortem(conn, postmortem_id, self.viewer)

    def claim_snap(self, snap_id: int | None = None) -> Snap | None:
        with self._write() as conn:
            return snaps.claim(conn, now=self.clock(), snap_id=snap_id)

    def finish_snap(
        self, snap_id: int, board: Board, annotated: bytes, *, attempt: int | None = None
    ) -> Snap:
        """Keep what was read; with `attempt`, only if that claim still holds (else ClaimLostError)."""
        with self._write() as conn:
            return snaps.finish(conn, snap_id, board, annotated, now=self.clock(), attempt=attempt)

    def fail_snap(self, snap_id: int, error: str, *, attempt: int | None = None) -> Snap:
        with self._write() as conn:
            return snaps.fail(conn, snap_id, error, now=self.clock(), attempt=attempt)

    def release_snap(self, snap_id: int, *, attempt: int) -> Snap:
        with self._write() as conn:
            return snaps.release(conn, snap_id, now=self.clock(), attempt=attempt)

    def settle_stalled_snap(self, snap_id: int, *, attempt: int | None = None) -> Snap:
        with self._write() as conn:
            return snaps.settle_stalled(conn, snap_id, now=self.clock(), attempt=attempt)

    def set_snap_board(self, snap_id: int, board: Board, *, actor: str | None = None) -> Snap:
        """Keep a person's review of the notes read, and the corrections in it for the team's vocabulary."""
        now = self.clock()
        with self._write() as conn:
            snaps.get(conn, snap_id, self.viewer)
            snap = snaps.set_board(conn, snap_id, board, now=now)
            corrections.record(conn, snap_id, board, actor=self._actor(actor), now=now)
            return snap

    def corrections(self) -> list[Correction]:
        """The corrections people made in review that the whole team may see, oldest first: each note's
        snap and box (its crop, on `snap_photo`), the engine's reading and the person's text."""
        with self._read() as conn:
            return corrections.team_corrections(conn)

    def team_vocabulary(self) -> TeamVocabulary:
        """The team's names, services, words and review corrections (`store/vocabulary.py`), read from what
        the whole team may see whoever asks: every photo anyone reads is read with it."""
        with self._read() as conn:
            return vocabulary.team_vocabulary(conn)

    def link_snap(self, snap_id: int, postmortem_id: int) -> Snap:
        """Link an undrafted snap to a post-mortem (SnapDraftedError if it already has another)."""
        with self._write() as conn:
            snaps.get(conn, snap_id, self.viewer)
            access.require(conn, self.viewer, postmortem_id)
            return snaps.link(conn, snap_id, postmortem_id, now=self.clock())

    def draft_snap(
        self,
        snap_id: int,
        pm: PostMortem,
        *,
        actor: str | None = None,
        message: str,
        restricted_to: Sequence[str] | None = None,
    ) -> Saved:
        """Save `pm` as the first draft of snap `snap_id`, with its photo and annotated photo attached, and
        link the snap to it, all in one transaction: if the snap was drafted meanwhile, nothing is kept and
        SnapDraftedError says so (two drafts of one snap at once keep one post-mortem). `restricted_to`: as
        for `save`, restricted from the start."""
        now = self.clock()
        with self._write() as conn:
            snap = snaps.get(conn, snap_id, self.viewer)
            saved = revisions.save(
                conn, pm, postmortem_id=None, actor=self._actor(actor), message=message, now=now
            )
            if restricted_to is not None:
                access.restrict_new(conn, saved.id, list(restricted_to), self.viewer.name)
            stem = snap.filename.rsplit(".", 1)[0]
            for role, data, filename in (
                ("photo", snaps.photo(conn, snap), snap.filename),
                ("annotated", snaps.annotated(conn, snap), f"annotated-{stem}.jpg"),
            ):
                files.attach(
                    conn,
                    saved.id,
                    data,
                    filename=filename,
                    role=role,
                    revision=1,
                    actor=self._actor(actor),
                    now=now,
                )
            snaps.link(conn, snap_id, saved.id, now=now)
            return saved

    def requeue_snaps(self) -> int:
        with self._write() as conn:
            return snaps.requeue_running(conn, now=self.clock())

    def snap_photo(self, snap: Snap, *, annotated: bool = False) -> bytes:
        with self._read() as conn:
            snap = snaps.get(conn, snap.id, self.viewer)
            return snaps.annotated(conn, snap) if annotated else snaps.photo(conn, snap)

    # -- deadlines, incidents, metrics ----------------------------------------------------------------
    def due(self, *, now: dt.datetime | None = None) -> list[Due]:
        with self._read() as conn:
            return due.due(conn, self.policy, now=now or self.clock(), viewer=self.viewer)

    def record_incident(
        self, incident: Incident | Mapping[str, object], *, actor: str | None = None
    ) -> Incident:
        """Record an incident (or update the one with its `ref`); `incidents.py` says what one is."""
        values = incident.model_dump(exclude={"id"}) if isinstance(incident, Incident) else dict(incident)
        with self._write() as conn:
            return incidents.record_incident(
                conn, values, actor=self._actor(actor), now=self.clock(), viewer=self.viewer
            )

    def incidents(self, *, without_postmortem: bool = False) -> list[Incident]:
        with self._read() as conn:
            return incidents.list_incidents(conn, without_postmortem=without_postmortem, viewer=self.viewer)

    def stats(self, *, today: dt.date | None = None) -> Stats:
        with self._read() as conn:
            return stats.stats(conn, self.policy, today=today or self.clock().date(), viewer=self.viewer)

    # -- restricted post-mortems ----------------------------------------------------------------------
    def access(self, id: int) -> tuple[str, list[str]]:
        """The post-mortem's visibility (team or restricted) and the people named on it."""
        with self._read() as conn:
            access.require(conn, self.viewer, id)
            return access.get_access(conn, id)

    def set_access(self, id: int, visibility: str, people: Sequence[str] = ()) -> tuple[str, list[str]]:
        """Make post-mortem `id` visible to the team, or only to `people` (account names) and admins."""
        self.require_role(Role.ADMIN, "change who may see a post-mortem")
        with self._write() as conn:
            access.require(conn, self.viewer, id)
            access.set_access(conn, id, visibility, list(people))
            return access.get_access(conn, id)

    def require_role(self, role: Role, doing: str) -> None:
        """PermissionDeniedError, in one sentence, unless this store's viewer has at least `role`."""
        if not self.viewer.role.allows(role):
            raise PermissionDeniedError(
                f"Only {'admins' if role is Role.ADMIN else 'authors and admins'} may {doing}; "
                f"your role is {self.viewer.role.value}, ask an admin."
            )

    def close(self) -> None:
        self.engine.dispose()

    # -- transactions ---------------------------------------------------------------------------------
    @contextmanager
    def _read(self) -> Iterator[Connection]:
        shared: Connection | None = getattr(self._reading, "conn", None)
        if shared is not None:
            yield shared
            return
        with translated(self.url), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Every read in the block (in this thread) made in one transaction: a page that asks the archive
        ten questions pays for one connection and one BEGIN, not ten. Only for blocks that do not write
        (a write in the block would not be seen by the reads after it, on SQLite)."""
        if getattr(self._reading, "conn", None) is not None:
            yield
            return
        with self._read() as conn:
            self._reading.conn = conn
            try:
                yield
            finally:
                self._reading.conn = None

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        self.require_role(Role.AUTHOR, "change the archive")
        with self.transaction() as conn:
            yield conn

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Connection]:
        """A transaction whatever the viewer's role (sessions and sign-ins are written for viewers); a
        read one (`write=False`) takes no write lock on SQLite."""
        if not write:
            with self._read() as conn:
                yield conn
            return
        with (
            translated(self.url),
            self.engine.connect().execution_options(**{WRITE: True}) as conn,
            conn.begin(),
        ):
            yield conn

    @property
    def accounts(self) -> Accounts:
        from afterboard.store.accounts import Accounts

        return Accounts(self)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file.") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}.") from None
