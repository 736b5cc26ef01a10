"""`afterboard worker`: read uploaded photos from the team's job queue, on this machine or any other."""

from __future__ import annotations

import click

from afterboard.cli._archive import db_option


@click.command("worker")
@click.option(
    "--concurrency",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Photos read at once; each loads its own OCR engine (about one per CPU core).",
)
@click.option(
    "--stalled-after",
    default=30.0,
    show_default=True,
    type=click.FloatRange(3, 3600),
    metavar="SECONDS",
    help="A worker silent this long is presumed dead, and its photo is read by another.",
)
@db_option
def command(*, concurrency: int, stalled_after: float, db: str | None) -> None:
    """Read photos uploaded to the web app, taking jobs from the queue on the PostgreSQL archive.

    \b
    Start as many as you like, on any machines that reach the archive (queue =
    "procrastinate", see docs/deploy.md). Each job is logged on stderr. A photo
    that cannot be read fails at once with the reason; one that raises is retried
    with backoff, then failed with the reason; the photo of a worker that died is
    read by another. SIGTERM or Ctrl+C stops taking jobs and finishes those in hand.
    """
    import logging

    from afterboard.settings import load_settings
    from afterboard.store import open_store
    from afterboard.web.jobs import reader_factory
    from afterboard.web.team_queue import check_schema
    from afterboard.web.worker import Runtime, run

    settings = load_settings(overrides={"database_url": db})
    check_schema(settings)  # a SQLite archive, or one without the queue's tables: one sentence, at once
    # each job on stderr; the libraries' own chatter only when something is wrong
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("afterboard").setLevel(logging.INFO)
    store = open_store(settings=settings)
    try:
        runtime = Runtime(store, settings, reader_factory(settings))
        click.echo("afterboard: loading the OCR engine", err=True)
        runtime.warm_up()
        click.echo(f"afterboard: worker taking jobs, {concurrency} at a time (Ctrl+C to stop)", err=True)
        run(runtime, concurrency=concurrency, stalled_after=stalled_after)
        click.echo("afterboard: worker stopped", err=True)
    finally:
        store.close()
