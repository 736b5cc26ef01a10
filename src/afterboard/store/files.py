"""Source material kept with a post-mortem (the board photo, the annotated image, the notes), with checksums.

Contents are stored once per SHA-256 in `blobs`, inside the database, so a team server needs no shared disk
and a backup of the database is a backup of everything. Reading a file back verifies its checksum.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from afterboard.errors import NotFoundError, StoreError
from afterboard.store import schema as t
from afterboard.store.records import ROLES, Attachment


def attach(
    conn: Connection,
    postmortem_id: int,
    data: bytes,
    *,
    filename: str,
    role: str,
    revision: int | None,
    actor: str | None,
    now: dt.datetime,
) -> Attachment:
    if role not in ROLES:
        raise StoreError(f"'{role}' is not a kind of attachment; use one of {', '.join(ROLES)}.")
    if conn.execute(sa.select(t.postmortems.c.id).where(t.postmortems.c.id == postmortem_id)).first() is None:
        raise NotFoundError(f"There is no post-mortem {postmortem_id} in the archive.")
    digest = put_blob(conn, data)
    media_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    values = {
        "postmortem_id": postmortem_id,
        "revision": revision,
        "role": role,
        "filename": filename,
        "media_type": media_type,
        "sha256": digest,
        "actor": actor,
        "created_at": now,
    }
    attachment_id = conn.execute(
        sa.insert(t.attachments).values(**values).returning(t.attachments.c.id)
    ).scalar_one()
    return Attachment(id=attachment_id, size=len(data), **values)


def attachments(conn: Connection, postmortem_id: int) -> list[Attachment]:
    a, b = t.attachments, t.blobs
    rows = conn.execute(
        sa.select(*[c for c in a.c if c.name != "actor"], b.c.size)
        .join(b, b.c.sha256 == a.c.sha256)
        .where(a.c.postmortem_id == postmortem_id)
        .order_by(a.c.id)
    )
    return [Attachment.model_validate(row._asdict()) for row in rows]


def read(conn: Connection, attachment_id: int) -> tuple[Attachment, bytes]:
    """An attachment and its bytes; a StoreError if the bytes no longer match their checksum."""
    a, b = t.attachments, t.blobs
    row = conn.execute(
        sa.select(*[c for c in a.c if c.name != "actor"], b.c.size, b.c.content)
        .join(b, b.c.sha256 == a.c.sha256)
        .where(a.c.id == attachment_id)
    ).first()
    if row is None:
        raise NotFoundError(f"There is no attachment {attachment_id} in the archive.")
    content = bytes(row.content)
    if hashlib.sha256(content).hexdigest() != row.sha256:
        raise StoreError(
            f"Attachment {attachment_id} ({row.filename}) no longer matches its checksum; restore the "
            "database from a backup."
        )
    fields = {k: v for k, v in row._asdict().items() if k != "content"}
    return Attachment.model_validate(fields), content


def put_blob(conn: Connection, data: bytes) -> str:
    """Keep `data` once under its SHA-256 (a second copy of the same bytes adds nothing); the checksum."""
    digest = hashlib.sha256(data).hexdigest()
    insert = sqlite_insert if conn.dialect.name == "sqlite" else pg_insert
    conn.execute(insert(t.blobs).values(sha256=digest, size=len(data), content=data).on_conflict_do_nothing())
    return digest


def get_blob(conn: Connection, digest: str, *, what: str) -> bytes:
    """The bytes stored under `digest`, verified; `what` names them in the error."""
    content = conn.execute(sa.select(t.blobs.c.content).where(t.blobs.c.sha256 == digest)).scalar()
    if content is None:
        raise NotFoundError(f"The archive has no {what}.")
    data = bytes(content)
    if hashlib.sha256(data).hexdigest() != digest:
        raise StoreError(f"The {what} no longer matches its checksum; restore the database from a backup.")
    return data
