"""`afterboard save FILE`: keep a post-mortem in the archive, as a new one or a new revision of one."""

from __future__ import annotations

from pathlib import Path

import click

from afterboard.cli._archive import actor_option, actor_or_login, db_option, open_archive, save_and_report
from afterboard.errors import InputError
from afterboard.store.names import ROLES


@click.command("save")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--id", "postmortem_id", type=int, help="Save as the next revision of this post-mortem.")
@click.option("-m", "--message", help="A note on what changed, kept with the revision.")
@click.option("--incident", metavar="REF", help="The incident this post-mortem covers (e.g. INC-142).")
@click.option(
    "--attach",
    "attachments",
    multiple=True,
    metavar="ROLE=PATH",
    help=f"Keep a source file with it; ROLE is one of {', '.join(ROLES)}. Repeatable.",
)
@actor_option
@db_option
def command(
    *,
    file: Path,
    postmortem_id: int | None,
    message: str | None,
    incident: str | None,
    attachments: tuple[str, ...],
    actor: str | None,
    db: str | None,
) -> None:
    """Save FILE (afterboard JSON from `draft --format json`, or a Markdown post-mortem) in the archive.

    Nothing is ever overwritten: with --id the document becomes a new revision, and `afterboard show ID
    --history` lists them all. Saving an identical document adds no revision.
    """
    from afterboard.parse import read_postmortem

    pm = read_postmortem(file)
    sources = [_attachment(spec) for spec in attachments]
    store = open_archive(db, create=True)
    try:
        saved = save_and_report(
            store,
            pm,
            id=postmortem_id,
            actor=actor_or_login(actor),
            message=message,
            incident=incident,
            sources=sources,
        )
    finally:
        store.close()
    click.echo(saved.id)


def _attachment(spec: str) -> tuple[str, Path]:
    role, sep, path = spec.partition("=")
    if not sep or role not in ROLES or not path:
        raise InputError(f"--attach: '{spec}' should be ROLE=PATH with ROLE one of {', '.join(ROLES)}.")
    source = Path(path)
    if not source.is_file():
        raise InputError(f"--attach: {source}: no such file.")
    return role, source
