"""`afterboard due`: post-mortems whose publication window is running or missed, and missing ones."""

from __future__ import annotations

import datetime as dt

import click

from afterboard.cli._archive import db_option, echo_json, open_archive, parse_time, table


@click.command("due")
@click.option(
    "--now", metavar="ISO-TIME", help="Measure against this moment instead of now (e.g. 2026-11-27T09:00Z)."
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
def command(*, now: str | None, fmt: str, db: str | None) -> None:
    """List what must be published: the target is 48 h and the deadline 72 h after resolution.

    \b
    running  resolved, not published, deadline ahead
    missed   resolved, not published, deadline passed
    missing  an incident (`afterboard incident add`) that policy says needed a
             post-mortem, and none is linked to it
    """
    moment = parse_time(now, option="--now") or dt.datetime.now(dt.UTC)
    store = open_archive(db)
    try:
        entries = store.due(now=moment)
    finally:
        store.close()
    if fmt == "json":
        echo_json(entries)
        return
    if not entries:
        click.echo("Nothing is due: every resolved incident's post-mortem is published.", err=True)
        return
    rows = [
        (
            e.state.value,
            f"#{e.postmortem_id}" if e.postmortem_id is not None else e.incident_ref,
            e.title,
            f"{e.resolved_at:%Y-%m-%d %H:%M}",
            f"{e.deadline:%Y-%m-%d %H:%M}",
            _left(e.deadline - moment),
        )
        for e in entries
    ]
    click.echo(
        table(["state", "what", "title", "resolved (UTC)", "deadline (UTC)", "left"], rows, widths={2: 50}),
        nl=False,
    )


def _left(delta: dt.timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:.0f} h" if hours >= 0 else f"{-hours:.0f} h late"
