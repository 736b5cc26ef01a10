"""What the store returns: plain frozen records, easy to print, serialise or hand to a template."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from afterboard.board import Board, Box
from afterboard.checks.finding import Finding
from afterboard.postmortem import ActionStatus, Kind, PostMortem, Status

# defined where the command line can read them without pydantic; offered here beside the other records
from afterboard.store.names import ROLES as ROLES  # noqa: PLC0414
from afterboard.store.names import Role as Role  # noqa: PLC0414


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class Saved(_Record):
    id: int
    revision: int
    created: bool
    """True when this save made a new post-mortem, False for a new revision of an existing one."""
    changed: bool = True
    """False when the document was identical to the latest revision, so no revision was added."""


class Revision(_Record):
    number: int
    created_at: dt.datetime
    actor: str | None
    message: str | None
    sha256: str


class StatusChange(_Record):
    from_status: Status | None
    to_status: Status
    actor: str | None
    at: dt.datetime


class Stored(_Record):
    """One post-mortem from the archive: a revision's document with the archive's own facts."""

    id: int
    revision: int
    latest_revision: int
    status: Status
    visibility: str
    created_at: dt.datetime
    updated_at: dt.datetime
    published_at: dt.datetime | None
    postmortem: PostMortem
    """The document as saved in that revision, with `status` set to the archive's current status."""


class Attachment(_Record):
    id: int
    postmortem_id: int
    revision: int | None
    role: str
    filename: str
    media_type: str
    sha256: str
    size: int
    created_at: dt.datetime


class CheckRecord(_Record):
    revision: int
    checked_at: dt.datetime
    findings: tuple[Finding, ...]


class Filters(_Record):
    """Narrowing for search and listing; every field is optional and they combine with AND."""

    kind: Kind | None = None
    severity: str | None = None
    status: Status | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    owner: str | None = None
    """Someone who owns an action item of the post-mortem (a leading @ is ignored)."""
    tag: str | None = None
    viewer: Viewer | None = None
    """Who is asking (set by the store, never from a query string): restricted post-mortems they may not
    see are left out. None: everything, as for the local admin."""


class Hit(_Record):
    id: int
    title: str
    kind: Kind
    severity: str | None
    status: Status
    occurred_on: dt.date | None
    snippet: str
    score: float
    """Higher is more relevant; only comparable within one result list."""


class Action(_Record):
    id: int
    postmortem_id: int
    postmortem_title: str
    text: str
    owner: str | None
    due: dt.date | None
    status: ActionStatus
    priority: str | None
    category: str | None
    link: str | None
    done_at: dt.datetime | None

    def is_overdue(self, today: dt.date) -> bool:
        return self.status.is_open and self.due is not None and self.due < today


class ActionPage(_Record):
    """The first open action items of a list, and how many the whole list holds and how many are late."""

    items: list[Action]
    total: int
    late: int


class DueState(StrEnum):
    RUNNING = "running"
    """Resolved, not yet published, and the deadline is still ahead."""
    MISSED = "missed"
    """Resolved, not published, and the deadline has passed."""
    MISSING = "missing"
    """An incident that required a post-mortem has none in the archive."""


class Due(_Record):
    state: DueState
    title: str
    resolved_at: dt.datetime
    target: dt.datetime
    deadline: dt.datetime
    postmortem_id: int | None = None
    incident_ref: str | None = None
    reasons: tuple[str, ...] = ()
    """Why policy required a post-mortem (for MISSING entries)."""


class Incident(_Record):
    id: int
    ref: str
    title: str | None
    started_at: dt.datetime | None
    resolved_at: dt.datetime | None
    duration_minutes: float | None
    users_share: float | None
    emergency_on_call: bool | None
    postmortem_id: int | None

    @property
    def duration(self) -> dt.timedelta | None:
        """As recorded, else from start to resolution, else unknown."""
        if self.duration_minutes is not None:
            return dt.timedelta(minutes=self.duration_minutes)
        if self.started_at is not None and self.resolved_at is not None:
            return self.resolved_at - self.started_at
        return None


class SnapStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    """The photo was read: `board` holds the notes (and `postmortem_id` the draft, once made)."""
    FAILED = "failed"
    """The photo could not be read: `error` says why, in one sentence."""


class Snap(_Record):
    """An uploaded board photo and the job that reads it."""

    id: int
    status: SnapStatus
    filename: str
    """The name the photo had on the uploader's device: for display only, never a path."""
    photo_sha256: str
    annotated_sha256: str | None
    kind: Kind | None
    today: dt.date | None
    board: Board | None
    error: str | None
    attempts: int
    postmortem_id: int | None
    actor: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


class Correction(_Record):
    """A note a person corrected in review: its snap and its box on the snap's photo (whose crop shows what
    was written), the engine's reading ('' for an unread note) and the person's text."""

    id: int
    snap_id: int
    note: str | None
    """The note's source, e.g. 'board.jpg#note-7'."""
    box: Box | None
    reading: str
    text: str
    actor: str | None
    created_at: dt.datetime


class Viewer(_Record):
    """Who is asking the archive: every query that reads post-mortems filters by it (`access.py`)."""

    name: str | None
    """The account's name (as `postmortem_access` has it); None: the local admin (CLI, single-user)."""
    role: Role

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


LOCAL_ADMIN = Viewer(name=None, role=Role.ADMIN)
"""The CLI and the single-user web app: a person at their own archive sees and may do everything."""


class User(_Record):
    id: int
    name: str
    """E-mail address or user name: what they sign in with, and how actors and access lists name them."""
    display_name: str
    role: Role
    disabled: bool
    has_password: bool
    created_at: dt.datetime

    @property
    def viewer(self) -> Viewer:
        return Viewer(name=self.name, role=self.role)


class ApiToken(_Record):
    id: int
    user_id: int
    label: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None


Filters.model_rebuild()


class ActionChange(_Record):
    """One change to a tracked action item: which field, from what to what, who and when."""

    action_item_id: int
    item_text: str
    field: str
    old_value: str | None
    new_value: str | None
    actor: str | None
    at: dt.datetime
