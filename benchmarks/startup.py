"""How long the command line takes to start, as a user runs it: each command a new process, timed N times.

    python benchmarks/startup.py [--repeat N] [FILE]

Prints, for a bare `python -c pass` and for `afterboard --version`, `--help` and `check FILE` (default: the
bundled example post-mortem, drafted to Markdown first), the median and the best wall time and the median
CPU time (user + system, the process's own: on a shared machine it varies less than the wall time), and
what each command costs over the bare interpreter. Targets (issue 13): `--help` and `--version` within
0.15 s of bare Python; `check FILE` at most 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("file", nargs="?", type=Path, help="a post-mortem to check [the bundled example]")
    parser.add_argument("--repeat", type=int, default=15, help="runs of each command [15]")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        document = args.file or _example(Path(folder))
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "afterboard --version": [sys.executable, "-m", "afterboard", "--version"],
            "afterboard --help": [sys.executable, "-m", "afterboard", "--help"],
            f"afterboard check {document.name}": [sys.executable, "-m", "afterboard", "check", str(document)],
        }
        print(
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
            f"load average {os.getloadavg()[0]:.2f} at the start; {args.repeat} runs each, in turn."
        )
        timings: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.repeat):  # interleaved, so that a busy moment falls on every command alike
            for name, argv in commands.items():
                timings[name].append(timed(argv))
        print(f"Load average at the end: {os.getloadavg()[0]:.2f}.\n")
        print("| command | median wall s | best wall s | median CPU s | over bare Python (median wall) |")
        print("| --- | --- | --- | --- | --- |")
        bare = statistics.median(wall for wall, _ in timings["python -c pass"])
        for name, runs in timings.items():
            wall = statistics.median(w for w, _ in runs)
            print(
                f"| `{name}` | {wall:.3f} | {min(w for w, _ in runs):.3f} | "
                f"{statistics.median(c for _, c in runs):.3f} | {wall - bare:+.3f} |"
            )


def timed(argv: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `argv` as a new process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _example(folder: Path) -> Path:
    """The bundled example notes drafted to a Markdown post-mortem: a typical document to check."""
    notes = folder / "notes.md"
    notes.write_text(
        resources.files("afterboard.examples").joinpath("checkout-outage.md").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    document = folder / "postmortem.md"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "afterboard",
            "draft",
            str(notes),
            "-o",
            str(document),
            "--today",
            "2026-11-27",
        ],
        check=True,
        capture_output=True,
    )
    return document


if __name__ == "__main__":
    main()
