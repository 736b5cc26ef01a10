"""Fixtures shared by every test: a fixed reference date and the CLI, run in-process or as a real process."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from afterboard.cli import cli

TODAY = dt.date(2026, 11, 27)
"""Every test runs as if on this date, so relative deadlines ('by Fri', 'EOW') are stable."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the expected files of golden tests from the current output (review the diff!).",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Run `afterboard ARGS` in-process; returns click's Result (exit_code, stdout, stderr)."""

    def run(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return run


@pytest.fixture
def run_process(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `python -m afterboard ARGS` as a real process, as a user would, in a scratch folder."""

    def run(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "afterboard", *args],
            capture_output=True,
            text=True,
            cwd=cwd or tmp_path,
            timeout=timeout,
            check=False,
        )

    return run
