"""What accounts cost: Argon2id hashing (a sign-in's CPU), and a request's latency without accounts, with
a session cookie and with an API token (each is one database lookup more), over a real SQLite archive.

    python benchmarks/auth.py [--requests 400] [--hashes 20]

Prints a Markdown table to paste into benchmarks/RESULTS.md, with the machine and its load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from afterboard.settings import Settings
from afterboard.store import migrate_store, open_store
from afterboard.store.passwords import hash_password, verify_password
from afterboard.store.records import Role
from afterboard.web import create_app
from afterboard.web.options import WebOptions

PASSWORD = "correct horse battery staple"


def _times(call: object, n: int) -> list[float]:
    assert callable(call)
    out = []
    for _ in range(n):
        start = time.perf_counter()
        call()
        out.append(time.perf_counter() - start)
    return out


def _row(name: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"| {name} | {len(seconds)} | {statistics.median(seconds) * 1000:.2f} ms | {p99 * 1000:.2f} ms |"


def _requests(folder: Path, mode: str, n: int) -> list[str]:
    """GET /api/stats `n` times without accounts, or with a session cookie and with an API token."""
    url = f"sqlite:///{folder / f'{mode}.db'}"
    migrate_store(url)
    store = open_store(url)
    store.accounts.add("ana@example.com", role=Role.AUTHOR, password=PASSWORD)
    _, token = store.accounts.create_token("ana@example.com")
    app = create_app(Settings(database_url=url, auth=mode), options=WebOptions(store=store))
    rows = []
    try:
        with TestClient(app) as client:
            if mode == "none":
                client.get("/api/stats")
                return [_row("GET /api/stats, auth = none", _times(lambda: client.get("/api/stats"), n))]
            client.get("/signin")
            form = {
                "csrf_token": client.cookies["afterboard_csrf"],
                "name": "ana@example.com",
                "password": PASSWORD,
            }
            client.post("/signin", data=form)
            rows.append(_row("GET /api/stats, session cookie", _times(lambda: client.get("/api/stats"), n)))
            # the same client (one event loop); a Bearer header is looked at before the cookie
            headers = {"Authorization": f"Bearer {token}"}
            by_token = _times(lambda: client.get("/api/stats", headers=headers), n)
            rows.append(_row("GET /api/stats, API token", by_token))
    finally:
        store.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--hashes", type=int, default=20)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    encoded = hash_password(PASSWORD)
    rows = [
        _row(
            "Argon2id hash (adding a user, a new password)",
            _times(lambda: hash_password(PASSWORD), args.hashes),
        ),
        _row(
            "Argon2id verify (one sign-in)", _times(lambda: verify_password(encoded, PASSWORD), args.hashes)
        ),
        _row(
            "verify for an unknown name (dummy hash)",
            _times(lambda: verify_password(None, PASSWORD), args.hashes),
        ),
    ]
    with tempfile.TemporaryDirectory() as folder:
        rows += _requests(Path(folder), "none", args.requests)
        rows += _requests(Path(folder), "password", args.requests)
    print(f"### auth — {dt.date.today().isoformat()}\n")
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"load average {load:.2f} at the start (other work shares the cores). Command: "
        f"`python benchmarks/auth.py --requests {args.requests} --hashes {args.hashes}`; "
        "requests in-process (TestClient), SQLite.\n"
    )
    print("| measure | n | median | p99 |\n|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
