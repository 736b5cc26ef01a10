"""What the archive commands share: --db and --actor, opening the store, and plain tables."""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from afterboard.errors import AfterboardError, InputError

if TYPE_CHECKING:
    from pydantic import BaseModel

    from afterboard.postmortem import PostMortem
    from afterboard.settings import Settings
    from afterboard.store.records import Saved
    from afterboard.store.store import Store
    from afterboard.team_vocabulary import TeamVocabulary

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db",
    metavar="URL",
    help="The archive: a SQLite file, sqlite:///PATH or postgresql://USER@HOST/DB [default: the "
    "database_url setting (AFTERBOARD_DATABASE_URL), else afterboard.db in the user data folder].",
)


def actor_option(func: F) -> F:
    return click.option(
        "--actor",
        metavar="NAME",
        help="Who is making the change, for the record [default: your login name].",
    )(func)


def open_archive(db: str | None, *, create: bool = False) -> Store:
    """The archive a command works on. With `create` (a command that adds to it) the default SQLite
    archive is made on first use, as `serve` makes it; a file named by --db or the settings, which may be a
    mistyped path, and a PostgreSQL archive are never made here (`afterboard migrate` makes them)."""
    from afterboard.settings import load_settings
    from afterboard.store import migrate_store, open_store
    from afterboard.store.url import resolve_url, sqlite_path

    settings = load_settings()
    if create and db is None and settings.database_url is None:
        path = sqlite_path(resolve_url(None, settings=settings))
        if path is not None and not path.exists():
            migrate_store(settings=settings)
    return open_store(db, settings=settings)


def archive_vocabulary(db: str | None, *, settings: Settings) -> TeamVocabulary:
    """The team's vocabulary from the archive, for reading a photo; the empty one where there is no archive
    (a laptop that never saved anything), which reading a photo never creates. An archive that is there but
    cannot be read is said in one line, and the photo is read without it."""
    from afterboard.store import open_store
    from afterboard.store.url import resolve_url, sqlite_path
    from afterboard.team_vocabulary import EMPTY

    try:
        path = sqlite_path(resolve_url(db, settings=settings))
        if path is not None and not path.exists():
            return EMPTY
        store = open_store(db, settings=settings)
        try:
            return store.team_vocabulary()
        finally:
            store.close()
    except AfterboardError as exc:
        click.echo(f"Reading without the team's vocabulary: {exc}", err=True)
        return EMPTY


def actor_or_login(actor: str | None) -> str | None:
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container: record no actor rather than fail
        return None


def parse_time(value: str | None, *, option: str) -> dt.datetime | None:
    """An ISO time; one without a zone is read as UTC."""
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option}: '{value}' is not a time; write it like 2026-11-20T14:02Z.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def echo_json(records: Sequence[BaseModel]) -> None:
    """Records as a JSON list on stdout."""
    click.echo(json.dumps([r.model_dump(mode="json") for r in records], indent=2, ensure_ascii=False))


def table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, widths: dict[int, int] | None = None
) -> str:
    """A plain-text table; column i is cut to widths[i] characters when given."""
    limits = widths or {}
    cells = [[_cell(v, limits.get(i)) for i, v in enumerate(row)] for row in rows]
    sizes = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(sizes[i]) for i, h in enumerate(headers)).rstrip()]
    lines += ["  ".join(c.ljust(sizes[i]) for i, c in enumerate(r)).rstrip() for r in cells]
    return "\n".join(lines) + "\n"


def _cell(value: object, limit: int | None) -> str:
    text = "" if value is None else str(value)
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def save_and_report(
    store: Store,
    pm: PostMortem,
    *,
    id: int | None = None,
    actor: str | None = None,
    message: str | None = None,
    incident: str | None = None,
    sources: Sequence[tuple[str, Path]] = (),
) -> Saved:
    """Save, keep the source files, record the check's findings, and tell the user (with similar ones)."""
    saved = store.save(pm, id=id, actor=actor, message=message, incident=incident)
    for role, path in sources:
        store.attach(saved.id, path, role=role, revision=saved.revision, actor=actor)
    _record_check(store, saved.id, pm, saved.revision)
    if not saved.changed:
        click.echo(f"Post-mortem {saved.id} is unchanged (still revision {saved.revision}).", err=True)
    elif saved.created:
        click.echo(f"Saved post-mortem {saved.id} (revision 1).", err=True)
    else:
        click.echo(f"Saved revision {saved.revision} of post-mortem {saved.id}.", err=True)
    if saved.created:
        hits = store.similar(pm, limit=3, exclude=saved.id)
        if hits:
            click.echo("Similar past post-mortems:", err=True)
            for hit in hits:
                click.echo(f"  #{hit.id}  {hit.title}  ({hit.occurred_on or 'no date'})", err=True)
    return saved


def save_draft(pm: PostMortem, sources: Sequence[tuple[str, Path]], *, db: str | None) -> Saved:
    """`draft --save` / `snap --save`: keep the new draft and its source files in the archive."""
    store = open_archive(db, create=True)
    try:
        return save_and_report(store, pm, actor=actor_or_login(None), sources=sources)
    finally:
        store.close()


def source_files(paths: Sequence[Path]) -> list[tuple[str, Path]]:
    """The files a draft was made from, as attachments: typed notes as 'notes', exports and logs as 'other'
    (a Slack export given as a folder is not a file and is not kept)."""
    notes = {".md", ".markdown", ".txt"}
    return [("notes" if p.suffix.lower() in notes else "other", p) for p in paths if p.is_file()]


def _record_check(store: Store, postmortem_id: int, pm: PostMortem, revision: int) -> None:
    from afterboard.checks import check
    from afterboard.settings import load_settings

    store.record_findings(postmortem_id, check(pm, settings=load_settings()), revision=revision)
