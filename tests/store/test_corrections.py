"""Review learns: a person's corrections to a snap's notes are kept in the archive (the note's box on the
stored photo, the engine's reading, the person's text), and the team's vocabulary is read back from the
archive: people, services, distinctive words and corrections, never from what the team may not see."""

from __future__ import annotations

import sqlalchemy as sa

from afterboard.board import Board, Note
from afterboard.store import schema as t
from afterboard.store.records import Role
from afterboard.store.store import Store
from afterboard.web.notes import apply_edits, operate
from store.store_factory import action, make_pm

PHOTO = b"\xff\xd8\xff" + bytes(range(256)) * 16
READ = Board(
    notes=(
        Note(
            text="rollback tock 40 min",
            section="timeline",
            confidence=0.5,
            box=(10, 20, 300, 90),
            source="b.jpg#note-1",
        ),
        Note(
            text="Add canary stage",
            section="action_items",
            confidence=0.9,
            box=(10, 120, 300, 190),
            source="b.jpg#note-2",
        ),
        Note(text="", section="went_well", confidence=0.0, box=(400, 20, 600, 90), source="b.jpg#note-3"),
    ),
    title="Outage",
)


def _read_snap(store: Store, board: Board = READ) -> int:
    snap = store.add_snap(PHOTO, filename="b.jpg", kind="incident")
    claimed = store.claim_snap(snap.id)
    assert claimed is not None
    store.finish_snap(snap.id, board, b"annotated", attempt=claimed.attempts)
    return snap.id


def _review(store: Store, snap_id: int, texts: list[str], *, actor: str | None = "ana") -> None:
    """What the review form does: the person's texts over the board read, then saved."""
    board = store.snap(snap_id).board
    assert board is not None
    edited = apply_edits(
        board, [str(i) for i in range(len(texts))], texts, [n.section or "" for n in board.notes]
    )
    store.set_snap_board(snap_id, edited, actor=actor)


def _rows(store: Store) -> list[dict[str, object]]:
    with store.engine.connect() as conn:
        query = sa.select(t.corrections).order_by(t.corrections.c.id)
        return [row._asdict() for row in conn.execute(query)]


def test_a_correction_in_review_is_kept_with_the_notes_box_reading_and_text(store: Store) -> None:
    snap_id = _read_snap(store)

    _review(store, snap_id, ["rollback took 40 min", "Add canary stage", "Fast rollback"])

    rows = _rows(store)
    assert [(r["note"], r["reading"], r["text"]) for r in rows] == [
        ("b.jpg#note-1", "rollback tock 40 min", "rollback took 40 min"),
        ("b.jpg#note-3", "", "Fast rollback"),  # an unread note typed in: its crop and text, no reading
    ]
    first = rows[0]
    assert (first["snap_id"], first["x0"], first["y0"], first["x1"], first["y1"]) == (
        snap_id,
        10,
        20,
        300,
        90,
    )
    assert first["actor"] == "ana" and first["created_at"] is not None
    assert store.team_vocabulary().corrections == {"rollback tock 40 min": "rollback took 40 min"}
    kept = store.corrections()
    assert [(c.snap_id, c.note, c.box, c.reading, c.text, c.actor) for c in kept] == [
        (snap_id, "b.jpg#note-1", (10, 20, 300, 90), "rollback tock 40 min", "rollback took 40 min", "ana"),
        (snap_id, "b.jpg#note-3", (400, 20, 600, 90), "", "Fast rollback", "ana"),
    ]


def test_saving_the_review_again_keeps_what_the_board_says_now(store: Store) -> None:
    snap_id = _read_snap(store)
    _review(store, snap_id, ["rollback took 40 min", "Add canary stage", ""])
    _review(store, snap_id, ["rollback took 40 min", "Add canary stage", ""])  # saved twice: one row
    assert len(_rows(store)) == 1

    _review(store, snap_id, ["rollback tock 40 min", "Add canary stage", ""])  # the person undid it

    assert _rows(store) == []
    assert store.team_vocabulary().corrections == {}


def test_the_parts_of_a_split_note_are_not_corrections_of_the_whole_reading(store: Store) -> None:
    snap_id = _read_snap(store)
    _review(store, snap_id, ["rollback took\n40 min", "Add canary stage", ""])
    board = store.snap(snap_id).board
    assert board is not None

    store.set_snap_board(snap_id, operate(board, "split:0"))

    assert _rows(store) == []


def test_merged_notes_are_a_correction_of_both_readings(store: Store) -> None:
    snap_id = _read_snap(store)
    _review(store, snap_id, ["rollback took 40 min", "Add canary stage", ""])
    board = store.snap(snap_id).board
    assert board is not None
    two = board.model_copy(
        update={"notes": (board.notes[0], board.notes[1].model_copy(update={"section": "timeline"}))}
    )

    store.set_snap_board(snap_id, operate(two, "merge:0"))

    assert [(r["reading"], r["text"]) for r in _rows(store)] == [
        ("rollback tock 40 min Add canary stage", "rollback took 40 min Add canary stage")
    ]


def test_a_readers_own_re_reading_is_no_correction_until_a_person_changes_it(store: Store) -> None:
    re_read = Note(text="rollback took 40 min", read_as="rollback tock 40 min", source="b.jpg#note-1")
    snap_id = _read_snap(store, Board(notes=(re_read,)))

    _review(store, snap_id, ["rollback took 40 min"])
    assert _rows(store) == []

    _review(store, snap_id, ["Rollback took 40 minutes"])
    assert [(r["reading"], r["text"]) for r in _rows(store)] == [
        ("rollback tock 40 min", "Rollback took 40 minutes")
    ]


def test_the_latest_correction_of_a_reading_wins(store: Store) -> None:
    first, second = _read_snap(store), _read_snap(store)
    _review(store, first, ["rollback took 40 min", "Add canary stage", ""])
    _review(store, second, ["Rollback took 40 minutes", "Add canary stage", ""])

    assert store.team_vocabulary().corrections == {"rollback tock 40 min": "Rollback took 40 minutes"}


def test_a_recalled_correction_is_not_counted_again_until_a_person_edits_it(store: Store) -> None:
    recalled = Note(
        text="rollback took 40 min", read_as="rollback tock 40 min", corrected="team", source="b.jpg#note-1"
    )
    snap_id = _read_snap(store, Board(notes=(recalled,)))

    _review(store, snap_id, ["rollback took 40 min"])
    assert _rows(store) == []

    _review(store, snap_id, ["rollback took 45 min"])
    assert [(r["reading"], r["text"]) for r in _rows(store)] == [
        ("rollback tock 40 min", "rollback took 45 min")
    ]


def test_the_team_vocabulary_has_people_services_distinctive_words_and_corrected_words(store: Store) -> None:
    store.accounts.add(
        "raj@example.com", role=Role.AUTHOR, password="a long enough password", display_name="Raj Patel"
    )
    pm = make_pm(
        cause="PgBouncer ran out of connections in eu-west-1 after the k8s upgrade",
        factors=("Kafka lag hid the alert", "Kafka consumers were paused", "the alert was muted"),
        actions=[action("Raise the pool size", owner="ana")],
        tags=("checkout-api", "payments"),
        summary="Customers could not pay. The alert was late.",
    )
    store.save(pm)
    snap_id = _read_snap(store)
    _review(store, snap_id, ["rollback took 40 min", "Add canary stage", "Zuzana paged Ops"])

    team = store.team_vocabulary()

    assert team.names == {"ana", "Raj Patel"}
    assert team.services == {"checkout-api", "payments"}
    assert {"PgBouncer", "eu-west-1", "k8s", "Kafka"} <= team.distinctive
    assert not {"Customers", "The", "the", "alert"} & team.distinctive  # ordinary words, even capitalised
    assert {"Raj", "Patel", "ana", "checkout-api", "PgBouncer", "Kafka", "Zuzana", "took"} <= team.words


def test_nothing_the_team_may_not_see_is_in_its_vocabulary(store: Store) -> None:
    store.accounts.add("ana", role=Role.AUTHOR, password="a long enough password")
    store.save(
        make_pm(
            cause="Vaultwarden leaked",
            factors=("Vaultwarden again",),
            actions=[action("Rotate", owner="mallory")],
            tags=("secrets-vault",),
        ),
        restricted_to=["ana"],
    )
    snap_id = _read_snap(store)
    _review(store, snap_id, ["rollback took 40 min", "Add canary stage", ""])
    store.draft_snap(snap_id, make_pm(title="Secret outage"), message="drafted", restricted_to=["ana"])

    team = store.team_vocabulary()

    assert "mallory" not in team.names and "secrets-vault" not in team.services
    assert "Vaultwarden" not in team.distinctive and team.corrections == {}
    assert store.corrections() == [] and len(_rows(store)) == 1  # kept, for the people who may see it
