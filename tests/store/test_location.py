"""Which database: --db, the database_url setting (file or environment), or the user data folder."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from afterboard.errors import ConfigError
from afterboard.settings import load_settings
from afterboard.store.url import default_path, redact, resolve_url


def test_a_path_becomes_an_absolute_sqlite_url(tmp_path: Path) -> None:
    assert resolve_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"


def test_postgresql_urls_use_psycopg_3() -> None:
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"


def test_an_unsupported_url_is_a_config_error_that_hides_the_password() -> None:
    with pytest.raises(ConfigError, match=r"mysql://u:\*\*\*@h/db' is not supported"):
        resolve_url("mysql://u:secret@h/db")
    assert "secret" not in redact("postgresql://u:secret@h/db")


def test_the_setting_is_used_when_no_url_is_given(tmp_path: Path) -> None:
    settings = load_settings(cwd=tmp_path, env={"AFTERBOARD_DATABASE_URL": str(tmp_path / "team.db")})

    assert resolve_url(None, settings=settings) == f"sqlite:///{tmp_path / 'team.db'}"
    assert resolve_url(str(tmp_path / "mine.db"), settings=settings).endswith("mine.db")


def test_the_default_is_a_file_in_the_user_data_folder() -> None:
    assert resolve_url(None) == f"sqlite:///{default_path()}"
    assert default_path().name == "afterboard.db" and "afterboard" in default_path().parent.name


def test_the_cli_reads_database_url_from_afterboard_toml(
    tmp_path: Path, run_process: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    (tmp_path / "afterboard.toml").write_text('database_url = "team/archive.db"\n', encoding="utf-8")

    migrated = run_process("migrate", cwd=tmp_path)
    stats = run_process("stats", cwd=tmp_path)

    assert migrated.returncode == 0, migrated.stderr
    assert (tmp_path / "team" / "archive.db").is_file()
    assert "Post-mortems: 0" in stats.stdout


def test_importing_afterboard_store_loads_no_database_library() -> None:
    code = "import sys, afterboard.store, afterboard.cli; print('sqlalchemy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert result.stdout.strip() == "False"
