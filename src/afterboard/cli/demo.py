"""`afterboard demo`: the bundled example board photo, end to end, to see what afterboard does."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import click

from afterboard.output import write_atomic

EXAMPLE_PHOTO = "checkout-outage.jpg"
"""A board photo made by `scripts/make_example_board.py` from the notes in `checkout-outage.md`."""
EXAMPLE_DATE = dt.date(2026, 11, 21)
"""The example board is dated 2026-11-20; the demo runs as if the next morning, so it is stable."""


@click.command("demo")
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("afterboard-demo"),
    show_default=True,
    help="Folder for the results.",
)
def command(out_dir: Path) -> None:
    """Snap the bundled example board photo and write Markdown, HTML, JSON and the annotated photo into
    OUT_DIR."""
    from afterboard.cli.draft import describe
    from afterboard.drafting import draft
    from afterboard.ingest.annotate import annotated_jpeg
    from afterboard.ingest.photo import PhotoReader
    from afterboard.render import render

    source = resources.files("afterboard.examples").joinpath(EXAMPLE_PHOTO)
    photo_path = out_dir / EXAMPLE_PHOTO
    write_atomic(photo_path, source.read_bytes())
    click.echo(
        f"Reading the example board photo {photo_path} (offline; the first photo loads the OCR engine)…"
    )
    result = PhotoReader().read_full(photo_path, today=EXAMPLE_DATE)
    pm = draft(result.board, today=EXAMPLE_DATE)
    written = []
    for fmt in ("md", "html", "json"):
        path = out_dir / f"postmortem.{fmt}"
        write_atomic(path, render(pm, fmt, board=result.board))
        written.append(path)
    annotated = out_dir / "checkout-outage.annotated.jpg"
    write_atomic(annotated, annotated_jpeg(result.photo, result.board))
    written.append(annotated)
    click.echo(f"Read {len(result.board.notes)} notes; drafted: {describe(pm)}")
    for path in written:
        click.echo(f"  {path}")
    click.echo(
        f"Open {out_dir / 'postmortem.html'} in a browser, or read {out_dir / 'postmortem.md'}; "
        f"{annotated.name} shows what was read where."
    )
