"""The web app under test: a real SQLite archive in a temporary folder, the real library behind every route,
the local worker without its thread (tests call `drain()`), and a fixed clock."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from afterboard.ingest.photo import PhotoReader
from afterboard.settings import Settings
from afterboard.store import migrate_store, open_store
from afterboard.store.store import Store
from afterboard.web import create_app
from afterboard.web.jobs import LocalQueue
from afterboard.web.options import WebOptions
from afterboard.web.security import CSRF_COOKIE

NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "afterboard" / "examples"
EXAMPLE_PHOTO = EXAMPLES / "checkout-outage.jpg"
EXAMPLE_NOTES = EXAMPLES / "checkout-outage.md"
LOW_CONFIDENCE = 0.97
"""Above the example photo's weakest readings (0.88-0.96), so its review page has doubtful notes to show."""


@dataclass
class Web:
    client: TestClient
    store: Store
    queue: LocalQueue

    @property
    def token(self) -> str:
        if CSRF_COOKIE not in self.client.cookies:
            self.client.get("/")
        return str(self.client.cookies[CSRF_COOKIE])

    def post_form(self, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        """A form post as the page makes it: with the CSRF token, not following the redirect."""
        return self.client.post(
            path, data={"csrf_token": self.token, **(data or {})}, follow_redirects=False, **kwargs
        )

    def api(self, method: str, path: str, **kwargs: Any) -> Any:
        """An API call as the page's script makes it: the cookie and the X-CSRF-Token header."""
        headers = {"X-CSRF-Token": self.token, **kwargs.pop("headers", {})}
        return self.client.request(method, path, headers=headers, **kwargs)

    def new_postmortem(self, notes: str | None = None) -> int:
        response = self.post_form("/postmortems/new", {"notes": notes or EXAMPLE_NOTES.read_text()})
        assert response.status_code == 303, response.text
        found = re.search(r"/postmortems/(\d+)/edit", response.headers["location"])
        assert found
        return int(found[1])

    def upload(self, data: bytes, filename: str = "board.jpg") -> Any:
        return self.post_form("/snap", {"kind": "incident"}, files={"photo": (filename, io.BytesIO(data))})


@contextmanager
def running_app(
    folder: Path,
    *,
    reader: PhotoReader | None = None,
    max_upload_bytes: int | None = None,
    board_sections: dict[str, str] | None = None,
) -> Iterator[Web]:
    url = f"sqlite:///{folder / 'archive.db'}"
    migrate_store(url)
    store = open_store(url, clock=lambda: NOW)
    settings = Settings(database_url=url, low_confidence=LOW_CONFIDENCE, board_sections=board_sections or {})
    queues: list[LocalQueue] = []

    def make_queue(s: Store) -> LocalQueue:
        queues.append(LocalQueue(s, settings, lambda: reader or PhotoReader(), threaded=False))
        return queues[0]

    extra = {"max_upload_bytes": max_upload_bytes} if max_upload_bytes else {}
    options = WebOptions(store=store, queue=make_queue, today=NOW.date, actor="tester", **extra)
    app = create_app(settings, options=options)
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            yield Web(client=client, store=store, queue=queues[0])
    finally:
        store.close()
