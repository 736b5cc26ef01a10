"""`afterboard publish ID`: mark a post-mortem published (or send it to review), recording who and when."""

from __future__ import annotations

import click

from afterboard.cli._archive import actor_option, actor_or_login, db_option, open_archive


@click.command("publish")
@click.argument("postmortem_id", metavar="ID", type=int)
@click.option(
    "--status",
    "to",
    type=click.Choice(["published", "in_review", "draft"]),
    default="published",
    show_default=True,
    help="The status to move to: in_review sends it for review; draft takes it back from review.",
)
@actor_option
@db_option
def command(*, postmortem_id: int, to: str, actor: str | None, db: str | None) -> None:
    """Publish post-mortem ID: draft → in review → published, each step recorded with who and when.

    Publishing within 72 hours of the incident's resolution counts as on time (`afterboard due`, `stats`).
    """
    from afterboard.postmortem import Status

    store = open_archive(db)
    try:
        change = store.set_status(postmortem_id, Status(to), actor=actor_or_login(actor))
    finally:
        store.close()
    before = change.from_status.value.replace("_", " ") if change.from_status else "new"
    after = change.to_status.value.replace("_", " ")
    click.echo(f"Post-mortem {postmortem_id}: {before} → {after} ({change.at:%Y-%m-%d %H:%M} UTC).")
