"""`afterboard snap` as a user runs it: output formats, batch mode, annotated image, and bad input."""

from __future__ import annotations

import json
import struct
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import Result
from PIL import Image, ImageFilter
from snap_boards import draw_board, save
from snap_boards import incident_photo as board_photo

from helpers import assert_one_clear_line, write

TODAY = "2026-11-27"
Runner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def incident_photo(tmp_path: Path) -> Path:
    return board_photo(tmp_path)


def test_snap_prints_the_draft_in_markdown(run_cli: Callable[..., Result], incident_photo: Path) -> None:
    result = run_cli("snap", str(incident_photo), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "| 09:31 | pager alert fired |" in result.stdout
    assert "Add canary stage" in result.stdout and "ana" in result.stdout and "2026-12-05" in result.stdout
    assert "- Fast rollback" in result.stdout


def test_snap_json_has_the_notes_as_read_and_the_postmortem(
    run_cli: Callable[..., Result], incident_photo: Path
) -> None:
    result = run_cli("snap", str(incident_photo), "--format", "json", "--today", TODAY)
    document = json.loads(result.stdout)
    note = next(n for n in document["notes"] if n["text"] == "Fast rollback")
    assert note["section"] == "went_well"
    assert set(note) >= {"text", "section", "confidence", "box", "colour"}
    assert len(note["box"]) == 4 and 0 < note["confidence"] <= 1
    assert [a["owner"] for a in document["postmortem"]["action_items"]] == ["ana", "raj"]


def test_snap_writes_the_annotated_photo_and_the_output_file(
    run_cli: Callable[..., Result], incident_photo: Path, tmp_path: Path
) -> None:
    out, annotated = tmp_path / "pm.html", tmp_path / "seen.jpg"
    result = run_cli(
        "snap", str(incident_photo), "-o", str(out), "--annotated", str(annotated), "--today", TODAY
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")
    drawn = np.asarray(Image.open(annotated).convert("RGB")).astype(int)
    plain = np.asarray(Image.open(incident_photo).convert("RGB")).astype(int)
    assert drawn.shape == plain.shape
    assert np.abs(drawn - plain).mean() > 2  # boxes and labels were drawn over the photo
    assert f"Wrote {out}" in result.stderr


def test_out_dir_writes_one_draft_per_photo_and_reports_progress(
    run_cli: Callable[..., Result], incident_photo: Path, tmp_path: Path
) -> None:
    second = save(draw_board({"Went well": ["Pairing on the fix"]}, size=(900, 700)), tmp_path / "second.png")
    out_dir = tmp_path / "drafts"
    result = run_cli("snap", str(incident_photo), str(second), "--out-dir", str(out_dir), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out_dir.iterdir()) == ["board.md", "second.md"]
    assert "- Pairing on the fix" in (out_dir / "second.md").read_text(encoding="utf-8")
    assert "[1/2]" in result.stderr and "[2/2]" in result.stderr


def test_out_dir_skips_a_bad_photo_writes_the_others_and_fails(
    run_cli: Callable[..., Result], incident_photo: Path, tmp_path: Path
) -> None:
    bad = write(tmp_path / "notes.jpg", "not a photo\n")
    result = run_cli(
        "snap", str(bad), str(incident_photo), "--out-dir", str(tmp_path / "out"), "--today", TODAY
    )
    assert result.exit_code == 2
    assert (tmp_path / "out" / "board.md").is_file()
    assert "notes.jpg" in result.stderr and "1 of 2 photos could not be read" in result.stderr


def test_several_photos_without_out_dir_merge_into_one_draft(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    left = save(draw_board({"Timeline": ["09:12 deploy started"]}, size=(900, 700)), tmp_path / "l.png")
    right = save(draw_board({"Went well": ["Fast rollback"]}, size=(900, 700)), tmp_path / "r.png")
    result = run_cli("snap", str(left), str(right), "--today", TODAY)
    assert "| 09:12 | deploy started |" in result.stdout and "- Fast rollback" in result.stdout


def test_an_iphone_heic_photo_is_read(run_process: Runner, tmp_path: Path) -> None:
    from pillow_heif import register_heif_opener

    register_heif_opener()  # only to write the fixture: the afterboard process must read HEIC on its own
    photo = save(draw_board({"Went well": ["Fast rollback"]}, size=(900, 700)), tmp_path / "IMG_0001.HEIC")
    done = run_process("snap", str(photo), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert [(n["text"], n["section"]) for n in json.loads(done.stdout)["notes"]] == [
        ("Fast rollback", "went_well")
    ]


def test_not_an_image_is_refused_in_one_sentence(run_process: Runner, tmp_path: Path) -> None:
    notes = write(tmp_path / "board.jpg", "Timeline\n- 09:12 deploy\n")
    done = run_process("snap", str(notes))
    assert done.returncode == 2
    assert_one_clear_line(done.stderr, "board.jpg is not an image", "afterboard draft")


def test_truncated_jpeg_is_refused(run_process: Runner, incident_photo: Path, tmp_path: Path) -> None:
    data = incident_photo.read_bytes()
    cut = write(tmp_path / "cut.jpg", data[: len(data) // 2])
    done = run_process("snap", str(cut))
    assert done.returncode == 2
    assert_one_clear_line(done.stderr, "cut.jpg is damaged or truncated")


def test_decompression_bomb_is_refused_before_decoding(run_process: Runner, tmp_path: Path) -> None:
    bomb = write(tmp_path / "bomb.png", _png_header(20000, 20000))
    done = run_process("snap", str(bomb))
    assert done.returncode == 2
    assert_one_clear_line(done.stderr, "bomb.png", "exhaust memory")


def test_blank_board_gives_an_empty_board_message_not_an_empty_draft(
    run_process: Runner, tmp_path: Path
) -> None:
    blank = save(Image.new("RGB", (1600, 1100), (232, 234, 230)), tmp_path / "blank.jpg")
    done = run_process("snap", str(blank), "-o", str(tmp_path / "pm.md"))
    assert done.returncode == 2
    assert_one_clear_line(done.stderr, "blank.jpg shows a blank board")
    assert not (tmp_path / "pm.md").exists()


def test_photo_without_text_says_so_and_what_to_do(run_process: Runner, tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    clouds = Image.fromarray(rng.integers(0, 255, (110, 160, 3), dtype=np.uint8))
    clouds = clouds.resize((1600, 1100), Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(8))
    done = run_process("snap", str(save(clouds, tmp_path / "clouds.jpg")))
    assert done.returncode == 2
    assert_one_clear_line(done.stderr, "clouds.jpg: no text found; try a sharper photo", "afterboard draft")


def test_output_and_out_dir_together_are_refused(
    run_cli: Callable[..., Result], incident_photo: Path
) -> None:
    result = run_cli("snap", str(incident_photo), "-o", "a.md", "--out-dir", "d")
    assert result.exit_code == 2
    assert "not both" in result.stderr


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares width x height pixels but holds almost no data: what a decompression bomb looks
    like to a reader until it starts decoding."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_photo_over_the_size_limit_is_refused_without_a_pillow_warning(
    run_process: Runner, tmp_path: Path
) -> None:
    big = write(tmp_path / "huge.png", _png_header(12000, 9000))  # 108 MP: Pillow warns, afterboard refuses
    done = run_process("snap", str(big))
    assert done.returncode == 2
    assert_one_clear_line(done.stderr, "huge.png is 12000x9000 pixels (108 MP)", "resize it first")


def test_save_keeps_the_draft_the_photo_and_its_annotated_copy(
    run_cli: Callable[..., Result], incident_photo: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "archive.db")
    assert run_cli("migrate", "--db", db).exit_code == 0
    result = run_cli("snap", str(incident_photo), "--save", "--db", db, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "Saved post-mortem 1 (revision 1)." in result.stderr
    history = run_cli("show", "1", "--history", "--db", db).stdout
    assert incident_photo.name in history and "annotated" in history


def _corrected_in_review(db: str, reading: str, text: str) -> None:
    """An archive in which a person corrected the engine's `reading` of a note to `text` in web review."""
    from afterboard.board import Board, Note
    from afterboard.store import open_store

    store = open_store(db)
    try:
        snap = store.add_snap(b"\xff\xd8\xff photo", filename="earlier.jpg")
        claimed = store.claim_snap(snap.id)
        assert claimed is not None
        read = Board(notes=(Note(text=reading, section="went_well", box=(0, 0, 10, 10)),))
        store.finish_snap(snap.id, read, b"annotated", attempt=claimed.attempts)
        corrected = Note(
            text=text, section="went_well", box=(0, 0, 10, 10), read_as=reading, corrected="review"
        )
        store.set_snap_board(snap.id, Board(notes=(corrected,)))
    finally:
        store.close()


def test_snap_corrects_a_reading_the_team_corrected_before_in_review(
    run_cli: Callable[..., Result], incident_photo: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "archive.db")
    assert run_cli("migrate", "--db", db).exit_code == 0
    _corrected_in_review(db, "FAST rollback.", "Fast rollback (4 min)")

    result = run_cli("snap", str(incident_photo), "--format", "json", "--db", db, "--today", TODAY)

    assert result.exit_code == 0, result.stderr
    assert "1 note corrected as the team corrected the same reading in an earlier review." in result.stderr
    note = next(
        n
        for n in json.loads(result.stdout)["notes"]
        if n["section"] == "went_well" and n.get("corrected") == "team"
    )
    assert (note["text"], note["read_as"], note["confidence"]) == (
        "Fast rollback (4 min)",
        "Fast rollback",
        1.0,
    )
    markdown = run_cli("snap", str(incident_photo), "--db", db, "--today", TODAY).stdout
    assert "“Fast rollback” → “Fast rollback (4 min)”" in markdown and "- Fast rollback (4 min)" in markdown


def test_snap_with_no_archive_reads_the_photo_and_creates_none(
    run_cli: Callable[..., Result], incident_photo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no afterboard.toml above: the default archive, in the data folder
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("AFTERBOARD_DATABASE_URL", raising=False)

    result = run_cli("snap", str(incident_photo), "--today", TODAY)

    assert result.exit_code == 0 and "- Fast rollback" in result.stdout
    assert result.stderr == ""
    assert not (tmp_path / "data").exists()


def test_snap_with_an_archive_it_cannot_use_says_so_in_one_line_and_reads_the_photo(
    run_cli: Callable[..., Result], incident_photo: Path, tmp_path: Path
) -> None:
    from afterboard.store.engine import create
    from afterboard.store.url import resolve_url
    from afterboard.store.versioning import migrate

    db = str(tmp_path / "old.db")
    engine = create(resolve_url(db))
    migrate(engine, target="0005")  # made by the previous version, not yet migrated
    engine.dispose()

    result = run_cli("snap", str(incident_photo), "--db", db, "--today", TODAY)

    assert result.exit_code == 0 and "- Fast rollback" in result.stdout
    assert_one_clear_line(result.stderr, "Reading without the team's vocabulary", "afterboard migrate")
