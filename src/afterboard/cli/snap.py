"""`afterboard snap PHOTO...`: phone photos of the board → the first draft of the post-mortem, offline."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from afterboard.cli._archive import archive_vocabulary, db_option, save_draft
from afterboard.cli._common import draft_options, emit, output_format, parse_today, settings_for
from afterboard.errors import AfterboardError, InputError
from afterboard.output import write_atomic

if TYPE_CHECKING:
    from afterboard.board import Board
    from afterboard.ingest.photo import PhotoReader, PhotoResult
    from afterboard.postmortem import PostMortem
    from afterboard.render import Format
    from afterboard.settings import Settings
    from afterboard.team_vocabulary import TeamVocabulary


@click.command("snap")
@click.argument("photos", nargs=-1, required=True, type=click.Path(path_type=Path))
@draft_options
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Batch mode: write one draft per photo into this folder (PHOTO's name, the format's suffix).",
)
@click.option(
    "--annotated",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the photo with each note's box, section and text drawn on it (JPEG). "
    "With several photos, each photo's name is added to this name.",
)
@click.option(
    "--save", is_flag=True, help="Also keep the draft, the photo and the annotated photo in the archive."
)
@db_option
def command(
    *,
    photos: tuple[Path, ...],
    kind: str | None,
    output: Path | None,
    fmt: str | None,
    today: str | None,
    tz: str | None,
    out_dir: Path | None,
    annotated: Path | None,
    save: bool,
    db: str | None,
) -> None:
    """Draft a post-mortem from PHOTO, a phone photo of the board (JPEG, PNG, WebP or HEIC).

    \b
    Headers such as 'Timeline', 'Root cause' / '5 whys', 'What went well',
    'Contributing factors' and 'Action items' open sections; each sticky note or
    block of writing under a header is a note. Several photos of one board (a
    wide board shot in parts) merge into one draft; with --out-dir each photo
    gets its own draft. Everything runs on this machine: no image leaves it.
    Notes read with low confidence are marked (?) and listed under 'To confirm'.
    Where there is an archive (--db), a reading the team already corrected in
    the web app's review is corrected again, and the draft says so; reading a
    photo never creates an archive.
    """
    from afterboard.ingest.headers import vocabulary_for
    from afterboard.ingest.photo import PhotoReader

    if output is not None and out_dir is not None:
        raise InputError("give either -o/--output (one draft) or --out-dir (one draft per photo), not both.")
    fmt_name = cast("Format", fmt or "md") if out_dir is not None else output_format(fmt, output)
    settings = settings_for(tz)
    reference = parse_today(today)
    team = archive_vocabulary(db, settings=settings)
    reader = PhotoReader(vocabulary=vocabulary_for(settings.board_sections), words=team.words)
    archive = _Archive(db) if save else None
    if out_dir is not None:
        _batch(
            photos,
            reader,
            team,
            out_dir=out_dir,
            fmt=fmt_name,
            kind=kind,
            today=reference,
            settings=settings,
            annotated=annotated,
            archive=archive,
        )
        return
    results = []
    for index, photo in enumerate(photos, 1):
        if len(photos) > 1:
            click.echo(f"[{index}/{len(photos)}] reading {photo}", err=True)
        results.append(_read(reader, photo, today=reference, team=team))
    board = results[0].board
    for result in results[1:]:
        board = board.merged(result.board)
    pm, text, summary = _draft_text(board, fmt_name, kind=kind, today=reference, settings=settings)
    emit(text, output)
    _write_annotated(results, annotated, settings=settings, many=len(results) > 1)
    if output is not None:
        click.echo(f"Wrote {output}: {summary}", err=True)
    if archive is not None:
        archive.save(pm, list(zip(photos, results, strict=True)), settings=settings)


def _batch(
    photos: tuple[Path, ...],
    reader: PhotoReader,
    team: TeamVocabulary,
    *,
    out_dir: Path,
    fmt: Format,
    kind: str | None,
    today: dt.date | None,
    settings: Settings,
    annotated: Path | None,
    archive: _Archive | None,
) -> None:
    """One draft per photo; a photo that cannot be read is reported and skipped, the rest go on."""
    failed = 0
    for index, photo in enumerate(photos, 1):
        prefix = f"[{index}/{len(photos)}] {photo}"
        try:
            result = _read(reader, photo, today=today, team=team)
            pm, text, summary = _draft_text(result.board, fmt, kind=kind, today=today, settings=settings)
            target = out_dir / f"{photo.stem}.{fmt}"
            write_atomic(target, text)
            _write_annotated([result], annotated, settings=settings, many=len(photos) > 1)
            if archive is not None:
                archive.save(pm, [(photo, result)], settings=settings)
        except AfterboardError as exc:
            failed += 1
            click.echo(f"{prefix}: skipped: {exc}", err=True)
            continue
        click.echo(f"{prefix} → {target}: {summary}", err=True)
    if failed:
        raise InputError(
            f"{failed} of {len(photos)} photos could not be read (see above); the others were written."
        )


def _read(reader: PhotoReader, photo: Path, *, today: dt.date | None, team: TeamVocabulary) -> PhotoResult:
    """The photo read, with the readings the team already corrected in review corrected again."""
    from afterboard.team_vocabulary import recall

    result = reader.read_full(photo, today=today)
    board, recalled = recall(result.board, team)
    if recalled:
        click.echo(
            f"{photo}: {recalled} note{'s' if recalled != 1 else ''} corrected as the team corrected the "
            "same reading in an earlier review.",
            err=True,
        )
    return dataclasses.replace(result, board=board)


def _draft_text(
    board: Board, fmt: Format, *, kind: str | None, today: dt.date | None, settings: Settings
) -> tuple[PostMortem, bytes, str]:
    from afterboard.cli.draft import describe
    from afterboard.drafting import draft
    from afterboard.render import render_bytes

    pm = draft(board, kind=kind, today=today, settings=settings)
    return pm, render_bytes(pm, fmt, board=board, settings=settings), describe(pm)


class _Archive:
    """`--save`: each draft goes to the archive with its photos and their annotated copies."""

    def __init__(self, db: str | None) -> None:
        self.db = db

    def save(self, pm: PostMortem, read: list[tuple[Path, PhotoResult]], *, settings: Settings) -> None:
        from afterboard.ingest.annotate import annotated_jpeg

        with tempfile.TemporaryDirectory(prefix="afterboard-") as folder:
            sources: list[tuple[str, Path]] = []
            for photo, result in read:
                marked = Path(folder) / f"{photo.stem}.annotated.jpg"
                marked.write_bytes(
                    annotated_jpeg(result.photo, result.board, low_confidence=settings.low_confidence)
                )
                sources += [("photo", photo), ("annotated", marked)]
            save_draft(pm, sources, db=self.db)


def _write_annotated(
    results: list[PhotoResult], target: Path | None, *, settings: Settings, many: bool
) -> None:
    from afterboard.ingest.annotate import annotated_jpeg

    if target is None:
        return
    for result in results:
        path = target
        if many:
            path = target.with_name(f"{target.stem}-{Path(result.photo.name).stem}{target.suffix or '.jpg'}")
        write_atomic(path, annotated_jpeg(result.photo, result.board, low_confidence=settings.low_confidence))
        click.echo(f"Wrote {path}: the photo with what was read where.", err=True)
