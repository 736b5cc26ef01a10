"""The archive's tables (SQLAlchemy Core), the single source the migrations are checked against.

Rules the shape follows:
- A post-mortem's text lives only in `revisions`, which are never updated or deleted: an edit is a new row.
  `postmortems` holds the current status and copies of the latest revision's facts that filters, `due` and
  `stats` need as columns (kind, severity, times), rewritten on every save.
- Every change a person makes (a revision, a status change, an action-item change) has an `actor` column,
  free text today and a user id once accounts exist; `postmortem_access` lists the named people a
  `restricted` post-mortem is visible to.
- The full-text index is engine-specific (FTS5 on SQLite, a tsvector column on PostgreSQL) and is made by
  migration 0002 only; `SEARCH_OBJECTS` names those objects so the model/migration comparison skips them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = sa.MetaData(naming_convention=NAMING)

SEARCH_OBJECTS = frozenset({"search_fts", "search_vector", "ix_search_text_search_vector"})
"""Engine-specific full-text objects, made in raw SQL by migration 0002 (not part of the model)."""


class UTCDateTime(sa.TypeDecorator[dt.datetime]):
    """An aware datetime stored in UTC; SQLite keeps no zone, so it is put back on read."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the archive; pass an aware one")
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _postmortem_fk(*, primary_key: bool = False) -> sa.Column[int]:
    return sa.Column(
        "postmortem_id",
        sa.Integer,
        sa.ForeignKey("postmortems.id", ondelete="CASCADE"),
        nullable=False,
        primary_key=primary_key,
        index=not primary_key,
    )


def _actor() -> sa.Column[str]:
    return sa.Column("actor", sa.String(200), nullable=True)


postmortems = sa.Table(
    "postmortems",
    metadata,
    _id(),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False, index=True),
    sa.Column("severity", sa.String(40), nullable=True, index=True),
    sa.Column("status", sa.String(20), nullable=False, index=True),
    sa.Column("occurred_on", sa.Date, nullable=True, index=True),
    sa.Column("started_at", UTCDateTime, nullable=True),
    sa.Column("detected_at", UTCDateTime, nullable=True),
    sa.Column("mitigated_at", UTCDateTime, nullable=True),
    sa.Column("resolved_at", UTCDateTime, nullable=True),
    sa.Column("published_at", UTCDateTime, nullable=True),
    sa.Column("current_revision", sa.Integer, nullable=False),
    sa.Column("visibility", sa.String(20), nullable=False, server_default="team"),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.CheckConstraint("status IN ('draft', 'in_review', 'published')", name="status"),
    sa.CheckConstraint("visibility IN ('team', 'restricted')", name="visibility"),
)

postmortem_access = sa.Table(
    "postmortem_access",
    metadata,
    _postmortem_fk(primary_key=True),
    sa.Column("principal", sa.String(200), primary_key=True),
)

revisions = sa.Table(
    "revisions",
    metadata,
    _id(),
    _postmortem_fk(),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("document", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    _actor(),
    sa.Column("message", sa.Text, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("postmortem_id", "number"),
)

status_changes = sa.Table(
    "status_changes",
    metadata,
    _id(),
    _postmortem_fk(),
    sa.Column("from_status", sa.String(20), nullable=True),
    sa.Column("to_status", sa.String(20), nullable=False),
    _actor(),
    sa.Column("at", UTCDateTime, nullable=False),
)

tags = sa.Table(
    "tags",
    metadata,
    _postmortem_fk(primary_key=True),
    sa.Column("tag", sa.String(100), primary_key=True, index=True),
)

factors = sa.Table(
    "factors",
    metadata,
    _id(),
    _postmortem_fk(),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("category", sa.String(100), nullable=True, index=True),
)

action_items = sa.Table(
    "action_items",
    metadata,
    _id(),
    _postmortem_fk(),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("owner", sa.String(200), nullable=True, index=True),
    sa.Column("due", sa.Date, nullable=True, index=True),
    sa.Column("priority", sa.String(40), nullable=True),
    sa.Column("category", sa.String(40), nullable=True),
    sa.Column("status", sa.String(20), nullable=False, index=True),
    sa.Column("link", sa.Text, nullable=True),
    # the revision whose document dropped this item: the row stays, with its history
    sa.Column("removed_in_revision", sa.Integer, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("done_at", UTCDateTime, nullable=True),
    sa.CheckConstraint("status IN ('open', 'in_progress', 'done', 'wont_do')", name="status"),
)

action_item_changes = sa.Table(
    "action_item_changes",
    metadata,
    _id(),
    sa.Column(
        "action_item_id",
        sa.Integer,
        sa.ForeignKey("action_items.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("field", sa.String(40), nullable=False),
    sa.Column("old_value", sa.Text, nullable=True),
    sa.Column("new_value", sa.Text, nullable=True),
    _actor(),
    sa.Column("at", UTCDateTime, nullable=False),
)

blobs = sa.Table(
    "blobs",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
)
"""File contents, stored once per checksum, in the database so that a team server needs no shared disk."""

attachments = sa.Table(
    "attachments",
    metadata,
    _id(),
    _postmortem_fk(),
    sa.Column("revision", sa.Integer, nullable=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("filename", sa.Text, nullable=False),
    sa.Column("media_type", sa.String(100), nullable=False),
    sa.Column("sha256", sa.String(64), sa.ForeignKey("blobs.sha256"), nullable=False, index=True),
    _actor(),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.CheckConstraint("role IN ('photo', 'annotated', 'notes', 'document', 'other')", name="role"),
)

checks = sa.Table(
    "checks",
    metadata,
    _postmortem_fk(primary_key=True),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("checked_at", UTCDateTime, nullable=False),
)
"""The last check of each post-mortem (a check that found nothing is still a check)."""

findings = sa.Table(
    "findings",
    metadata,
    _id(),
    _postmortem_fk(),
    sa.Column("rule", sa.String(100), nullable=False),
    sa.Column("severity", sa.String(20), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("fix", sa.Text, nullable=False),
    sa.Column("location", sa.Text, nullable=True),
    sa.Column("line", sa.Integer, nullable=True),
)

search_text = sa.Table(
    "search_text",
    metadata,
    _postmortem_fk(primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
)
"""The latest revision as plain text: the content the full-text index (migration 0002) is built over."""

incidents = sa.Table(
    "incidents",
    metadata,
    _id(),
    sa.Column("ref", sa.String(200), nullable=False, unique=True),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("started_at", UTCDateTime, nullable=True),
    sa.Column("resolved_at", UTCDateTime, nullable=True),
    sa.Column("duration_minutes", sa.Float, nullable=True),
    sa.Column("users_share", sa.Float, nullable=True),
    sa.Column("emergency_on_call", sa.Boolean, nullable=True),
    sa.Column(
        "postmortem_id",
        sa.Integer,
        sa.ForeignKey("postmortems.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    _actor(),
    sa.Column("created_at", UTCDateTime, nullable=False),
)
"""Incidents as the on-call tool knew them, so `due` can name those that needed a post-mortem, lacking one."""

snaps = sa.Table(
    "snaps",
    metadata,
    _id(),
    sa.Column("status", sa.String(20), nullable=False, index=True),
    sa.Column("filename", sa.Text, nullable=False),
    sa.Column("photo_sha256", sa.String(64), sa.ForeignKey("blobs.sha256"), nullable=False),
    sa.Column("annotated_sha256", sa.String(64), sa.ForeignKey("blobs.sha256"), nullable=True),
    sa.Column("kind", sa.String(20), nullable=True),
    sa.Column("today", sa.Date, nullable=True),
    sa.Column("board", sa.Text, nullable=True),
    sa.Column("error", sa.Text, nullable=True),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column(
        "postmortem_id",
        sa.Integer,
        sa.ForeignKey("postmortems.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    _actor(),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="status"),
)
"""Photos uploaded to be read (by the web app's worker or a job queue): the upload, the job's state, the
board that was read (JSON, edited by a person before drafting) and the post-mortem drafted from it."""

# -- team mode: accounts, sessions, API tokens, sign-in failures (migration 0005) ----------------------------


def _user_fk() -> sa.Column[int]:
    return sa.Column(
        "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )


users = sa.Table(
    "users",
    metadata,
    _id(),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("password_hash", sa.Text, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.CheckConstraint("role IN ('viewer', 'author', 'admin')", name="role"),
)
"""People who sign in. `name` (an e-mail address or a user name, kept lower-case) is what actors and
`postmortem_access` record; `password_hash` is Argon2id's encoded hash (None: signs in through the proxy)."""

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("token_sha256", sa.String(64), primary_key=True),
    _user_fk(),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("last_seen_at", UTCDateTime, nullable=False),
)
"""Signed-in browsers. Only the SHA-256 of the cookie's random token is kept, so a copy of the database
signs no one in; in the database so that every web process behind a load balancer sees every session."""

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    _id(),
    _user_fk(),
    sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("label", sa.String(200), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("last_used_at", UTCDateTime, nullable=True),
)
"""Tokens scripts send as `Authorization: Bearer ...`; as with sessions, only their SHA-256 is kept."""

sign_in_failures = sa.Table(
    "sign_in_failures",
    metadata,
    _id(),
    sa.Column("key", sa.String(300), nullable=False, index=True),
    sa.Column("at", UTCDateTime, nullable=False, index=True),
)
"""Failed sign-ins by account and by client address, so the rate limit holds across web processes."""

corrections = sa.Table(
    "corrections",
    metadata,
    _id(),
    sa.Column(
        "snap_id", sa.Integer, sa.ForeignKey("snaps.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("x0", sa.Integer, nullable=True),
    sa.Column("y0", sa.Integer, nullable=True),
    sa.Column("x1", sa.Integer, nullable=True),
    sa.Column("y1", sa.Integer, nullable=True),
    sa.Column("reading", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    _actor(),
    sa.Column("created_at", UTCDateTime, nullable=False),
)
"""A person's correction of a note read from a snap's photo (migration 0006): the note (its source, e.g.
'board.jpg#note-7', and its box on the snap's stored photo, from which its crop is cut), the engine's
reading ('' for an unread note) and the person's text. Rewritten from the snap's board each time the review
is saved, so it holds what the board says now; the team's vocabulary (`vocabulary.py`) is read from it."""
