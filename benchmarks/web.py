"""Benchmark the web app on loopback: page and API latency at 20 concurrent users, and photos a minute.

    python benchmarks/web.py                        # 20 users x 40 requests, then 6 photos
    python benchmarks/web.py --users 20 --requests 40 --photos 6 --photo board.jpg

The server runs as its own process (`afterboard serve` on 127.0.0.1 and a free port) over a new SQLite
archive seeded with --seed post-mortems drafted from the example notes, so the load generator does not
share its interpreter. Each simulated user sends --requests requests one after the other, cycling through
the pages (home, archive, one post-mortem, its editor, search, actions, stats) and the API (a document,
search, actions, stats, the editor's live preview); latencies are measured by the client, end to end.
One user first (the service time of a request), then --users at once (what queueing adds).
Then --photos copies of the photo are uploaded at once to the one local worker and the run waits until
every one is read (or failed): photos a minute is how many it finished divided by the wall time.
Everything is bounded (request counts, a timeout on each request and on the whole photo run) and only
127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "afterboard" / "examples"
PAGES = (
    "/",
    "/postmortems",
    "/postmortems/{id}",
    "/postmortems/{id}/edit",
    "/search?q=rollback",
    "/actions",
    "/stats",
)
API_GETS = ("/api/postmortems/{id}", "/api/search?q=connection+pool", "/api/actions", "/api/stats")
REQUEST_TIMEOUT = 60
PHOTO_TIMEOUT = 900


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=40, help="Requests each user sends.")
    parser.add_argument("--seed", type=int, default=200, help="Post-mortems in the archive before the run.")
    parser.add_argument("--photos", type=int, default=6)
    parser.add_argument("--photo", type=Path, default=EXAMPLES / "checkout-outage.jpg")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="afterboard-web-bench-") as folder:
        db = Path(folder) / "archive.db"
        ids = _seed(db, args.seed)
        port = _free_port()
        server = _start(db, port)
        try:
            _wait_ready(port)
            print(
                f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
                f"Python {platform.python_version()}; load before: {_load()}"
            )
            print(f"archive: {len(ids)} post-mortems (SQLite); server: 127.0.0.1:{port}, one process")
            _latency(port, ids, users=1, requests=args.requests)  # service time, no queueing
            _latency(port, ids, users=args.users, requests=args.requests)
            print(f"load after the latency run: {_load()}")
            _photos(port, args.photo, args.photos)
            print(f"load after the photo run: {_load()}")
        finally:
            server.terminate()
            server.wait(timeout=30)


def _seed(db: Path, count: int) -> list[int]:
    from afterboard.checks import check
    from afterboard.drafting import draft
    from afterboard.ingest.text import read_notes
    from afterboard.store import migrate_store, open_store

    migrate_store(str(db))
    store = open_store(str(db))
    board = read_notes(EXAMPLES / "checkout-outage.md")
    base = draft(board)
    documents = [base.model_copy(update={"title": f"{base.title} #{n}"}) for n in range(count)]
    saved = store.save_many(documents, actor="bench")
    findings = check(base)  # recorded with each, as `afterboard save` and the web app record them
    for s in saved:
        store.record_findings(s.id, findings, revision=s.revision)
    store.close()
    return [s.id for s in saved]


def _start(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "AFTERBOARD_DATABASE_URL": str(db)}
    command = [sys.executable, "-m", "afterboard", "serve", "--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_ready(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _ = _request(port, "GET", "/api/stats")
            if status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start within 60 s")


def _request(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _latency(port: int, ids: list[int], *, users: int, requests: int) -> None:
    markdown = json.loads(_request(port, "GET", f"/api/postmortems/{ids[0]}")[1])["markdown"]
    preview = json.dumps({"markdown": markdown}).encode()
    times: dict[str, list[float]] = {"page": [], "api": []}
    errors: list[str] = []
    lock = threading.Lock()

    def user(number: int) -> None:
        plan = [("page", p) for p in PAGES] + [("api", p) for p in API_GETS] + [("api", "POST /api/preview")]
        for step in range(requests):
            kind, target = plan[(number + step) % len(plan)]
            path = target.replace("{id}", str(ids[(number * 7 + step) % len(ids)]))
            started = time.perf_counter()
            if target.startswith("POST "):
                status, _ = _request(
                    port, "POST", "/api/preview", preview, {"Content-Type": "application/json"}
                )
            else:
                status, _ = _request(port, "GET", path)
            took = time.perf_counter() - started
            with lock:
                times[kind].append(took)
                if status != 200:
                    errors.append(f"{status} {path}")

    started = time.perf_counter()
    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    total = sum(len(v) for v in times.values())
    print(
        f"latency: {users} concurrent users x {requests} requests = {total} in {wall:.1f} s "
        f"({total / wall:.0f} requests/s), {len(errors)} errors {errors[:3]}"
    )
    for kind, values in times.items():
        ordered = sorted(values)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        print(
            f"  {kind:5} n={len(values):4}  median {statistics.median(values) * 1000:6.0f} ms   "
            f"p99 {p99 * 1000:6.0f} ms"
        )


def _photos(port: int, photo: Path, count: int) -> None:
    data = photo.read_bytes()
    snap_ids = []
    started = time.perf_counter()
    for n in range(count):
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; filename="board-{n}.jpg"\r\n'
                "Content-Type: image/jpeg\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        status, answer = _request(
            port, "POST", "/api/snaps", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )
        if status != 202:
            raise SystemExit(f"upload refused: {status} {answer[:200]!r}")
        snap_ids.append(json.loads(answer)["id"])
    uploaded = time.perf_counter() - started
    pending = set(snap_ids)
    outcome: dict[str, int] = {}
    while pending and time.perf_counter() - started < PHOTO_TIMEOUT:
        time.sleep(0.5)
        for snap_id in list(pending):
            state = json.loads(_request(port, "GET", f"/api/snaps/{snap_id}")[1])["status"]
            if state in {"done", "failed"}:
                pending.discard(snap_id)
                outcome[state] = outcome.get(state, 0) + 1
    wall = time.perf_counter() - started
    finished = count - len(pending)
    print(
        f"photos: {count} x {photo.name} ({len(data) / 1e6:.1f} MB) uploaded in {uploaded:.1f} s; "
        f"{finished} read in {wall:.1f} s by one worker ({outcome}): "
        f"{finished / wall * 60:.1f} photos a minute, "
        f"{wall / max(finished, 1):.1f} s a photo (the first includes loading the OCR engine)"
    )


def _load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


if __name__ == "__main__":
    main()
