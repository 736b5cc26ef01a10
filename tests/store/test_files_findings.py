"""Source files kept with checksums, and the findings of the last check kept as data."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlalchemy as sa

from afterboard.checks.finding import Finding, Severity
from afterboard.errors import InputError, NotFoundError, StoreError
from afterboard.store.store import Store
from store.store_factory import make_pm

PHOTO = bytes(range(256)) * 64


def test_attached_file_keeps_its_bytes_and_checksum(store: Store, tmp_path: Path) -> None:
    saved = store.save(make_pm())
    photo = tmp_path / "board.jpg"
    photo.write_bytes(PHOTO)

    attached = store.attach(saved.id, photo, role="photo", revision=1, actor="ana")
    meta, data = store.read_attachment(attached.id)

    assert data == PHOTO
    assert meta.sha256 == hashlib.sha256(PHOTO).hexdigest() == attached.sha256
    assert (meta.role, meta.filename, meta.media_type, meta.size) == (
        "photo",
        "board.jpg",
        "image/jpeg",
        len(PHOTO),
    )
    assert [a.id for a in store.attachments(saved.id)] == [attached.id]


def test_the_same_content_is_stored_once(store: Store) -> None:
    first = store.save(make_pm("One"))
    second = store.save(make_pm("Two"))

    store.attach(first.id, b"notes", role="notes", filename="a.md")
    store.attach(second.id, b"notes", role="notes", filename="b.md")

    engine = sa.create_engine(store.url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM blobs")).scalar_one() == 1
    engine.dispose()
    assert len(store.attachments(first.id)) == len(store.attachments(second.id)) == 1


def test_a_corrupted_file_is_reported_not_returned(store: Store) -> None:
    saved = store.save(make_pm())
    attached = store.attach(saved.id, b"original notes", role="notes", filename="notes.md")
    engine = sa.create_engine(store.url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE blobs SET content = :c"), {"c": b"tampered notes"})
    engine.dispose()

    with pytest.raises(StoreError, match="no longer matches its checksum"):
        store.read_attachment(attached.id)


def test_attaching_needs_a_known_postmortem_role_and_file(store: Store, tmp_path: Path) -> None:
    saved = store.save(make_pm())

    with pytest.raises(NotFoundError):
        store.attach(99, b"x", role="photo")
    with pytest.raises(StoreError, match="'selfie' is not a kind of attachment"):
        store.attach(saved.id, b"x", role="selfie")
    with pytest.raises(InputError, match="no such file"):
        store.attach(saved.id, tmp_path / "missing.jpg", role="photo")


def test_last_check_findings_replace_the_previous_ones(store: Store) -> None:
    saved = store.save(make_pm())
    assert store.last_check(saved.id) is None
    first = [
        Finding(
            rule="action-items-owner",
            severity=Severity.WARNING,
            message="No owner.",
            fix="Add @name.",
            where="action_items[0]",
            line=12,
        ),
        Finding(rule="impact-numbers", severity=Severity.ERROR, message="No numbers.", fix="Say how many."),
    ]
    store.record_findings(saved.id, first)
    store.save(make_pm("Checkout outage (fixed)"), id=saved.id)
    store.record_findings(saved.id, first[1:])

    check = store.last_check(saved.id)

    assert check is not None
    assert check.revision == 2
    assert check.findings == tuple(first[1:])


def test_a_clean_check_is_still_recorded(store: Store) -> None:
    saved = store.save(make_pm())

    store.record_findings(saved.id, [])

    check = store.last_check(saved.id)
    assert check is not None and check.findings == () and check.revision == 1
