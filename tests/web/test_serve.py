"""`afterboard serve` as a user runs it: a real process on a loopback port, creating its SQLite archive."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from web.live import free_port


def test_serve_creates_the_archive_and_answers_on_loopback(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "AFTERBOARD_DATABASE_URL": str(tmp_path / "new" / "archive.db")}
    server = subprocess.Popen(
        [sys.executable, "-m", "afterboard", "serve", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        body, headers = "", {}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    body, headers = response.read().decode(), dict(response.headers)
                break
            except OSError:
                time.sleep(0.3)
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)

    assert "From the whiteboard to the post-mortem" in body
    assert "script-src 'self'" in headers["content-security-policy"]
    assert (tmp_path / "new" / "archive.db").exists()
    assert f"serving on http://127.0.0.1:{port}/" in stderr


def test_serve_says_so_when_the_port_is_taken(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env_db = tmp_path / "a.db"
        result = subprocess.run(
            [sys.executable, "-m", "afterboard", "serve", "--port", str(port)],
            env={**os.environ, "AFTERBOARD_DATABASE_URL": str(env_db)},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    assert result.returncode == 2
    assert result.stderr == (
        f"afterboard: Cannot listen on 127.0.0.1:{port} (address already in use); try another --port.\n"
    )
