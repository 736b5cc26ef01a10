"""`afterboard serve`: the web app on this machine (snap from a phone, review, edit, publish, search)."""

from __future__ import annotations

import threading

import click

from afterboard.cli._archive import actor_or_login, db_option
from afterboard.errors import InputError

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on."
)
@click.option(
    "--open", "open_browser", is_flag=True, help="Open the app in the default browser once it runs."
)
@click.option(
    "--no-auth-on-network",
    is_flag=True,
    help='With auth = "none": listen on a non-loopback --host anyway (a network you trust).',
)
@db_option
def command(*, host: str, port: int, open_browser: bool, no_auth_on_network: bool, db: str | None) -> None:
    """Run the web app: snap a board, review what was read, edit the draft with live checks, publish.

    \b
    It listens on 127.0.0.1 (this machine only) unless --host says otherwise. With
    auth = "none" (single-user, no accounts) it refuses any other address unless told
    --no-auth-on-network; for a team, set auth = "password" or "proxy" and add people
    with `afterboard users add` (docs/accounts.md). A SQLite archive is created or
    migrated on start; a PostgreSQL one must be migrated with `afterboard migrate`.
    Stop it with Ctrl+C; a photo being read is read again on the next start.
    With queue = "procrastinate" (team mode, see docs/deploy.md) this process reads
    no photos, `afterboard worker` processes do, and several of these may run.
    """
    import uvicorn

    from afterboard.settings import load_settings
    from afterboard.store import migrate_store
    from afterboard.store.url import resolve_url, sqlite_path
    from afterboard.web import create_app
    from afterboard.web.options import WebOptions

    settings = load_settings(overrides={"database_url": db})
    if settings.auth == "none" and host not in LOCAL_HOSTS and not no_auth_on_network:
        raise InputError(
            f'Refusing to listen on {host} with auth = "none", where anyone who reaches it is an admin; '
            'set auth = "password" (docs/accounts.md), or pass --no-auth-on-network on a network you trust.'
        )
    _check_free(host, port)
    if sqlite_path(resolve_url(None, settings=settings)) is not None:
        migrate_store(settings=settings)
    app = create_app(settings, options=WebOptions(actor=actor_or_login(None)))
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in {'0.0.0.0', '::'} else shown}:{port}/"
    if host not in LOCAL_HOSTS and settings.auth == "none":
        click.echo(
            f"afterboard: listening on {host}: anyone who can reach this machine can use the app.", err=True
        )
    elif host not in LOCAL_HOSTS and not settings.secure_cookies:
        click.echo(
            "afterboard: sign-ins travel over plain HTTP unless a proxy adds HTTPS; serve it over HTTPS and "
            "set secure_cookies = true.",
            err=True,
        )
    if settings.auth == "password" and not settings.trusted_proxies:
        click.echo(
            "afterboard: failed sign-ins are counted per client address; behind a reverse proxy every "
            "client has the proxy's address, so set trusted_proxies to it (docs/deploy.md).",
            err=True,
        )
    click.echo(f"afterboard: serving on {url} (Ctrl+C to stop)", err=True)
    if open_browser:
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)


def _check_free(host: str, port: int) -> None:
    """Say in one sentence, before any work, that the address cannot be listened on."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise InputError(f"--host: '{host}' is not an address of this machine.") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            reason = (exc.strerror or str(exc)).lower()
            raise InputError(f"Cannot listen on {host}:{port} ({reason}); try another --port.") from None
