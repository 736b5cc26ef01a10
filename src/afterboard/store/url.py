"""Which database: a URL or file given, else the `database_url` setting, else a file in the data folder."""

from __future__ import annotations

from pathlib import Path

from afterboard.errors import ConfigError
from afterboard.settings import Settings

DEFAULT_FILE = "afterboard.db"


def default_path() -> Path:
    """`afterboard.db` in the user's data folder (~/.local/share/afterboard on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("afterboard", appauthor=False) / DEFAULT_FILE


def resolve_url(url: str | None = None, *, settings: Settings | None = None) -> str:
    """A SQLAlchemy URL with an explicit driver, from a URL, a file path, the settings or the default.

    `postgresql://` becomes `postgresql+psycopg://` (psycopg 3); a bare path becomes `sqlite:///PATH`.
    """
    chosen = url or (settings.database_url if settings is not None else None)
    if not chosen:
        return f"sqlite:///{default_path()}"
    if "://" not in chosen:
        return f"sqlite:///{Path(chosen).expanduser().absolute()}"
    scheme, rest = chosen.split("://", 1)
    if scheme in {"postgresql", "postgres"}:
        return f"postgresql+psycopg://{rest}"
    if scheme in {"sqlite", "postgresql+psycopg"}:
        return chosen
    raise ConfigError(
        f"Database URL '{redact(chosen)}' is not supported; use a SQLite file path, sqlite:///PATH "
        "or postgresql://USER@HOST/DB."
    )


def sqlite_path(url: str) -> Path | None:
    """The file of a `sqlite:///` URL (None for other databases and for in-memory SQLite)."""
    if not url.startswith("sqlite:///"):
        return None
    path = url.removeprefix("sqlite:///").split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None


def redact(url: str) -> str:
    """The URL with any password hidden, for messages."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
