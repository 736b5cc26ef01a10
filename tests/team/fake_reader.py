"""A photo reader for queue tests and benchmarks, chosen with `photo_reader = "fake_reader:make"`: real
photo loading, no OCR, so fifty jobs take seconds. What it does depends on the uploaded file's name:

- `slow-*`: takes FAKE_SLOW_SECONDS (default 6) before answering, long enough to kill its worker mid-job;
- `crash-*`: raises RuntimeError every time (a bug, not a bad photo);
- `flaky-*`: raises RuntimeError the first time only (a marker file in AFTERBOARD_FAKE_DIR remembers);
- `real-*`: read by the real OCR engine;
- anything else: one note, at once.

Every read appends "<pid> <name>" to AFTERBOARD_FAKE_DIR/reads.log, so a test sees who started what.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from afterboard.board import Board, Note
from afterboard.ingest.image import Photo, load_photo


@dataclass(frozen=True)
class Result:
    board: Board
    photo: Photo


class FakeReader:
    def __init__(self) -> None:
        self.folder = Path(os.environ["AFTERBOARD_FAKE_DIR"])
        self._real: Any = None

    def read_full(
        self, path: Path, *, today: dt.date | None = None, words: Collection[str] | None = None
    ) -> Any:
        with (self.folder / "reads.log").open("a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {path.name}\n")
        if path.name.startswith("real-"):
            if self._real is None:
                from afterboard.ingest.photo import PhotoReader

                self._real = PhotoReader()
            return self._real.read_full(path, today=today, words=words)
        photo = load_photo(path)  # a broken file fails here, as it would with the real reader
        if path.name.startswith("slow-"):
            time.sleep(float(os.environ.get("FAKE_SLOW_SECONDS", "6")))
        if path.name.startswith("crash-"):
            raise RuntimeError("the fake reader crashed on purpose")
        marker = self.folder / f"tried-{path.name}"
        if path.name.startswith("flaky-") and not marker.exists():
            marker.touch()
            raise RuntimeError("the fake reader failed once on purpose")
        return Result(Board(notes=(Note(text=f"read {path.name}"),), sources=(path.name,)), photo)


def make() -> FakeReader:
    return FakeReader()
