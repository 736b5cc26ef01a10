"""`afterboard access ID`: show or change who may see a post-mortem (team, or restricted to named people)."""

from __future__ import annotations

import click

from afterboard.cli._archive import db_option, open_archive


@click.command("access")
@click.argument("postmortem_id", type=int, metavar="ID")
@click.option(
    "--restrict",
    "people",
    multiple=True,
    metavar="NAME",
    help="Restrict it to this account (repeat for each person; admins always see it).",
)
@click.option("--team", is_flag=True, help="Make it visible to everyone signed in again.")
@db_option
def command(*, postmortem_id: int, people: tuple[str, ...], team: bool, db: str | None) -> None:
    """Show who may see post-mortem ID, or restrict it (e.g. a security incident) to named people."""
    from afterboard.errors import InputError

    if team and people:
        raise InputError("Give either --team or --restrict NAME, not both.")
    store = open_archive(db)
    try:
        if team or people:
            visibility, named = store.set_access(postmortem_id, "team" if team else "restricted", people)
        else:
            visibility, named = store.access(postmortem_id)
    finally:
        store.close()
    if visibility == "restricted":
        click.echo(
            f"post-mortem {postmortem_id} is restricted to {', '.join(named) or 'no one'} (and admins)"
        )
    else:
        click.echo(f"post-mortem {postmortem_id} is visible to the team")
