"""`afterboard migrate`: create the archive's tables, or bring them up to this version of afterboard."""

from __future__ import annotations

import click

from afterboard.cli._archive import db_option


@click.command("migrate")
@db_option
def command(*, db: str | None) -> None:
    """Create or update the archive (safe to run again: it applies only what is missing).

    Each migration runs in its own transaction, so an interrupted run leaves the archive at the last
    migration that finished; run the command again to continue. With queue = "procrastinate" it also
    creates the job queue's tables, once.
    """
    from afterboard.settings import load_settings
    from afterboard.store import migrate_store
    from afterboard.store.url import redact, resolve_url

    settings = load_settings()
    where = redact(resolve_url(db, settings=settings))
    result = migrate_store(db, settings=settings)
    if not result.applied:
        click.echo(f"The archive at {where} is up to date (migration {result.after}).")
    else:
        applied = ", ".join(result.applied)
        click.echo(f"Migrated the archive at {where} to {result.after} (applied {applied}).")
    if settings.queue == "procrastinate":
        from afterboard.web.team_queue import install_schema

        if install_schema(settings.model_copy(update={"database_url": db or settings.database_url})):
            click.echo("Created the job queue's tables (procrastinate).")
        else:
            click.echo("The job queue's tables (procrastinate) are in place.")
