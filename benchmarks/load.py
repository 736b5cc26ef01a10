"""Load test of team mode on loopback: two web processes, two workers, PostgreSQL, 50 concurrent users.

    python benchmarks/load.py --server postgresql://postgres@127.0.0.1:5432/test
    python benchmarks/load.py --server ... --users 50 --seconds 60 --photos 8

A new database is made on --server for the run (and dropped after it), migrated by the real `afterboard
migrate` with the procrastinate queue, and seeded with --seed post-mortems. Two `afterboard serve`
processes listen on two ports of 127.0.0.1 and the clients alternate between them request by request, as a
round-robin load balancer would; two `afterboard worker` processes read the photos with the real OCR
engine. For --seconds, --users simulated users each send one request after the other over the pages and
the API (as in benchmarks/web.py); meanwhile --photos copies of the example photo are uploaded through
the API, spread over the first half of the run. After the window, the run waits (bounded) for every photo
to be read. Reported: page and API latency (median, p99), requests a second, errors of any kind, and
photos a minute (photos read / time from the first upload to the last one read).

The app runs as a team runs it, with `auth = "password"`: --users accounts (role author) are made in the
archive before the run, and each simulated user signs in through the real sign-in form (CSRF cookie, then
POST /signin) and sends its session cookie with every request, to either web process.

--profile FOLDER samples both web processes with py-spy (`pip install py-spy`) for the whole window and
writes their stacks (FOLDER/web-N.txt, collapsed) and a summary (FOLDER/summary.txt: the share of samples
in each afterboard function, in the database driver, in templates, in the server itself).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from web import API_GETS, EXAMPLES, PAGES, _free_port, _load, _request, _seed

ROOT = Path(__file__).resolve().parents[1]
PHOTO_TIMEOUT = 900


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--server",
        default=os.environ.get("AFTERBOARD_TEST_DATABASE_URL"),
        help="A PostgreSQL server URL where a scratch database may be made [AFTERBOARD_TEST_DATABASE_URL].",
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0, help="How long the users send requests.")
    parser.add_argument("--seed", type=int, default=200, help="Post-mortems in the archive before the run.")
    parser.add_argument("--photos", type=int, default=8)
    parser.add_argument("--photo", type=Path, default=EXAMPLES / "checkout-outage.jpg")
    parser.add_argument("--profile", type=Path, help="Sample the web processes with py-spy into this folder.")
    args = parser.parse_args()
    if not args.server:
        raise SystemExit("Give --server postgresql://USER@HOST/DB (or set AFTERBOARD_TEST_DATABASE_URL).")

    with scratch_database(args.server) as url, tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "AFTERBOARD_DATABASE_URL": url,
            "AFTERBOARD_QUEUE": "procrastinate",
            "AFTERBOARD_AUTH": "password",
        }
        subprocess.run([sys.executable, "-m", "afterboard", "migrate"], env=env, check=True)
        ids = _seed(url, args.seed)  # type: ignore[arg-type]  # a URL works where the path goes
        add_accounts(url, args.users)
        ports = [_free_port(), _free_port()]
        logs = [Path(folder) / f"worker-{n}.log" for n in (1, 2)]
        started = [start(env, None, "serve", "--port", str(port)) for port in ports]
        started += [start(env, log, "worker") for log in logs]
        try:
            for port in ports:
                wait_ready(port)
            for log in logs:  # each worker has loaded its OCR engine
                wait_for_line(log, "taking jobs")
            print(
                f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
                f"Python {platform.python_version()}; load before: {_load()}"
            )
            print(
                f"archive: {len(ids)} post-mortems (PostgreSQL); web: 127.0.0.1:{ports[0]} and :{ports[1]}; "
                "2 workers (procrastinate)"
            )
            spies: list[subprocess.Popen[bytes]] = []

            before: list[float] = []

            def signed_in() -> None:  # the window starts once every user is signed in (Argon2 is not load)
                if args.profile:
                    spies.extend(profile(started[:2], args.profile, args.seconds))
                before.extend([_cpu(started[:2]), _cpu()])

            served = run(
                ports,
                ids,
                users=args.users,
                seconds=args.seconds,
                photo=args.photo,
                photos=args.photos,
                signed_in=signed_in,
            )
            web_cpu, all_cpu = _cpu(started[:2]) - before[0], _cpu() - before[1]
            print(
                f"CPU in the window: the two web processes {web_cpu:.1f} s "
                f"({web_cpu / served * 1000:.1f} ms a request); the whole machine {all_cpu:.1f} s "
                f"({all_cpu / served * 1000:.1f} ms a request: load generator, PostgreSQL and other users' "
                "work included)"
            )
            print(f"load after: {_load()}")
            for spy in spies:
                spy.wait(timeout=120)
            if args.profile:
                summarise(args.profile)
        finally:
            for process in started:
                process.send_signal(signal.SIGTERM)
            for process in started:
                try:
                    process.wait(timeout=120)
                except subprocess.TimeoutExpired:
                    process.kill()


@contextmanager
def scratch_database(server: str) -> Iterator[str]:
    import sqlalchemy as sa

    from afterboard.store.url import resolve_url

    admin = sa.create_engine(resolve_url(server), isolation_level="AUTOCOMMIT")
    name = f"afterboard_load_{os.getpid()}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield sa.engine.make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def start(env: dict[str, str], log: Path | None, *command: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "afterboard", *command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb") if log else subprocess.DEVNULL,
    )


def _cpu(processes: list[subprocess.Popen[bytes]] | None = None) -> float:
    """CPU seconds (user + system) the processes have used, or the whole machine has (from /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    if processes is None:
        fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:8]]
        return (sum(fields[:3]) + fields[5] + fields[6]) / ticks  # user, nice, system, irq, softirq
    total = 0
    for process in processes:
        stat = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(stat[11]) + int(stat[12])  # utime, stime
    return total / ticks


def profile(
    processes: list[subprocess.Popen[bytes]], folder: Path, seconds: float
) -> list[subprocess.Popen[bytes]]:
    """py-spy sampling each process for the run's window (collapsed stacks, 100 samples a second)."""
    folder.mkdir(parents=True, exist_ok=True)
    spy = Path(sys.executable).with_name("py-spy")
    options = ["--duration", str(int(seconds)), "--rate", "100", "--format", "raw", "--nonblocking"]
    return [
        subprocess.Popen(
            [str(spy), "record", "--pid", str(process.pid), *options, "-o", str(folder / f"web-{n}.txt")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for n, process in enumerate(processes, start=1)
    ]


def summarise(folder: Path) -> None:
    """Where the web processes' time went: the share of samples under each afterboard function (inclusive),
    and in a few places outside it, written to FOLDER/summary.txt and printed."""
    inclusive: dict[str, int] = {}
    total = 0
    for stacks in sorted(folder.glob("web-*.txt")):
        for line in stacks.read_text().splitlines():
            if not line.strip():
                continue
            stack, count = line.rsplit(" ", 1)
            total += int(count)
            seen = {frame.rsplit(":", 1)[0] for frame in stack.split(";")}
            places = {f for f in seen if "afterboard/" in f and "afterboard/cli" not in f}
            places |= {name for name, part in _PLACES.items() if any(part in f for f in seen)}
            for place in places:
                inclusive[place] = inclusive.get(place, 0) + int(count)
    lines = [f"{total} samples (both web processes, idle threads left out)"]
    lines += [
        f"{count / total:6.1%}  {place}"
        for place, count in sorted(inclusive.items(), key=lambda kv: -kv[1])[:60]
    ]
    (folder / "summary.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines[:40]))


_PLACES = {
    "[database driver: psycopg / sqlite3]": "psycopg/",
    "[SQLAlchemy]": "sqlalchemy/",
    "[Jinja2 templates]": "jinja2/",
    "[pydantic]": "pydantic/",
    "[HTTP server: uvicorn, h11]": "uvicorn/",
    "[ASGI framework: starlette, fastapi]": "starlette/",
}


def wait_for_line(log: Path, text: str) -> None:
    deadline = time.monotonic() + 300
    while text not in log.read_text(errors="replace"):
        if time.monotonic() > deadline:
            raise SystemExit(f"{log.name}: no '{text}' within 300 s")
        time.sleep(0.2)


def wait_ready(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _request(port, "GET", "/signin")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the web process on port {port} did not start within 60 s")


PASSWORD = "load-test password 1"


def add_accounts(url: str, users: int) -> None:
    """One author account a simulated user (the password is hashed as in production: Argon2id)."""
    from afterboard.store import open_store
    from afterboard.store.accounts import Accounts
    from afterboard.store.records import Role

    store = open_store(url)
    try:
        accounts = Accounts(store)
        for number in range(users):
            accounts.add(f"user{number}", role=Role.AUTHOR, password=PASSWORD)
    finally:
        store.close()


def sign_in(port: int, number: int) -> dict[str, str]:
    """Sign user `number` in through the form; the headers that carry its session and CSRF token."""
    status, _, cookies = _exchange(port, "GET", "/signin", None, {})
    csrf = cookies["afterboard_csrf"]
    form = urlencode({"csrf_token": csrf, "name": f"user{number}", "password": PASSWORD, "next": "/"})
    status, _, cookies = _exchange(
        port,
        "POST",
        "/signin",
        form.encode(),
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"afterboard_csrf={csrf}"},
    )
    if status != 303 or "afterboard_session" not in cookies:
        raise SystemExit(f"user{number} could not sign in (HTTP {status})")
    session = cookies["afterboard_session"]
    return {"Cookie": f"afterboard_csrf={csrf}; afterboard_session={session}", "X-CSRF-Token": csrf}


def _exchange(
    port: int, method: str, path: str, body: bytes | None, headers: dict[str, str]
) -> tuple[int, bytes, dict[str, str]]:
    """One request; its status, body and the cookies it sets."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        cookies = SimpleCookie()
        for header in response.headers.get_all("set-cookie") or []:
            cookies.load(header)
        return response.status, response.read(), {name: morsel.value for name, morsel in cookies.items()}
    finally:
        conn.close()


class Tally:
    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {"page": [], "api": [], "upload": []}
        self.by_target: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def record(self, kind: str, took: float, error: str | None, target: str = "") -> None:
        with self.lock:
            self.times[kind].append(took)
            self.by_target.setdefault(target or kind, []).append(took)
            if error:
                self.errors.append(error)


def run(
    ports: list[int],
    ids: list[int],
    *,
    users: int,
    seconds: float,
    photo: Path,
    photos: int,
    signed_in: Callable[[], None] = lambda: None,
) -> int:
    """Run the users and the uploads and print what they saw; the number of page and API requests."""
    # each user signs in on one web process; its session cookie is valid on either
    sessions = [sign_in(ports[number % 2], number) for number in range(users)]
    signed_in()
    headers = sessions[0]
    markdown = json.loads(_request(ports[1], "GET", f"/api/postmortems/{ids[0]}", None, headers)[1])[
        "markdown"
    ]
    preview = json.dumps({"markdown": markdown}).encode()
    plan = [("page", p) for p in PAGES] + [("api", p) for p in API_GETS] + [("api", "POST /api/preview")]
    tally = Tally()
    stop_at = time.perf_counter() + seconds

    def user(number: int) -> None:
        headers = sessions[number]
        step = 0
        while time.perf_counter() < stop_at:
            kind, target = plan[(number + step) % len(plan)]
            port = ports[(number + step) % 2]  # round robin over the two web processes
            path = target.replace("{id}", str(ids[(number * 7 + step) % len(ids)]))
            started = time.perf_counter()
            try:
                if target.startswith("POST "):
                    status, _ = _request(
                        port, "POST", "/api/preview", preview, {**headers, "Content-Type": "application/json"}
                    )
                else:
                    status, _ = _request(port, "GET", path, None, headers)
                error = None if status == 200 else f"{status} {path}"
            except OSError as exc:
                error = f"{type(exc).__name__} {path}"
            tally.record(kind, time.perf_counter() - started, error, target)
            step += 1

    uploads = Uploads(ports, headers, photo, photos, seconds / 2 / max(photos, 1), tally)
    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    threads.append(threading.Thread(target=uploads.run))
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    total = len(tally.times["page"]) + len(tally.times["api"])
    print(
        f"latency: {users} concurrent users for {wall:.0f} s: {total} requests ({total / wall:.0f}/s), "
        f"{len(tally.errors)} errors {tally.errors[:3]}"
    )
    for kind in ("page", "api", "upload"):
        values = sorted(tally.times[kind])
        if values:
            p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
            print(
                f"  {kind:6} n={len(values):5}  median {statistics.median(values) * 1000:6.0f} ms   "
                f"p99 {p99 * 1000:6.0f} ms"
            )
    medians = {t: statistics.median(v) for t, v in tally.by_target.items() if t != "upload"}
    print("  median by target: " + ", ".join(f"{t} {m * 1000:.0f} ms" for t, m in sorted(medians.items())))
    _wait_photos(uploads.snap_ids, uploads.first[0] if uploads.first else began, photo, headers)
    return total


@dataclass
class Uploads:
    """`photos` copies of the photo, `gap` seconds apart, alternating between the web processes."""

    ports: list[int]
    headers: dict[str, str]
    photo: Path
    photos: int
    gap: float
    tally: Tally
    snap_ids: list[tuple[int, int]] = field(default_factory=list)
    first: list[float] = field(default_factory=list)

    def run(self) -> None:
        data = self.photo.read_bytes()
        for n in range(self.photos):
            port = self.ports[n % 2]
            boundary = uuid.uuid4().hex
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; filename="b{n}.jpg"\r\n'
            body = (head + "Content-Type: image/jpeg\r\n\r\n").encode() + data
            body += f"\r\n--{boundary}--\r\n".encode()
            started = time.perf_counter()
            self.first[:] = self.first or [started]
            content = {**self.headers, "Content-Type": f"multipart/form-data; boundary={boundary}"}
            status, answer = _request(port, "POST", "/api/snaps", body, content)
            error = None if status == 202 else f"{status} upload"
            self.tally.record("upload", time.perf_counter() - started, error)
            if status == 202:
                self.snap_ids.append((port, json.loads(answer)["id"]))
            time.sleep(self.gap)


def _wait_photos(snap_ids: list[tuple[int, int]], first: float, photo: Path, headers: dict[str, str]) -> None:
    pending = {snap_id: port for port, snap_id in snap_ids}
    outcome: dict[str, int] = {}
    last = first
    while pending and time.perf_counter() - first < PHOTO_TIMEOUT:
        time.sleep(0.5)
        for snap_id, port in list(pending.items()):
            state = json.loads(_request(port, "GET", f"/api/snaps/{snap_id}", None, headers)[1])["status"]
            if state in {"done", "failed"}:
                del pending[snap_id]
                outcome[state] = outcome.get(state, 0) + 1
                last = time.perf_counter()
    read = outcome.get("done", 0)
    span = last - first
    print(
        f"photos: {len(snap_ids)} x {photo.name} uploaded over the first half of the run; {outcome}, "
        f"{len(pending)} still waiting; {read} read in {span:.0f} s by two workers: "
        f"{read / span * 60 if span else 0:.1f} photos a minute"
    )


if __name__ == "__main__":
    main()
