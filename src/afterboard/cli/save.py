"""`afterboard save FILE`: keep a post-mortem in the archive, as a new one or a new revision of one."""

from __future__ import annotations

import json
from pathlib import Path

import click
from pydantic import ValidationError

from afterboard.cli._archive import actor_option, actor_or_login, db_option, open_archive, save_and_report
from afterboard.errors import InputError
from afterboard.ingest.files import read_text_file
from afterboard.postmortem import PostMortem
from afterboard.store.records import ROLES


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
    pm = read_document(file)
    sources = [_attachment(spec) for spec in attachments]
    store = open_archive(db)
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


def read_document(path: Path) -> PostMortem:
    """A PostMortem from afterboard's JSON (with or without the notes) or from a Markdown post-mortem."""
    text = read_text_file(path, what="post-mortem")
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return _from_json(text, path)
    try:
        from afterboard.parse import read_postmortem  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # the Markdown reader lands with the checks (issue 4)
        raise InputError(
            f"{path}: this version of afterboard cannot read Markdown post-mortems yet; save the JSON "
            "from `afterboard draft NOTES --format json` instead."
        ) from None
    pm: PostMortem = read_postmortem(path)
    return pm


def _from_json(text: str, path: Path) -> PostMortem:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path} is not valid JSON ({exc.msg} at line {exc.lineno}).") from None
    if isinstance(data, dict) and isinstance(data.get("postmortem"), dict):
        data = data["postmortem"]
    try:
        return PostMortem.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the document"
        raise InputError(
            f"{path} is not an afterboard post-mortem: {where}: {first['msg']} "
            "(expected the output of `afterboard draft --format json`)."
        ) from None


def _attachment(spec: str) -> tuple[str, Path]:
    role, sep, path = spec.partition("=")
    if not sep or role not in ROLES or not path:
        raise InputError(f"--attach: '{spec}' should be ROLE=PATH with ROLE one of {', '.join(ROLES)}.")
    source = Path(path)
    if not source.is_file():
        raise InputError(f"--attach: {source}: no such file.")
    return role, source
