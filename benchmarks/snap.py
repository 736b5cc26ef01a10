"""Benchmark of `afterboard snap`: word recall, notes in the right section, seconds per photo, peak memory.

    python benchmarks/snap.py --real ../shared/data/boards/real --synthetic /tmp/synth [--limit N]

Real photos: `ground_truth.json` (hand transcriptions, lines). Synthetic boards: made with
`python ../shared/data/boards/generate.py --n 32 --seed 7 --out /tmp/synth` (`gt.json`: every header, note
and marker text with its section and its quadrilateral). Photos are read in batch mode, as `snap --out-dir`
does: one engine for the process, each photo timed end to end (load → draft). Word recall is the share of
transcribed words (case-folded, split on anything not a letter or digit) found among the words read, each
read word matching at most one transcribed word. A synthetic note is in the right section when the note
read over its centre has the section of the header it was written under.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from afterboard.board import Board, Note
from afterboard.drafting import draft
from afterboard.ingest.photo import PhotoReader
from afterboard.sections import normalise

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD.findall(text))


def recall(expected: Counter[str], found: Counter[str]) -> tuple[int, int]:
    hit = sum(min(n, found[w]) for w, n in expected.items())
    return hit, sum(expected.values())


@dataclass
class Tally:
    hit: int = 0
    total: int = 0
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """CPU seconds of the process (all threads) per photo: steadier than wall time on a shared machine."""
    placed_right: int = 0
    placed_total: int = 0
    failures: list[str] = field(default_factory=list)
    squared: int = 0
    """Photos whose board was seen at an angle and squared before reading."""
    evened: int = 0
    """Photos whose strongly uneven light was evened out before reading."""
    read: dict[str, list[tuple[str, str | None, float]]] = field(default_factory=dict)
    """Per photo, the notes as read (text, section, confidence), for --dump."""
    readings: list[tuple[float, bool]] = field(default_factory=list)
    """Per synthetic note found: its confidence, and whether its text was read exactly (case aside)."""

    def summary(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "photos": len(self.seconds) + len(self.failures),
            "word_recall": round(self.hit / self.total, 3) if self.total else None,
            "seconds_median": round(statistics.median(self.seconds), 2) if self.seconds else None,
            "seconds_max": round(max(self.seconds), 2) if self.seconds else None,
            "cpu_seconds_median": round(statistics.median(self.cpu), 2) if self.cpu else None,
            "squared": self.squared,
            "evened": self.evened,
        }
        if self.placed_total:
            result["right_section"] = round(self.placed_right / self.placed_total, 3)
        if self.readings:
            result["confidence"] = _calibration(self.readings)
        if self.failures:
            result["refused"] = self.failures
        return result


def _calibration(readings: list[tuple[float, bool]], threshold: float = 0.6) -> dict[str, Any]:
    """Is a low confidence a sign of a misreading? Share of notes read exactly, among flagged and others."""
    flagged = [exact for confidence, exact in readings if confidence < threshold]
    trusted = [exact for confidence, exact in readings if confidence >= threshold]
    return {
        "notes": len(readings),
        "flagged_below": threshold,
        "flagged": len(flagged),
        "exact_when_flagged": round(sum(flagged) / len(flagged), 3) if flagged else None,
        "exact_when_trusted": round(sum(trusted) / len(trusted), 3) if trusted else None,
    }


def read_text(reader: PhotoReader, path: Path, tally: Tally) -> tuple[Board | None, str, float]:
    """Read one photo end to end (load → draft); the board and every word read (notes and headers)."""
    start, cpu = time.perf_counter(), time.process_time()
    try:
        result = reader.read_full(path)
    except Exception as exc:  # a benchmark records a refusal and goes on
        tally.failures.append(f"{path.name}: {exc}")
        return None, "", time.perf_counter() - start
    draft(result.board)
    tally.seconds.append(time.perf_counter() - start)
    tally.cpu.append(time.process_time() - cpu)
    tally.squared += result.squared
    tally.evened += result.evened
    tally.read[path.name] = [(n.text, n.section, n.confidence) for n in result.board.notes]
    board = result.board
    text = " ".join(
        [board.title or "", *(n.text for n in board.notes), *(h.line.text for h in result.layout.headers)]
    )
    return result.board, text, tally.seconds[-1]


def run_real(reader: PhotoReader, folder: Path, limit: int | None) -> Tally:
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    tally = Tally()
    names = [n for n in truth if not n.startswith("_")][:limit]
    for index, name in enumerate(names, 1):
        _, text, seconds = read_text(reader, folder / name, tally)
        hit, total = recall(words(" ".join(truth[name]["lines"])), words(text))
        tally.hit += hit
        tally.total += total
        print(
            f"real {index}/{len(names)} {name}: {hit}/{total} words, {seconds:.2f} s",
            file=sys.stderr,
        )
    return tally


def run_synthetic(reader: PhotoReader, folder: Path, limit: int | None) -> Tally:
    truth = json.loads((folder / "gt.json").read_text(encoding="utf-8"))
    tally = Tally()
    names = sorted(truth)[:limit]
    for index, name in enumerate(names, 1):
        board, text, seconds = read_text(reader, folder / name, tally)
        items = truth[name]["items"]
        hit, total = recall(words(" ".join(i["text"] for i in items)), words(text))
        tally.hit += hit
        tally.total += total
        headers = {i["column"]: i["text"] for i in items if i["kind"] == "header"}
        right = 0
        notes = [i for i in items if i["kind"] == "note"]
        for item in notes:
            expected = item["section"] or normalise(headers.get(item["column"], ""))
            note = _note_at(board, item["quad"]) if board is not None else None
            if note is not None and _section_key(note) == expected:
                right += 1
            if note is not None:
                exact = normalise(note.text) == normalise(item["text"])
                tally.readings.append((note.confidence, exact))
        tally.placed_right += right
        tally.placed_total += len(notes)
        print(
            f"synthetic {index}/{len(names)} {name}: {hit}/{total} words, {right}/{len(notes)} placed, "
            f"{seconds:.2f} s",
            file=sys.stderr,
        )
    return tally


def _note_at(board: Board, quad: list[list[float]]) -> Note | None:
    cx = sum(p[0] for p in quad) / len(quad)
    cy = sum(p[1] for p in quad) / len(quad)
    for note in board.notes:
        if note.box is None:
            continue
        x0, y0, x1, y1 = note.box
        if x0 <= cx <= x1 and y0 <= cy <= y1:
            return note
    return None


def _section_key(note: Note) -> str | None:
    section = note.section
    return section if section is None or "_" in section else normalise(section)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--real", type=Path, help="folder with the real photos and ground_truth.json")
    parser.add_argument("--synthetic", type=Path, help="folder with generated boards and gt.json")
    parser.add_argument("--limit", type=int, help="read only the first N photos of each set")
    parser.add_argument("--dump", type=Path, help="write the notes read from every photo to this JSON file")
    args = parser.parse_args()
    reader = PhotoReader()
    started = time.perf_counter()
    reader.vision  # noqa: B018 - load the engine before timing photos, as batch mode does
    report: dict[str, Any] = {
        "engine_load_seconds": round(time.perf_counter() - started, 2),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }
    read: dict[str, Any] = {}
    if args.real:
        tally = run_real(reader, args.real, args.limit)
        report["real"], read["real"] = tally.summary(), tally.read
    if args.synthetic:
        tally = run_synthetic(reader, args.synthetic, args.limit)
        report["synthetic"], read["synthetic"] = tally.summary(), tally.read
    if args.dump:
        args.dump.write_text(json.dumps(read, indent=1, ensure_ascii=False), encoding="utf-8")
    report["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
