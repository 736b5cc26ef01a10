"""Assertions and file helpers for tests (import with `from helpers import ...`)."""

from __future__ import annotations

from pathlib import Path


def assert_one_clear_line(stderr: str, *fragments: str) -> None:
    """A user-facing error: one line, no traceback, naming what went wrong."""
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    for fragment in fragments:
        assert fragment in lines[0], stderr


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path
