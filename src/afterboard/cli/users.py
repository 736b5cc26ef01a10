"""`afterboard users add|list|disable|enable|role|password|token`: the accounts of team mode.

The CLI acts as the local admin: whoever can run it on the server can read the database anyway. A
password is read from a prompt (typed twice, not echoed) or from standard input with --password-stdin,
never from the command line (where `ps` and the shell history would show it), and is never printed.
"""

from __future__ import annotations

import sys

import click

from afterboard.cli._archive import db_option, open_archive, table
from afterboard.errors import InputError
from afterboard.store.names import Role

ROLES = click.Choice([r.value for r in Role])


@click.group("users")
def command() -> None:
    """People who sign in to the web app in team mode (auth = "password" or "proxy"), and their roles."""


def _password(password_stdin: bool) -> str:
    if password_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        if not password:
            raise InputError("--password-stdin: standard input held no password; pipe it in on one line.")
        return password
    if not sys.stdin.isatty():
        raise InputError("No terminal to ask for the password on; pipe it in with --password-stdin.")
    value: str = click.prompt("Password", hide_input=True, confirmation_prompt="Password again")
    return value


@command.command("add")
@click.argument("name")
@click.option("--role", type=ROLES, default="author", show_default=True, help="What they may do.")
@click.option("--display-name", metavar="TEXT", help="How the pages name them [default: NAME].")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@click.option("--no-password", is_flag=True, help="No password: they sign in only through the trusted proxy.")
@db_option
def add(
    *,
    name: str,
    role: str,
    display_name: str | None,
    password_stdin: bool,
    no_password: bool,
    db: str | None,
) -> None:
    """Add an account NAME (an e-mail address or a user name); asks for its password twice."""
    store = open_archive(db, create=True)
    try:
        password = None if no_password else _password(password_stdin)
        user = store.accounts.add(name, role=Role(role), password=password, display_name=display_name)
    finally:
        store.close()
    click.echo(f"afterboard: added {user.name} ({user.role.value}).", err=True)


@command.command("list")
@db_option
def list_users(*, db: str | None) -> None:
    """The accounts, their roles and whether they are disabled."""
    store = open_archive(db)
    try:
        users = store.accounts.all()
    finally:
        store.close()
    rows = [
        (u.name, u.display_name, u.role.value, "disabled" if u.disabled else "active", u.has_password)
        for u in users
    ]
    click.echo(table(("name", "display name", "role", "state", "password"), rows), nl=False)


@command.command("disable")
@click.argument("name")
@db_option
def disable(*, name: str, db: str | None) -> None:
    """Disable account NAME: it is signed out everywhere and its API tokens stop working."""
    _set_disabled(name, db, disabled=True)


@command.command("enable")
@click.argument("name")
@db_option
def enable(*, name: str, db: str | None) -> None:
    """Let a disabled account NAME sign in again."""
    _set_disabled(name, db, disabled=False)


def _set_disabled(name: str, db: str | None, *, disabled: bool) -> None:
    store = open_archive(db)
    try:
        user = store.accounts.disable(name, disabled=disabled)
    finally:
        store.close()
    click.echo(f"afterboard: {user.name} is {'disabled' if disabled else 'enabled'}.", err=True)


@command.command("role")
@click.argument("name")
@click.argument("role", type=ROLES)
@db_option
def set_role(*, name: str, role: str, db: str | None) -> None:
    """Give account NAME the role viewer (reads), author (also writes) or admin (also manages)."""
    store = open_archive(db)
    try:
        user = store.accounts.set_role(name, Role(role))
    finally:
        store.close()
    click.echo(f"afterboard: {user.name} is now {user.role.value}.", err=True)


@command.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@db_option
def password(*, name: str, password_stdin: bool, db: str | None) -> None:
    """Set account NAME's password (signing it out everywhere)."""
    store = open_archive(db)
    try:
        store.accounts.set_password(name, _password(password_stdin))
    finally:
        store.close()
    click.echo(f"afterboard: the password of {name.strip().lower()} is set.", err=True)


@command.command("token")
@click.argument("name")
@click.option("--label", default="", help="What the token is for, to recognise it later.")
@db_option
def token(*, name: str, label: str, db: str | None) -> None:
    """Make an API token for account NAME; prints it once (scripts send `Authorization: Bearer TOKEN`)."""
    store = open_archive(db)
    try:
        record, secret = store.accounts.create_token(name, label)
    finally:
        store.close()
    click.echo(secret)
    click.echo(
        f"afterboard: token {record.id} ({record.label}) for {name.strip().lower()}; it is shown only "
        "this once.",
        err=True,
    )
