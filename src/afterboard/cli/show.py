"""`afterboard show ID`: a post-mortem from the archive, any revision, its history or a diff."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from afterboard.cli._archive import db_option, open_archive, table
from afterboard.cli._common import emit, format_option, output_format, output_option

if TYPE_CHECKING:
    from afterboard.store.store import Store


@click.command("show")
@click.argument("postmortem_id", metavar="ID", type=int)
@click.option("-r", "--revision", type=int, help="Show this revision [default: the latest].")
@click.option("--history", is_flag=True, help="List the revisions, status changes, files and last check.")
@click.option("--diff", "diff_from", type=int, metavar="N", help="Show what changed since revision N.")
@format_option
@output_option
@db_option
def command(
    *,
    postmortem_id: int,
    revision: int | None,
    history: bool,
    diff_from: int | None,
    fmt: str | None,
    output: Path | None,
    db: str | None,
) -> None:
    """Print post-mortem ID as Markdown (or HTML, JSON), or with --history / --diff N its record."""
    from afterboard.render import render_bytes

    chosen = output_format(fmt, output)
    store = open_archive(db)
    try:
        if history:
            emit(_history(store, postmortem_id), output)
        elif diff_from is not None:
            text = store.diff(postmortem_id, diff_from, revision)
            emit(text or f"Revisions {diff_from} and {revision or 'latest'} read the same.\n", output)
        else:
            stored = store.get(postmortem_id, revision)
            emit(render_bytes(stored.postmortem, chosen), output)
            if stored.revision != stored.latest_revision:
                click.echo(
                    f"(revision {stored.revision} of {stored.latest_revision}; the latest is shown "
                    "without --revision)",
                    err=True,
                )
    finally:
        store.close()


def _history(store: Store, postmortem_id: int) -> str:
    stored = store.get(postmortem_id)
    parts = [f"#{stored.id}  {stored.postmortem.title}  [{stored.status.value}]\n\nRevisions\n"]
    parts.append(
        table(
            ["rev", "saved (UTC)", "by", "message"],
            [(r.number, _when(r.created_at), r.actor, r.message) for r in store.history(postmortem_id)],
            widths={3: 60},
        )
    )
    parts.append("\nStatus\n")
    parts.append(
        table(
            ["from", "to", "by", "at (UTC)"],
            [
                (c.from_status.value if c.from_status else "-", c.to_status.value, c.actor, _when(c.at))
                for c in store.status_history(postmortem_id)
            ],
        )
    )
    files = store.attachments(postmortem_id)
    if files:
        parts.append("\nFiles\n")
        parts.append(
            table(
                ["id", "role", "file", "bytes", "sha256"],
                [(f.id, f.role, f.filename, f.size, f.sha256[:16]) for f in files],
            )
        )
    check = store.last_check(postmortem_id)
    if check is not None:
        parts.append(
            f"\nLast check: revision {check.revision}, {_when(check.checked_at)}, "
            f"{len(check.findings)} finding(s).\n"
        )
    return "".join(parts)


def _when(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")
