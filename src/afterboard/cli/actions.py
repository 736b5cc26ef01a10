"""`afterboard actions`: every tracked action item; filter, mark done, link to a tracker, export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from afterboard.cli._archive import actor_option, actor_or_login, db_option, open_archive, table
from afterboard.cli._common import emit, parse_date

FORMATS = ("table", "csv", "json", "jira", "github", "linear")


@click.command("actions")
@click.option("--owner", metavar="NAME", help="Only items owned by NAME (@name works too).")
@click.option("--overdue", is_flag=True, help="Only open items whose due date has passed.")
@click.option("--all", "show_all", is_flag=True, help="Include done and won't-do items.")
@click.option("--postmortem", "postmortem_id", type=int, metavar="ID", help="Only items of post-mortem ID.")
@click.option(
    "--done", "done", type=int, multiple=True, metavar="ITEM", help="Mark item ITEM done. Repeatable."
)
@click.option("--reopen", type=int, multiple=True, metavar="ITEM", help="Mark item ITEM open again.")
@click.option("--wont-do", type=int, multiple=True, metavar="ITEM", help="Close item ITEM as won't do.")
@click.option("--link", nargs=2, type=(int, str), metavar="ITEM URL", help="Record ITEM's tracker issue URL.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="csv/json: afterboard's columns; jira, linear: their CSV importers; github: issue JSON bodies.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@click.option("--today", metavar="YYYY-MM-DD", help="The date --overdue compares with [default: today].")
@actor_option
@db_option
def command(
    *,
    owner: str | None,
    overdue: bool,
    show_all: bool,
    postmortem_id: int | None,
    done: tuple[int, ...],
    reopen: tuple[int, ...],
    wont_do: tuple[int, ...],
    link: tuple[int, str] | None,
    fmt: str,
    output: Path | None,
    today: str | None,
    actor: str | None,
    db: str | None,
) -> None:
    """List open action items across all post-mortems, oldest due date first.

    \b
    Mark items with --done/--reopen/--wont-do ITEM (the ids in the first column), or
    --link ITEM URL once the item has an issue in your tracker. Export with
    --format jira|linear (CSV for their importers) or github (JSON issue bodies);
    docs/archive.md says which columns each takes and how to import.
    """
    from afterboard.postmortem import ActionStatus
    from afterboard.store.exports import export

    reference = parse_date(today, option="--today")
    store = open_archive(db)
    try:
        who = actor_or_login(actor)
        changes = [(i, ActionStatus.DONE) for i in done] + [(i, ActionStatus.OPEN) for i in reopen]
        changes += [(i, ActionStatus.WONT_DO) for i in wont_do]
        for item, status in changes:
            changed = store.mark_action(item, status=status, actor=who)
            click.echo(f"Action item {item}: {changed.status.value.replace('_', ' ')}.", err=True)
        if link is not None:
            store.mark_action(link[0], link=link[1], actor=who)
            click.echo(f"Action item {link[0]}: linked to {link[1]}.", err=True)
        if changes or link is not None:
            return
        items = store.actions(
            owner=owner, overdue=overdue, open_only=not show_all, postmortem_id=postmortem_id, today=reference
        )
    finally:
        store.close()
    if fmt != "table":
        emit(export(items, fmt), output)
        return
    if not items:
        click.echo("No action items match.", err=True)
        return
    day = reference or dt.datetime.now(dt.UTC).date()
    rows = [
        (
            a.id,
            a.due.isoformat() + (" (overdue)" if a.is_overdue(day) else "") if a.due else "-",
            a.owner or "-",
            a.status.value,
            a.text,
            f"#{a.postmortem_id} {a.postmortem_title}",
            a.link or "",
        )
        for a in items
    ]
    emit(
        table(
            ["item", "due", "owner", "status", "action", "post-mortem", "link"], rows, widths={4: 60, 5: 40}
        ),
        output,
    )
