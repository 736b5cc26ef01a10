"""Team-queue fixtures: a fresh PostgreSQL database per test, migrated by the real `afterboard migrate`
with the procrastinate queue, and `afterboard worker` processes started and stopped as a user would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from helpers import fresh_pg_database

HERE = Path(__file__).parent


@pytest.fixture
def team_db() -> Iterator[str]:
    """An empty database of this test's own on the PostgreSQL server, dropped afterwards."""
    server = os.environ.get("AFTERBOARD_TEST_DATABASE_URL")
    if not server:
        pytest.skip(
            "AFTERBOARD_TEST_DATABASE_URL is not set; the team queue needs PostgreSQL, so it is skipped."
        )
    with fresh_pg_database(server, "afterboard_team") as url:
        yield url


@pytest.fixture
def team_env(team_db: str, tmp_path: Path) -> dict[str, str]:
    """The environment of every process of the team: the archive, the procrastinate queue, the fake reader."""
    folder = tmp_path / "fake"
    folder.mkdir()
    return {
        **os.environ,
        "AFTERBOARD_DATABASE_URL": team_db,
        "AFTERBOARD_QUEUE": "procrastinate",
        "AFTERBOARD_PHOTO_READER": "fake_reader:make",
        "AFTERBOARD_FAKE_DIR": str(folder),
        "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
    }


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    log: Path

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@dataclass
class Team:
    env: dict[str, str]
    folder: Path
    workers: list[Worker] = field(default_factory=list)

    def start_worker(self, *args: str) -> Worker:
        log = self.folder / f"worker-{len(self.workers) + 1}.log"
        process = subprocess.Popen(
            [sys.executable, "-m", "afterboard", "worker", "--stalled-after", "3", *args],
            env=self.env,
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
            stderr=log.open("wb"),
        )
        worker = Worker(process, log)
        self.workers.append(worker)
        wait_for(lambda: "taking jobs" in worker.text(), what=f"worker {len(self.workers)} to start")
        return worker

    def start_web(self) -> str:
        """An `afterboard serve` process on a free port of the loopback; its address."""
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        log = self.folder / f"web-{port}.log"
        process = subprocess.Popen(
            [sys.executable, "-m", "afterboard", "serve", "--port", str(port)],
            env=self.env,
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
            stderr=log.open("wb"),
        )
        self.workers.append(Worker(process, log))  # stopped like the workers at the end
        wait_for(lambda: "serving on" in log.read_text(errors="replace"), what=f"the web on port {port}")
        return f"http://127.0.0.1:{port}"

    def reads(self) -> list[str]:
        path = Path(self.env["AFTERBOARD_FAKE_DIR"]) / "reads.log"
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


@pytest.fixture
def team(team_env: dict[str, str], tmp_path: Path) -> Iterator[Team]:
    """A migrated archive with the queue's tables; workers started by the test are stopped at the end."""
    migrated = subprocess.run(
        [sys.executable, "-m", "afterboard", "migrate"],
        env=team_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert migrated.returncode == 0, migrated.stderr
    assert "Created the job queue's tables" in migrated.stdout
    made = Team(team_env, tmp_path)
    yield made
    for worker in made.workers:
        if worker.process.poll() is None:
            worker.process.send_signal(signal.SIGTERM)
    for worker in made.workers:
        try:
            worker.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.process.kill()


def wait_for(condition: Callable[[], object], *, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)
