"""Parse and check every real post-mortem of a corpus folder and compare with its manifest.

    python benchmarks/check_corpus.py [FOLDER] [--repeat N] [--details] [--write RESULTS.md]

FOLDER holds Markdown post-mortems and a `manifest.tsv` saying what a human reader found in each
(default: ../shared/data/postmortems beside the repository). Reported: documents parsed without error;
agreement of `sections_headed` with the manifest's `sections_present`, and of `sections_found` with
`sections_present` + `implicit_sections` (per document and section: 6 decisions a document); action items
found against `n_action_items`; owner and deadline detection against `action_items_owner` /
`action_items_deadline`; findings per rule; and speed, as `afterboard check` works (parse, count the pages
of the PDF layout, check): documents a second in this process over the corpus `--repeat` times; a cold
`afterboard check FILE` on the document of median length, as a new process (median of `--cold` runs); and
`afterboard check FOLDER` on a folder of 1,000 post-mortems (the corpus copied round to 1,000 files), one
process. Targets (issue 13): cold check at most 0.5 s; the folder at 200 documents a second or more.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from afterboard.checks import check_document
from afterboard.parse import parse_document
from afterboard.render.pages import page_count
from afterboard.sections import CANONICAL
from startup import timed

SECTIONS = tuple(s.value for s in CANONICAL)
DEFAULT_FOLDER = next(
    (
        folder / "shared" / "data" / "postmortems"
        for folder in Path(__file__).resolve().parents
        if (folder / "shared" / "data" / "postmortems").is_dir()
    ),
    Path("shared/data/postmortems"),
)
"""The nearest `shared/data/postmortems` above this script (the repository sits beside `shared/`)."""
NOW = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)
"""A fixed clock, so that findings about deadlines and publication do not drift from run to run."""


@dataclass
class Tally:
    documents: int = 0
    parsed: int = 0
    failures: list[str] = field(default_factory=list)
    headed_agree: int = 0
    found_agree: int = 0
    headed_docs: int = 0
    found_docs: int = 0
    mismatches: list[str] = field(default_factory=list)
    items_exact: int = 0
    items_close: int = 0
    items_docs: int = 0
    items_lines: list[str] = field(default_factory=list)
    owner_agree: int = 0
    deadline_agree: int = 0
    ownership_docs: int = 0
    ownership_lines: list[str] = field(default_factory=list)
    rules: Counter[str] = field(default_factory=Counter)
    verdicts: Counter[str] = field(default_factory=Counter)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--repeat", type=int, default=30, help="Check the corpus this many times for speed.")
    parser.add_argument("--cold", type=int, default=9, help="Runs of the cold `afterboard check FILE`.")
    parser.add_argument("--details", action="store_true", help="List every disagreement with the manifest.")
    parser.add_argument("--write", type=Path, help="Append the results to this Markdown file.")
    args = parser.parse_args()
    args.load = os.getloadavg()[0]
    manifest = args.folder / "manifest.tsv"
    if not manifest.is_file():
        sys.exit(f"{manifest}: no manifest; give the folder of the real post-mortems.")
    rows = list(csv.DictReader(manifest.open(encoding="utf-8"), delimiter="\t"))
    tally = Tally()
    texts = {}
    for row in rows:
        path = args.folder / row["file"]
        texts[row["file"]] = path.read_text(encoding="utf-8")
        _score(row, texts[row["file"]], tally)
    median = sorted(rows, key=lambda row: len(texts[row["file"]].split()))[len(rows) // 2]["file"]
    processes = {
        f"cold `afterboard check {median}` ({len(texts[median].split())} words)": _cold(
            args.folder / median, args.cold
        ),
        "`afterboard check FOLDER`, 1,000 post-mortems, one process": _folder(texts, 1000),
    }
    report = _report(tally, _speed(texts, rows, args.repeat), len(rows) * args.repeat, args, processes)
    print(report)
    if args.details:
        print(
            "\n".join(["", "Disagreements:", *tally.mismatches, *tally.items_lines, *tally.ownership_lines])
        )
    if args.write:
        with args.write.open("a", encoding="utf-8") as handle:
            handle.write(report + "\n")


def _score(row: dict[str, str], text: str, tally: Tally) -> None:
    tally.documents += 1
    name = row["file"]
    try:
        doc = parse_document(text, name=name, today=NOW.date(), kind=row["kind"])
        findings = check_document(doc, now=NOW)
    except Exception as exc:  # the benchmark counts failures instead of stopping at the first
        tally.failures.append(f"{name}: {type(exc).__name__}: {exc}")
        return
    tally.parsed += 1
    present = _set(row["sections_present"])
    implicit = _set(row["implicit_sections"])
    headed = set(doc.found.sections_headed)
    found = set(doc.found.sections_found)
    tally.headed_agree += sum((s in headed) == (s in present) for s in SECTIONS)
    tally.found_agree += sum((s in found) == (s in present | implicit) for s in SECTIONS)
    tally.headed_docs += headed == present
    tally.found_docs += found == present | implicit
    for label, got, want in (("headed", headed, present), ("found", found, present | implicit)):
        if got != want:
            extra, missing = sorted(got - want), sorted(want - got)
            tally.mismatches.append(f"  {name} {label}: extra {extra} missing {missing}")
    _score_items(row, doc.postmortem.action_items, tally)
    tally.rules.update(f.rule for f in findings)
    errors = any(f.severity == "error" for f in findings)
    warnings = any(f.severity == "warning" for f in findings)
    tally.verdicts["fail" if errors else "warn" if warnings else "pass"] += 1


def _score_items(row: dict[str, str], items: tuple, tally: Tally) -> None:  # type: ignore[type-arg]
    name = row["file"]
    expected = int(row["n_action_items"] or 0)
    tally.items_docs += 1
    tally.items_exact += len(items) == expected
    tally.items_close += abs(len(items) - expected) <= max(1, expected // 5)
    if len(items) != expected:
        tally.items_lines.append(f"  {name} action items: found {len(items)}, manifest {expected}")
    if row["action_items_owner"] == "n/a" or not items:
        return
    tally.ownership_docs += 1
    owner = _coverage(sum(1 for a in items if a.owner) / len(items))
    deadline = _coverage(sum(1 for a in items if a.due or a.due_text) / len(items))
    tally.owner_agree += owner == row["action_items_owner"]
    tally.deadline_agree += deadline == row["action_items_deadline"]
    if owner != row["action_items_owner"] or deadline != row["action_items_deadline"]:
        tally.ownership_lines.append(
            f"  {name} owners {owner} (manifest {row['action_items_owner']}), "
            f"deadlines {deadline} (manifest {row['action_items_deadline']})"
        )


def _coverage(share: float) -> str:
    """The manifest's words: yes (all or nearly all items), partial, no."""
    if share >= 0.8:
        return "yes"
    return "partial" if share > 0 else "no"


def _speed(texts: dict[str, str], rows: list[dict[str, str]], repeat: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds to parse, count the pages of and check the corpus `repeat` times (CPU
    time is what this process used: on a shared machine it varies less than the wall clock)."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for row in rows:
            doc = parse_document(texts[row["file"]], name=row["file"], today=NOW.date(), kind=row["kind"])
            check_document(doc, now=NOW, pages=page_count(doc.postmortem))
    return time.perf_counter() - start, time.process_time() - cpu


def _run(*args: str) -> tuple[float, float]:
    """Wall and CPU seconds of `afterboard ARGS` as a new process."""
    return timed([sys.executable, "-m", "afterboard", *args])


def _cold(path: Path, runs: int) -> str:
    times = [_run("check", str(path), "--today", NOW.date().isoformat()) for _ in range(runs)]
    wall, best = statistics.median(t for t, _ in times), min(t for t, _ in times)
    return f"{wall:.2f} s wall median, {best:.2f} s best, CPU {statistics.median(c for _, c in times):.2f} s"


def _folder(texts: dict[str, str], count: int) -> str:
    names = sorted(texts)
    with tempfile.TemporaryDirectory() as folder:
        for n in range(count):
            name = names[n % len(names)]
            (Path(folder) / f"{n:04d}-{name}").write_text(texts[name], encoding="utf-8")
        wall, cpu = _run("check", folder, "--today", NOW.date().isoformat(), "-o", os.devnull)
    return f"{count / wall:.0f} documents/s ({wall:.1f} s wall, {cpu:.1f} s CPU, start-up included)"


def _report(
    tally: Tally,
    timing: tuple[float, float],
    checked: int,
    args: argparse.Namespace,
    processes: dict[str, str],
) -> str:
    pairs = tally.parsed * len(SECTIONS)
    seconds, cpu = timing
    per_doc = seconds / checked if checked else 0.0
    cpu_per_doc = cpu / checked if checked else 0.0
    rules = ", ".join(f"`{rule}` {count}" for rule, count in sorted(tally.rules.items()))
    lines = [
        f"### check_corpus — {dt.date.today().isoformat()}",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {args.load:.2f} at the start (other work shares the cores). Command: "
        f"`python benchmarks/check_corpus.py --repeat {args.repeat} --cold {args.cold}`; {checked} "
        f"documents timed in process ({tally.documents} real post-mortems, {args.repeat} times over); load "
        f"average {os.getloadavg()[0]:.2f} at the end.",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        f"| documents parsed and checked without error | {tally.parsed} / {tally.documents} | all |",
        f"| `sections_headed` = manifest `sections_present` (document × section) | "
        f"{_pct(tally.headed_agree, pairs)} ({tally.headed_docs}/{tally.parsed} documents exact) | ≥ 97% |",
        f"| `sections_found` = present + implicit (document × section) | "
        f"{_pct(tally.found_agree, pairs)} ({tally.found_docs}/{tally.parsed} documents exact) | ≥ 90% |",
        f"| action items found = `n_action_items` | {tally.items_exact}/{tally.items_docs} exact, "
        f"{tally.items_close}/{tally.items_docs} within 20% (or 1) | |",
        f"| owner detection = `action_items_owner` (yes/partial/no) | "
        f"{tally.owner_agree}/{tally.ownership_docs} | |",
        f"| deadline detection = `action_items_deadline` | {tally.deadline_agree}/{tally.ownership_docs} | |",
        f"| verdicts | {', '.join(f'{k} {v}' for k, v in sorted(tally.verdicts.items()))} | |",
        f"| speed: parse + page count + check, in this process | {checked / seconds:.0f} documents/s "
        f"({per_doc * 1000:.1f} ms each; CPU {cpu_per_doc * 1000:.1f} ms) | |",
        *(
            f"| {what} | {result} | {'≤ 0.5 s' if what.startswith('cold') else '≥ 200/s'} |"
            for what, result in processes.items()
        ),
        "",
        f"Findings per rule: {rules}.",
    ]
    if tally.failures:
        lines += ["", "Failures:", *(f"- {f}" for f in tally.failures)]
    return "\n".join(lines)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def _set(value: str) -> set[str]:
    return {v.strip() for v in value.split(";") if v.strip()}


if __name__ == "__main__":
    main()
