"""Schema versions: apply the Alembic migrations shipped in the package, and refuse a database not at head."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from afterboard.errors import StoreNotReadyError
from afterboard.store.schema import SEARCH_OBJECTS
from afterboard.store.url import redact

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class Migration:
    """What `migrate()` did: the schema version before and after, and the migrations applied in between."""

    before: str | None
    after: str
    applied: tuple[str, ...]


def include_object(_obj: Any, name: str | None, type_: str, _reflected: bool, _compare_to: Any) -> bool:
    """Leave the engine-specific full-text objects out of the model/database comparison."""
    if name is None:
        return True
    if name in SEARCH_OBJECTS:
        return False
    return not (type_ == "table" and name.startswith("search_fts"))


def config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config())


def head() -> str:
    revision = scripts().get_current_head()
    assert revision is not None
    return revision


def current(connection: Connection) -> str | None:
    """The migration the database is at, or None for a database without afterboard's tables."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, *, target: str = "head") -> Migration:
    """Bring the database to `target` (default: the newest migration), each migration in a transaction."""
    from alembic import command

    from afterboard.store.engine import WRITE

    with engine.connect().execution_options(**{WRITE: True}) as connection:
        before = current(connection)
        connection.commit()
        command.upgrade(config(connection), target)
        after = current(connection)
        connection.commit()
    assert after is not None
    names = [s.revision for s in reversed(list(scripts().walk_revisions()))]
    start = names.index(before) + 1 if before in names else 0
    stop = names.index(after) + 1
    return Migration(before=before, after=after, applied=tuple(names[start:stop]))


def ensure_current(connection: Connection, url: str) -> None:
    """Raise `StoreNotReadyError`, saying what to run, unless the database is at the newest migration."""
    where = redact(url)
    at = current(connection)
    newest = head()
    if at == newest:
        return
    if at is None:
        raise StoreNotReadyError(
            f"The archive at {where} has no tables yet; run `afterboard migrate` to create them."
        )
    if at not in {s.revision for s in scripts().walk_revisions()}:
        raise StoreNotReadyError(
            f"The archive at {where} was migrated by a newer afterboard (migration {at}); upgrade afterboard."
        )
    raise StoreNotReadyError(
        f"The archive at {where} is at migration {at}, older than this afterboard ({newest}); "
        "run `afterboard migrate` to update it."
    )
