"""`afterboard demo`: the bundled example board, end to end, to see what afterboard does."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import click

from afterboard.output import write_atomic

EXAMPLE_NOTES = "checkout-outage.md"
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
    """Draft the bundled example board and write Markdown, HTML and JSON into OUT_DIR."""
    from afterboard.cli.draft import describe
    from afterboard.drafting import draft
    from afterboard.ingest.text import parse_notes
    from afterboard.render import render

    source = resources.files("afterboard.examples").joinpath(EXAMPLE_NOTES)
    board = parse_notes(source.read_text(encoding="utf-8"), name=EXAMPLE_NOTES, today=EXAMPLE_DATE)
    pm = draft(board, today=EXAMPLE_DATE)
    write_atomic(out_dir / EXAMPLE_NOTES, source.read_text(encoding="utf-8"))
    written = []
    for fmt in ("md", "html", "json"):
        path = out_dir / f"postmortem.{fmt}"
        write_atomic(path, render(pm, fmt, board=board))
        written.append(path)
    click.echo(f"Drafted the example board {out_dir / EXAMPLE_NOTES}: {describe(pm)}")
    for path in written:
        click.echo(f"  {path}")
    click.echo(f"Open {out_dir / 'postmortem.html'} in a browser, or read {out_dir / 'postmortem.md'}.")
