"""`afterboard draft NOTES`: typed notes → the first draft of the post-mortem."""

from __future__ import annotations

from pathlib import Path

import click

from afterboard.cli._common import draft_options, emit, output_format, parse_today, settings_for
from afterboard.postmortem import PostMortem


@click.command("draft")
@click.argument("notes", type=click.Path(path_type=Path))
@draft_options
def command(
    *, notes: Path, kind: str | None, output: Path | None, fmt: str | None, today: str | None, tz: str | None
) -> None:
    """Draft a post-mortem from NOTES, a Markdown or text file typed from the board.

    \b
    Headings or lines like 'Timeline:', 'Root cause', '5 whys', 'What went well' and
    'Action items' open sections; each bullet or line under them is a note. Times
    ('14:02', '2:05pm UTC'), owners ('@ana', '(Ana)', '- Sam') and deadlines ('by Fri',
    'EOW', 'due 2026-12-05') are read from the notes.
    """
    from afterboard.drafting import draft
    from afterboard.ingest.text import read_notes
    from afterboard.render import render_bytes

    fmt_name = output_format(fmt, output)
    settings = settings_for(tz)
    reference = parse_today(today)
    board = read_notes(notes, today=reference)
    pm = draft(board, kind=kind, today=reference, settings=settings)
    emit(render_bytes(pm, fmt_name, board=board, settings=settings), output)
    if output is not None:
        click.echo(f"Wrote {output}: {describe(pm)}", err=True)


def describe(pm: PostMortem) -> str:
    """'6 of 6 sections, 4 action items (1 without an owner, 0 without a deadline).'"""
    filled = sum(
        [
            not pm.impact.is_empty,
            bool(pm.timeline),
            not pm.root_cause.is_empty,
            bool(pm.contributing_factors),
            bool(pm.went_well),
            bool(pm.action_items),
        ]
    )
    items = pm.action_items
    no_owner = sum(1 for a in items if a.owner is None)
    no_due = sum(1 for a in items if a.due is None)
    return (
        f"{filled} of 6 sections filled, {len(items)} action items "
        f"({no_owner} without an owner, {no_due} without a deadline)."
    )
