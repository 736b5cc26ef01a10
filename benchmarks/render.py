"""How long rendering takes: a typical post-mortem to PDF (target: under 1 s), DOCX and HTML, warm in one
process and cold from the command line; optionally every post-mortem of a folder (real documents read with
`afterboard.parse`, when that is installed).

    python benchmarks/render.py                      # the sample incident and the bundled example
    python benchmarks/render.py --corpus ../shared/data/postmortems --repeat 5

Prints a Markdown table to paste into benchmarks/RESULTS.md, with the machine and its load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from afterboard.drafting import draft
from afterboard.ingest.text import parse_notes, read_notes
from afterboard.postmortem import PostMortem
from afterboard.render.docx import render_docx
from afterboard.render.html import render_html
from afterboard.render.pages import page_count
from afterboard.render.pdf import render_pdf
from afterboard.render.pictures import draw_pictures
from timing import timed

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "samples" / "incident-db-disk" / "notes.md"
TODAY = dt.date(2026, 11, 27)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per measurement [7]")
    parser.add_argument("--corpus", type=Path, help="a folder of Markdown post-mortems to render too")
    args = parser.parse_args()

    print(_machine())
    print()
    print("| document | what | median s | max s | median CPU s | pages |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, pm in _typical():
        pages = page_count(pm)
        rows: list[tuple[str, Callable[[], object]]] = [
            ("PDF, pictures included", lambda pm=pm: render_pdf(pm)),
            ("  of which pictures (PNG)", lambda pm=pm: draw_pictures(pm, formats=("png",))),
            ("  of which layout (no pictures)", lambda pm=pm: render_pdf(pm, pictures={})),
            ("DOCX, pictures included", lambda pm=pm: render_docx(pm)),
            ("HTML, pictures included (SVG)", lambda pm=pm: render_html(pm)),
        ]
        for what, run in rows:
            median, worst, cpu = timed(run, args.repeat)
            print(f"| {name} | {what} | {median:.3f} | {worst:.3f} | {cpu:.3f} | {pages} |")
    median, worst = _cold(args.repeat)
    print(
        f"| incident-db-disk | cold CLI `afterboard draft --format pdf` (imports included) | {median:.3f} | "
        f"{worst:.3f} | | |"
    )
    if args.corpus:
        _corpus(args.corpus)


def _typical() -> list[tuple[str, PostMortem]]:
    example = (
        resources.files("afterboard.examples").joinpath("checkout-outage.md").read_text(encoding="utf-8")
    )
    return [
        ("incident-db-disk", draft(read_notes(SAMPLE, today=TODAY), today=TODAY)),
        ("bundled example", draft(parse_notes(example, today=TODAY), today=TODAY)),
    ]


def _cold(repeat: int) -> tuple[float, float]:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "pm.pdf"
        command = [
            sys.executable,
            "-m",
            "afterboard",
            "draft",
            str(SAMPLE),
            "--format",
            "pdf",
            "-o",
            str(out),
        ]
        for _ in range(max(3, repeat // 2)):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def _corpus(folder: Path) -> None:
    try:
        parse = importlib.import_module("afterboard.parse")
    except ModuleNotFoundError:
        print(f"\n(corpus skipped: afterboard.parse is not installed, so {folder} cannot be read)")
        return
    times, pages = [], []
    files = sorted(folder.glob("*.md"))
    for path in files:
        pm = parse.read_postmortem(path, today=TODAY)
        start = time.perf_counter()
        data = render_pdf(pm)
        times.append(time.perf_counter() - start)
        pages.append(_pages(data))
    slowest = max(range(len(files)), key=lambda i: times[i])
    print(
        f"\nCorpus {folder} ({len(files)} documents): PDF median {statistics.median(times):.3f} s, "
        f"max {max(times):.3f} s ({files[slowest].name}, {pages[slowest]} pages); "
        f"pages: min {min(pages)}, median {statistics.median(pages):g}, max {max(pages)}; "
        f"over 3 pages: {sum(p > 3 for p in pages)}."
    )


def _pages(data: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def _machine() -> str:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores, {cpu}; "
        f"Python {platform.python_version()}; load average {load}"
    )


if __name__ == "__main__":
    main()
