"""Settings: one declarative table, read once at the edge (CLI `main()`, the web app factory).

Sources, later ones winning: the defaults below; `afterboard.toml` (or `[tool.afterboard]` in
`pyproject.toml`) in the working directory or the nearest parent; environment variables named
`AFTERBOARD_<SETTING>` (e.g. `AFTERBOARD_TIMEZONE=Europe/Berlin`); command-line options.
The field descriptions are the documentation: `docs/configuration.md` is checked against them by a test.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from afterboard.errors import ConfigError
from afterboard.policy import Policy

CONFIG_FILE = "afterboard.toml"
TABLES = frozenset({"policy", "checks", "board_sections"})
"""Settings that are tables: given in the configuration file only, not as environment variables."""


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    timezone: str = Field(
        "UTC", description="Time zone for times the notes write without one, unless the notes state one."
    )
    date_order: Literal["MDY", "DMY", "YMD"] = Field(
        "MDY", description="How to read an ambiguous date like 12/05: MDY (Dec 5) or DMY (12 May)."
    )
    sprint_days: int = Field(14, gt=0, description="Length of a sprint, for deadlines like 'next sprint'.")
    low_confidence: float = Field(
        0.6, ge=0, le=1, description="Notes read with less confidence than this are marked (?) for review."
    )
    paper: Literal["A4", "Letter"] = Field("A4", description="Page size of PDF and Word documents.")
    people: tuple[str, ...] = Field(
        (),
        description="Names of people to replace by roles in the public version, besides those the "
        "document gives (authors, owners, @handles); a list, or one comma-separated string.",
    )
    database_url: str | None = Field(
        None,
        description=(
            "Where the archive lives: a SQLite file path or sqlite:/// URL, or a postgresql:// URL for a "
            "team server [default: afterboard.db in the user data folder]."
        ),
    )
    queue: Literal["local", "procrastinate"] = Field(
        "local",
        description=(
            "Who reads uploaded photos: local (a worker thread inside `afterboard serve`) or procrastinate "
            "(jobs on the PostgreSQL archive, read by `afterboard worker` processes on any machine)."
        ),
    )
    photo_reader: str | None = Field(
        None,
        description=(
            "module:function of a factory that makes the photo reader workers use, for another OCR "
            "engine or for tests [default: the bundled OCR engine]."
        ),
    )
    board_sections: dict[str, str] = Field(
        default_factory=dict,
        description="How a board's headers read, over the built-in retro table: header → section key "
        "(impact, timeline, root_cause, contributing_factors, went_well, action_items, lessons_learned...), "
        'or "" to keep its notes under the header\'s own words.',
    )
    policy: Policy = Field(default_factory=Policy, description="The domain numbers; see the [policy] table.")
    checks: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Per-rule options, e.g. [checks.action-items-vague] enabled = false.",
    )

    # -- team mode: accounts and sign-in (docs/accounts.md) ---------------------------------------------
    auth: Literal["none", "password", "proxy"] = Field(
        "none",
        description="Who may use the web app: none (single user, everyone is an admin; loopback only "
        "unless serve is told otherwise), password (accounts sign in), or proxy (a trusted reverse proxy "
        "names the user in a header).",
    )
    secure_cookies: bool = Field(
        False, description="Mark the session cookie Secure: set it when the app is served over HTTPS."
    )
    session_idle_minutes: int = Field(
        480, gt=0, description="A session unused for this long is over; the person signs in again."
    )
    session_lifetime_hours: int = Field(
        168, gt=0, description="A session is over this long after signing in, however much it is used."
    )
    sign_in_attempts: int = Field(
        5, gt=0, description="Failed sign-ins allowed per account and per client address in the window."
    )
    sign_in_window_minutes: int = Field(
        15, gt=0, description="The window for sign_in_attempts; after it, signing in may be tried again."
    )
    proxy_user_header: str = Field(
        "X-Forwarded-User", description='With auth = "proxy": the header the proxy names the user in.'
    )
    trusted_proxies: tuple[str, ...] = Field(
        (),
        description="Addresses or networks (10.0.0.0/8) of the reverse proxies whose user header and "
        "X-Forwarded-For are believed; a list, or one comma-separated string.",
    )

    @field_validator("people", "trusted_proxies", mode="before")
    @classmethod
    def _split_names(cls, value: Any) -> Any:
        """AFTERBOARD_PEOPLE='Ana Lima, Bob' is a list of two names."""
        return (
            [name.strip() for name in value.split(",") if name.strip()] if isinstance(value, str) else value
        )

    @field_validator("board_sections")
    @classmethod
    def _section_keys(cls, value: dict[str, str]) -> dict[str, str]:
        """Each header names a section key, or '' to keep its own words; a typo is caught now."""
        from afterboard.sections import Section

        keys = {s.value for s in Section}
        for header, key in value.items():
            if key and key not in keys:
                known = ", ".join(sorted(keys))
                raise ValueError(
                    f"header '{header}' names '{key}', which is no section; use one of {known}, "
                    'or "" to keep its own words'
                )
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        """Each is an address or a network (10.0.0.0/8), checked now rather than on the first request."""
        import ipaddress

        for entry in value:
            try:
                ipaddress.ip_network(entry.strip(), strict=False)
            except ValueError:
                raise ValueError(f"'{entry}' is not an address or a network such as 10.0.0.0/8") from None
        return value


def load_settings(
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Settings from the configuration file nearest to `cwd`, then the environment, then `overrides`."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    found = find_config(cwd or Path.cwd())
    if found is not None:
        values.update(_read_config(found))
    for name in Settings.model_fields:
        key = f"AFTERBOARD_{name.upper()}"
        if key in env and name not in TABLES:
            values[name] = env[key]
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        where = f" in {found}" if found else ""
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"Setting '{field}'{where} is invalid: {first['msg']}.") from None


def find_config(start: Path) -> Path | None:
    """The nearest afterboard.toml, or pyproject.toml with a [tool.afterboard] table, at or above `start`."""
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "afterboard" in _load_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_config(path: Path) -> dict[str, Any]:
    data = _load_toml(path)
    if path.name == "pyproject.toml":
        table: dict[str, Any] = data["tool"]["afterboard"]
        return table
    return data


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Cannot read the configuration file {path}: {exc}.") from None
