"""The web app in team mode under test: a real SQLite archive, accounts of every role signed in through the
sign-in page, a team post-mortem and a restricted one (each with action items, files and a snap)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from afterboard.ingest.photo import PhotoReader
from afterboard.settings import Settings
from afterboard.store import migrate_store, open_store
from afterboard.store.records import Role
from afterboard.store.store import Store
from afterboard.web import create_app
from afterboard.web.jobs import LocalQueue
from afterboard.web.options import WebOptions
from afterboard.web.security import CSRF_COOKIE
from store.store_factory import Clock
from web.webapp import EXAMPLE_NOTES, EXAMPLE_PHOTO, LOW_CONFIDENCE, NOW

PASSWORD = "correct horse battery staple"
PEOPLE = {
    "viewer": ("vic@example.com", Role.VIEWER),
    "author": ("ann@example.com", Role.AUTHOR),
    "admin": ("ada@example.com", Role.ADMIN),
    "named": ("nia@example.com", Role.AUTHOR),
}
"""Who signs in; `named` is an author named on the restricted post-mortem."""
SECRET_WORD = "zeppelin"
SECRET_NOTES = (
    EXAMPLE_NOTES.read_text()
    .replace("Checkout", "Zeppelin key compromise and checkout", 1)
    .replace("Root cause", f"Root cause\n- a {SECRET_WORD} credential leaked and", 1)
)


@dataclass
class Team:
    app: FastAPI
    store: Store
    clock: Clock
    queue: LocalQueue
    clients: dict[str, TestClient] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    """team/secret: post-mortems; *_snap, *_action, *_file: theirs."""

    def client(self, who: str) -> TestClient:
        """A browser signed in as `who` (a key of PEOPLE), or a stranger's ('stranger')."""
        if who not in self.clients:
            client = TestClient(self.app, raise_server_exceptions=False)
            client.get("/signin")  # the CSRF cookie, as a browser gets it
            if who != "stranger":
                signed = sign_in(client, PEOPLE[who][0], PASSWORD)
                assert signed.status_code == 303, signed.text
            self.clients[who] = client
        return self.clients[who]

    def fresh(self, who: str) -> TestClient:
        """Another browser, signed in anew (for sign-out, which ends the session)."""
        self.clients.pop(who, None)
        client = self.client(who)
        del self.clients[who]
        return client


def sign_in(client: TestClient, name: str, password: str, **extra: Any) -> Any:
    data = {"csrf_token": client.cookies.get(CSRF_COOKIE) or "", "name": name, "password": password, **extra}
    return client.post("/signin", data=data, follow_redirects=False)


def csrf(client: TestClient) -> str:
    return str(client.cookies.get(CSRF_COOKIE) or "")


def routes(app: FastAPI) -> set[tuple[str, str]]:
    """Every (method, path) the app serves through FastAPI, however it keeps included routers."""
    found: set[tuple[str, str]] = set()

    def walk(items: Any) -> None:
        for route in items:
            if isinstance(route, APIRoute) or (hasattr(route, "endpoint") and hasattr(route, "methods")):
                found.update((method, route.path) for method in route.methods)
            elif hasattr(route, "effective_route_contexts"):
                walk(route.effective_route_contexts())
            elif hasattr(route, "routes"):
                walk(route.routes)

    walk(app.routes)
    return {(m, p) for m, p in found if m != "HEAD"}


@contextmanager
def team_app(folder: Path, reader: PhotoReader, **settings: Any) -> Iterator[Team]:
    url = f"sqlite:///{folder / 'archive.db'}"
    migrate_store(url)
    clock = Clock(NOW)
    store = open_store(url, clock=clock)
    config = Settings(database_url=url, low_confidence=LOW_CONFIDENCE, **{"auth": "password", **settings})
    queues: list[LocalQueue] = []

    def make_queue(s: Store) -> LocalQueue:
        queues.append(LocalQueue(s, config, lambda: reader, threaded=False))
        return queues[0]

    app = create_app(
        config, options=WebOptions(store=store, queue=make_queue, today=NOW.date, actor="server")
    )
    for name, role in PEOPLE.values():
        store.accounts.add(name, role=role, password=PASSWORD)
    try:
        with TestClient(app, raise_server_exceptions=False):
            team = Team(app=app, store=store, clock=clock, queue=queues[0])
            yield team
    finally:
        store.close()


def furnish(team: Team) -> None:
    """The post-mortems the permission tests act on, made through the app as the author and the admin."""
    author, admin = team.client("author"), team.client("admin")
    photo = EXAMPLE_PHOTO.read_bytes()
    uploaded = author.post(
        "/snap",
        data={"csrf_token": csrf(author), "kind": "incident"},
        files={"photo": ("board.jpg", io.BytesIO(photo))},
        follow_redirects=False,
    )
    assert uploaded.status_code == 303, uploaded.text
    team.queue.drain()
    snap_id = int(uploaded.headers["location"].rsplit("/", 1)[1])
    team.ids["team"] = author.post(
        f"/api/snaps/{snap_id}/draft", headers={"X-CSRF-Token": csrf(author)}
    ).json()["id"]
    team.ids["team_snap"] = snap_id
    made = admin.post("/api/postmortems", json={"notes": SECRET_NOTES}, headers={"X-CSRF-Token": csrf(admin)})
    assert made.status_code == 201, made.text
    secret = made.json()["saved"]["id"]
    team.ids["secret"] = secret
    read = team.store.snap(snap_id)
    assert read.board is not None
    copy = team.store.add_snap(photo, filename="secret-board.jpg", kind="incident", actor=PEOPLE["admin"][0])
    team.store.claim_snap(copy.id)
    team.store.finish_snap(copy.id, read.board, team.store.snap_photo(read, annotated=True))
    team.store.link_snap(copy.id, secret)
    team.ids["secret_snap"] = copy.id
    for key in ("team", "secret"):
        attached = team.store.attach(team.ids[key], b"# notes\n", role="notes", filename="notes.md")
        team.ids[f"{key}_file"] = attached.id
        team.ids[f"{key}_action"] = team.store.actions(postmortem_id=team.ids[key])[0].id
    changed = admin.put(
        f"/api/postmortems/{secret}/access",
        json={"visibility": "restricted", "people": [PEOPLE["named"][0]]},
        headers={"X-CSRF-Token": csrf(admin)},
    )
    assert changed.status_code == 200, changed.text


def later(team: Team, delta: dt.timedelta) -> None:
    team.clock.set(team.clock.now + delta)
