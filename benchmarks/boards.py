"""How long a big digital board takes to draft (issue 15; target: a 2,000-item Miro board in under 1 s).

The board is the tests' Miro export (`tests/board_exports.py`: the REST API v2 items of a retro, with
frames, nested frames, connectors, cards and HTML content) grown with sticky notes spread over its frames
(timeline entries with times, action items with owners and deadlines: the notes that cost the draft most)
until it holds the number of items asked. Timed: reading the file and drafting it in one process (warm: one
run first, then the timed ones), each stage alone, and the cold command `afterboard draft FILE -o FILE`.

    python benchmarks/boards.py                        # 2,000 items
    python benchmarks/boards.py --items 5000 --repeat 5

Prints a Markdown table to paste into benchmarks/RESULTS.md, with the machine and `uptime`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from afterboard.drafting import draft
from afterboard.ingest.sources import read_source
from afterboard.render.markdown import render_markdown
from timing import timed

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import board_exports  # noqa: E402  (the tests' fixture builder, beside the tests)

TODAY = dt.date(2026, 11, 27)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=2000, help="items on the board [2000]")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per measurement [7]")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="afterboard-boards-") as folder:
        path = Path(folder) / "board.json"
        path.write_text(_board(args.items), encoding="utf-8")
        uptime = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
        print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores, {_cpu()}")
        print(f"Python {platform.python_version()}; uptime: {uptime}")
        items = len(json.loads(path.read_text(encoding="utf-8"))["items"])
        print(f"board: {items} items ({path.stat().st_size / 1024 / 1024:.1f} MB of JSON)")
        print()
        print("| what | median s | max s | median CPU s |")
        print("| --- | --- | --- | --- |")
        board = read_source(path, today=TODAY)
        pm = draft(board, today=TODAY)
        rows: list[tuple[str, Callable[[], object]]] = [
            ("read + draft (the target)", lambda: draft(read_source(path, today=TODAY), today=TODAY)),
            ("  of which reading the export", lambda: read_source(path, today=TODAY)),
            ("  of which drafting the board", lambda: draft(board, today=TODAY)),
            ("render the draft as Markdown", lambda: render_markdown(pm)),
        ]
        for what, run in rows:
            median, worst, cpu = timed(run, args.repeat)
            print(f"| {what} | {median:.3f} | {worst:.3f} | {cpu:.3f} |")
        median, worst = _cold(path, min(args.repeat, 3))
        what = "cold `afterboard draft board.json -o draft.md` (imports included)"
        print(f"| {what} | {median:.3f} | {worst:.3f} | |")
        print()
        print(f"{len(board.notes)} notes; timeline {len(pm.timeline)}; action items {len(pm.action_items)}")


def _cpu() -> str:
    info = Path("/proc/cpuinfo")
    lines = info.read_text().splitlines() if info.exists() else []
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "")


def _board(items: int) -> str:
    base = len(board_exports.miro_items())
    return board_exports.miro_export(filler=max(0, items - base))


def _cold(path: Path, repeat: int) -> tuple[float, float]:
    walls = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "afterboard",
                "draft",
                str(path),
                "--today",
                TODAY.isoformat(),
                "-o",
                str(path.with_suffix(".md")),
            ],
            check=True,
            capture_output=True,
        )
        walls.append(time.perf_counter() - start)
    return statistics.median(walls), max(walls)


if __name__ == "__main__":
    main()
