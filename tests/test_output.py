"""A file afterboard writes is replaced whole or not at all, even when the process is killed mid-write."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from afterboard.output import write_atomic

WRITER = """
import sys
from pathlib import Path
from afterboard.output import write_atomic
target = Path(sys.argv[1])
n = 0
while True:
    n += 1
    write_atomic(target, (f"version {n}\\n" * 200_000))
    print(n, flush=True)
"""


def test_write_atomic_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "pm.md"
    write_atomic(target, "one")
    write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["pm.md"]


def test_a_killed_writer_leaves_a_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "pm.md"
    write_atomic(target, "version 0\n" * 200_000)
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    proc.stdout.readline()  # at least one rewrite finished; kill it while it writes the next ones
    time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    lines = target.read_text().splitlines()
    assert len(lines) == 200_000
    assert len(set(lines)) == 1 and lines[0].startswith("version ")


def test_a_new_file_gets_the_usual_mode_and_an_old_file_keeps_its_own(tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    os.umask(umask)
    fresh = tmp_path / "fresh.md"
    write_atomic(fresh, "x")
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    private = tmp_path / "private.md"
    private.write_text("old")
    private.chmod(0o600)
    write_atomic(private, "new")
    assert private.stat().st_mode & 0o777 == 0o600
