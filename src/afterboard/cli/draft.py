"""`afterboard draft SOURCE...`: typed notes, a digital board's export or an on-call log → the first draft."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from afterboard.cli._archive import db_option, save_draft, source_files
from afterboard.cli._common import draft_options, emit, output_format, parse_today, settings_for

if TYPE_CHECKING:
    from afterboard.postmortem import PostMortem


@click.command("draft")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="SOURCE...")
@click.option("--channel", metavar="NAME", help="The incident's channel, when a Slack export holds several.")
@draft_options
@click.option("--save", is_flag=True, help="Also keep the draft and the notes in the archive (see `save`).")
@db_option
def command(
    *,
    sources: tuple[Path, ...],
    channel: str | None,
    kind: str | None,
    output: Path | None,
    fmt: str | None,
    today: str | None,
    tz: str | None,
    save: bool,
    db: str | None,
) -> None:
    """Draft a post-mortem from one or more SOURCEs, merged into one board.

    \b
    A SOURCE is one of:
      notes typed from the board (Markdown or text): headings or lines like
        'Timeline:', 'Root cause', '5 whys', 'What went well', 'Action items' open
        sections, each line under them is a note; times ('14:02', '2:05pm UTC'),
        owners ('@ana', '(Ana)', '- Sam') and deadlines ('by Fri', 'EOW',
        'due 2026-12-05') are read from the notes;
      a digital board's export: Miro board items (REST API JSON), a FigJam file
        (REST API JSON), an Excalidraw drawing, a Trello board's JSON export, a
        Parabol retrospective CSV, or a sheet with one column per header: notes
        go under the header, frame or column they sit in;
      a Slack export (the ZIP, a channel's folder or one day's JSON): labelled
        ('Impact:', 'Root cause:', 'AI:'), pinned and what-happened messages;
      an on-call log for the timeline: PagerDuty log entries, Opsgenie alerts,
        alert logs, incidents or incident timelines, Alertmanager webhook
        payloads, or a CSV of time,event rows.
    The format is told from what the file holds, not from its name; several
    SOURCEs (a board and the pager's log) merge into one timeline.
    """
    from afterboard.drafting import draft
    from afterboard.ingest.headers import vocabulary_for
    from afterboard.ingest.sources import read_source
    from afterboard.render import render_bytes

    fmt_name = output_format(fmt, output)
    settings = settings_for(tz)
    reference = parse_today(today)
    vocabulary = vocabulary_for(settings.board_sections)
    boards = [read_source(path, today=reference, channel=channel, vocabulary=vocabulary) for path in sources]
    board = boards[0]
    for other in boards[1:]:
        board = board.merged(other)
    pm = draft(board, kind=kind, today=reference, settings=settings)
    emit(render_bytes(pm, fmt_name, board=board, settings=settings), output)
    if output is not None:
        click.echo(f"Wrote {output}: {describe(pm)}", err=True)
    if save:
        save_draft(pm, source_files(sources), db=db)


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
