"""`afterboard users` and `afterboard access` as an admin runs them on the server: the CLI is the local
admin; passwords come from stdin or a prompt, never the command line; errors are one sentence."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from afterboard.store import open_store
from afterboard.store.records import Role, Viewer
from helpers import assert_one_clear_line
from store.store_factory import make_pm

Run = Callable[..., Result]
PASSWORD = "a long enough password"


@pytest.fixture
def archive(tmp_path: Path, run_cli: Run) -> str:
    db = str(tmp_path / "archive.db")
    assert run_cli("migrate", "--db", db).exit_code == 0
    return db


def test_add_list_role_disable_and_enable(archive: str, run_cli: Run) -> None:
    added = run_cli(
        "users",
        "add",
        "Ana@Example.com",
        "--role",
        "admin",
        "--password-stdin",
        "--db",
        archive,
        input=PASSWORD + "\n",
    )
    run_cli(
        "users", "add", "bob", "--role", "viewer", "--display-name", "Bob B", "--no-password", "--db", archive
    )
    run_cli("users", "role", "bob", "author", "--db", archive)
    run_cli("users", "disable", "bob", "--db", archive)

    listed = run_cli("users", "list", "--db", archive).output.splitlines()
    assert "added ana@example.com (admin)" in added.stderr
    assert listed[1].split() == ["ana@example.com", "Ana@Example.com", "admin", "active", "True"]
    assert listed[2].split() == ["bob", "Bob", "B", "author", "disabled", "False"]
    run_cli("users", "enable", "bob", "--db", archive)
    assert "active" in run_cli("users", "list", "--db", archive).output.splitlines()[2]


def test_a_token_is_printed_once_and_signs_the_api_in(archive: str, run_cli: Run) -> None:
    run_cli("users", "add", "ci", "--role", "viewer", "--no-password", "--db", archive)

    made = run_cli("users", "token", "ci", "--label", "nightly export", "--db", archive)

    secret = made.stdout.strip()
    assert len(secret) >= 40
    assert "shown only this once" in made.stderr
    store = open_store(archive)
    try:
        user = store.accounts.token_user(secret)
        assert user is not None and user.name == "ci"
    finally:
        store.close()


def test_access_restricts_and_opens_a_postmortem(archive: str, run_cli: Run) -> None:
    store = open_store(archive)
    try:
        pm_id = store.save(make_pm("Key leak")).id
    finally:
        store.close()

    restricted = run_cli(
        "access", str(pm_id), "--restrict", "Nia@Example.com", "--restrict", "sec", "--db", archive
    )
    assert (
        restricted.output.strip() == f"post-mortem {pm_id} is restricted to nia@example.com, sec (and admins)"
    )
    store = open_store(archive)
    try:
        assert store.as_viewer(Viewer(name="bob", role=Role.AUTHOR)).search("") == []
        assert [h.id for h in store.search("")] == [pm_id]  # the CLI: the local admin
    finally:
        store.close()
    assert run_cli("access", str(pm_id), "--team", "--db", archive).output.strip() == (
        f"post-mortem {pm_id} is visible to the team"
    )


def test_mistakes_are_one_sentence(
    archive: str, run_process: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    short = subprocess.run(
        [sys.executable, "-m", "afterboard", "users", "add", "kim", "--password-stdin", "--db", archive],
        input="short\n",
        capture_output=True,
        text=True,
        check=False,
    )
    no_terminal = subprocess.run(
        [sys.executable, "-m", "afterboard", "users", "add", "kim", "--db", archive],
        input="",
        capture_output=True,
        text=True,
        check=False,
    )
    unknown = run_process("users", "disable", "nobody", "--db", archive)
    both = run_process("access", "1", "--team", "--restrict", "x", "--db", archive)

    assert_one_clear_line(short.stderr, "at least 10 characters")
    assert_one_clear_line(no_terminal.stderr, "--password-stdin")
    assert_one_clear_line(unknown.stderr, "There is no account 'nobody'")
    assert_one_clear_line(both.stderr, "either --team or --restrict")
    assert {short.returncode, no_terminal.returncode, unknown.returncode, both.returncode} == {2}
