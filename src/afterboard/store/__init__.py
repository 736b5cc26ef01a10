"""The archive: every post-mortem with all its revisions, searchable, with its action items and deadlines.

    store = open_store()                      # the database named by settings, else the default SQLite file
    saved = store.save(pm, actor="ana")       # -> Saved(id=1, revision=1, created=True)
    store.search("certificate expired")       # -> [Hit(...)]

`open_store` refuses a database that is not at the newest migration (`afterboard migrate` fixes it);
`migrate_store` applies the migrations. Importing this package does no work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from afterboard.errors import StoreNotReadyError

if TYPE_CHECKING:
    from afterboard.settings import Settings
    from afterboard.store.records import Filters
    from afterboard.store.store import Clock, Store
    from afterboard.store.versioning import Migration

__all__ = ["Filters", "Store", "migrate_store", "open_store"]


def __getattr__(name: str) -> object:
    """`Store` and `Filters` load (with SQLAlchemy) only when asked for."""
    if name == "Store":
        from afterboard.store.store import Store

        return Store
    if name == "Filters":
        from afterboard.store.records import Filters

        return Filters
    raise AttributeError(f"module 'afterboard.store' has no attribute {name!r}")


def open_store(
    url: str | None = None, *, settings: Settings | None = None, clock: Clock | None = None
) -> Store:
    """The archive at `url` (a URL or a SQLite file path), else `settings.database_url`, else the default.

    Raises StoreNotReadyError, with the command to run, unless the database is fully migrated.
    """
    from afterboard.store.engine import create, translated
    from afterboard.store.store import Store, utc_now
    from afterboard.store.url import resolve_url, sqlite_path
    from afterboard.store.versioning import ensure_current

    resolved = resolve_url(url, settings=settings)
    path = sqlite_path(resolved)
    if path is not None and not path.exists():
        raise StoreNotReadyError(
            f"There is no archive at {path} yet; run `afterboard migrate` to create it."
            if url is None and (settings is None or settings.database_url is None)
            else f"There is no archive at {path}; check the path, or run `afterboard migrate --db {path}` "
            "to create one there."
        )
    engine = create(resolved)
    with translated(resolved), engine.connect() as conn:
        ensure_current(conn, resolved)
    policy = settings.policy if settings is not None else None
    return Store(engine, url=resolved, policy=policy, clock=clock or utc_now)


def migrate_store(url: str | None = None, *, settings: Settings | None = None) -> Migration:
    """Create or update the archive's tables (creating the SQLite file and its folder if needed)."""
    from afterboard.store.engine import create, translated
    from afterboard.store.url import resolve_url, sqlite_path
    from afterboard.store.versioning import migrate

    resolved = resolve_url(url, settings=settings)
    path = sqlite_path(resolved)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create(resolved)
    try:
        with translated(resolved):
            return migrate(engine)
    finally:
        engine.dispose()
