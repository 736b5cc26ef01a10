"""`afterboard search QUERY`: full-text search of the archive, with filters; or post-mortems like a draft."""

from __future__ import annotations

from pathlib import Path

import click

from afterboard.cli._archive import db_option, echo_json, open_archive, table
from afterboard.cli._common import parse_date


@click.command("search")
@click.argument("query", required=False, default="")
@click.option("--kind", type=click.Choice(["incident", "project"]))
@click.option("--severity", metavar="SEV", help="e.g. SEV1, P2 (as the documents write it).")
@click.option("--status", type=click.Choice(["draft", "in_review", "published"]))
@click.option("--since", metavar="YYYY-MM-DD", help="Incidents on or after this date.")
@click.option("--until", metavar="YYYY-MM-DD", help="Incidents on or before this date.")
@click.option("--owner", metavar="NAME", help="Post-mortems with an action item owned by NAME.")
@click.option("--tag", metavar="TAG")
@click.option(
    "--like",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Instead of QUERY: past post-mortems whose causes read like this draft (JSON or Markdown).",
)
@click.option("-n", "--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
def command(
    *,
    query: str,
    kind: str | None,
    severity: str | None,
    status: str | None,
    since: str | None,
    until: str | None,
    owner: str | None,
    tag: str | None,
    like: Path | None,
    limit: int,
    fmt: str,
    db: str | None,
) -> None:
    """Search every post-mortem for QUERY, best match first.

    \b
    QUERY takes words (all must appear; 'failing' finds 'failed'), "exact phrases",
    OR between alternatives, -word to leave out, and prefix* for any ending.
    Without QUERY, lists the post-mortems that pass the filters, newest first.
    """
    from afterboard.store.records import Filters

    filters = Filters.model_validate(
        {
            "kind": kind,
            "severity": severity,
            "status": status,
            "since": parse_date(since, option="--since"),
            "until": parse_date(until, option="--until"),
            "owner": owner,
            "tag": tag,
        }
    )
    store = open_archive(db)
    try:
        if like is not None:
            from afterboard.parse import read_postmortem

            hits = store.similar(read_postmortem(like), limit=limit, filters=filters)
        else:
            hits = store.search(query, filters, limit=limit)
    finally:
        store.close()
    if fmt == "json":
        echo_json(hits)
        return
    if not hits:
        click.echo("No post-mortem matches.", err=True)
        return
    rows = [
        (h.id, h.occurred_on or "", h.kind.value, h.severity or "", h.status.value, h.title, h.snippet)
        for h in hits
    ]
    click.echo(
        table(["id", "date", "kind", "sev", "status", "title", "match"], rows, widths={5: 40, 6: 70}),
        nl=False,
    )
