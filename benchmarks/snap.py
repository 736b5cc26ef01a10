"""Benchmark of `afterboard snap`: word recall, notes in the right section, seconds per photo, peak memory,
each next to the OCR engine alone on the same photo (the simplest baseline).

    python benchmarks/snap.py --real ../shared/data/boards/real --synthetic /tmp/synth [--limit N] [--part P]

Real photos are split once, by a hash of the file name, into a part to tune on and a part kept aside for
measuring (`part()`); figures are printed for each part and for all. Per photo three word sets are counted:
the engine alone over the whole photo as loaded (`engine`), the lines the engine read inside snap, after
squaring and evening, as the engine read them (`engine_in_snap`: before words are re-read with the lexicon),
and what snap kept in its notes, headers and title (`snap`): snap must keep at least what its own engine
read. A real note is in the right section when the note snap read
for it (the one sharing most of its words) sits under the header it sits under on the board, as written
(`notes[].section` in ground_truth.json; none when it sits under none).

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
import hashlib
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
from afterboard.ingest.image import load_photo
from afterboard.ingest.photo import PhotoReader
from afterboard.sections import normalise

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD.findall(text))


def recall(expected: Counter[str], found: Counter[str]) -> tuple[int, int]:
    hit = sum(min(n, found[w]) for w, n in expected.items())
    return hit, sum(expected.values())


def part(name: str) -> str:
    """'holdout' for about half the photos, chosen by a hash of the name before any tuning: never tune on
    these, only report them; 'tune' for the rest."""
    return "holdout" if int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % 2 else "tune"


@dataclass
class Tally:
    hit: int = 0
    total: int = 0
    engine_hit: int = 0
    """Words the engine alone read over the whole photo (the baseline)."""
    inner_hit: int = 0
    """Words among the lines the engine read inside snap (after squaring, evening, turning)."""
    found: int = 0
    """Words snap kept in all; `hit / found` is its word precision (a floor: only fully legible words were
    transcribed, so a correct reading of a half-hidden word counts against it)."""
    engine_found: int = 0
    engine_seconds: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    """Per photo, snap's wall time over the engine's alone."""
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """CPU seconds of the process (all threads) per photo: steadier than wall time on a shared machine."""
    placed_right: int = 0
    placed_total: int = 0
    placed_found: int = 0
    """Real notes snap read well enough to be matched to their transcription (their place can be judged)."""
    failures: list[str] = field(default_factory=list)
    squared: int = 0
    """Photos whose board was seen at an angle and squared before reading."""
    evened: int = 0
    """Photos whose strongly uneven light was evened out before reading."""
    read: dict[str, list[tuple[str, str | None, float]]] = field(default_factory=dict)
    """Per photo, the notes as read (text, section, confidence), for --dump."""
    readings: list[tuple[float, bool]] = field(default_factory=list)
    """Per synthetic note found: its confidence, and whether its text was read exactly (case aside)."""

    def merge(self, other: Tally) -> None:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, dict):
                mine.update(value)
            elif isinstance(value, list):
                mine.extend(value)
            else:
                setattr(self, name, mine + value)

    def summary(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "photos": len(self.seconds) + len(self.failures),
            "word_recall": round(self.hit / self.total, 3) if self.total else None,
            "engine_alone_recall": round(self.engine_hit / self.total, 3) if self.total else None,
            "engine_in_snap_recall": round(self.inner_hit / self.total, 3) if self.total else None,
            "word_precision": round(self.hit / self.found, 3) if self.found else None,
            "engine_alone_precision": round(self.engine_hit / self.engine_found, 3)
            if self.engine_found
            else None,
            "engine_seconds_median": round(statistics.median(self.engine_seconds), 2)
            if self.engine_seconds
            else None,
            "time_over_engine_median": round(statistics.median(self.ratios), 2) if self.ratios else None,
            "seconds_median": round(statistics.median(self.seconds), 2) if self.seconds else None,
            "seconds_max": round(max(self.seconds), 2) if self.seconds else None,
            "cpu_seconds_median": round(statistics.median(self.cpu), 2) if self.cpu else None,
            "squared": self.squared,
            "evened": self.evened,
        }
        if self.placed_total:
            result["right_section"] = round(self.placed_right / self.placed_total, 3)
        if self.placed_found:
            result["right_section_of_found"] = _share(self.placed_right, self.placed_found)
        if self.readings:
            result["confidence"] = _calibration(self.readings)
        if self.failures:
            result["refused"] = self.failures
        return result


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


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


@dataclass
class Read:
    """One photo as read: the board (None when refused), and the text of each word set."""

    board: Board | None
    snap_text: str
    inner_text: str
    engine_text: str
    seconds: float


def read_text(reader: PhotoReader, path: Path, tally: Tally) -> Read:
    """Read one photo with the engine alone, then end to end as snap does (load → draft)."""
    started = time.perf_counter()
    engine_lines = reader.vision.read(load_photo(path).pixels) if path.stat().st_size else []
    engine_seconds = time.perf_counter() - started
    engine_text = " ".join(line.text for line in engine_lines)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        result = reader.read_full(path)
    except Exception as exc:  # a benchmark records a refusal and goes on
        tally.failures.append(f"{path.name}: {exc}")
        return Read(None, "", "", engine_text, time.perf_counter() - start)
    draft(result.board)
    tally.seconds.append(time.perf_counter() - start)
    tally.cpu.append(time.process_time() - cpu)
    tally.engine_seconds.append(engine_seconds)
    tally.ratios.append(tally.seconds[-1] / max(engine_seconds, 1e-6))
    tally.squared += result.squared
    tally.evened += result.evened
    tally.read[path.name] = [(n.text, n.section, n.confidence) for n in result.board.notes]
    board = result.board
    text = " ".join(
        [board.title or "", *(n.text for n in board.notes), *(h.line.text for h in result.layout.headers)]
    )
    inner = " ".join(line.read_as or line.text for line in result.lines)
    return Read(board, text, inner, engine_text, tally.seconds[-1])


def run_real(reader: PhotoReader, folder: Path, limit: int | None, only: str | None) -> dict[str, Tally]:
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    tallies = {"tune": Tally(), "holdout": Tally()}
    names = [n for n in truth if not n.startswith("_") and (only is None or part(n) == only)][:limit]
    for index, name in enumerate(names, 1):
        tally = tallies[part(name)]
        read = read_text(reader, folder / name, tally)
        expected = words(" ".join(truth[name]["lines"]))
        hit, total = recall(expected, words(read.snap_text))
        tally.hit += hit
        tally.total += total
        tally.engine_hit += recall(expected, words(read.engine_text))[0]
        tally.inner_hit += recall(expected, words(read.inner_text))[0]
        tally.found += sum(words(read.snap_text).values())
        tally.engine_found += sum(words(read.engine_text).values())
        right, placed, found = _real_sections(read.board, truth[name].get("notes") or [])
        tally.placed_right += right
        tally.placed_total += placed
        tally.placed_found += found
        print(
            f"real {index}/{len(names)} [{part(name)}] {name}: {hit}/{total} words "
            f"(engine {recall(expected, words(read.engine_text))[0]}), {right}/{placed} placed, "
            f"{read.seconds:.2f} s",
            file=sys.stderr,
        )
    return tallies


def _real_sections(board: Board | None, notes: list[dict[str, Any]]) -> tuple[int, int, int]:
    """Notes under the header they sit under on the board, as written (None when under none), among the
    transcribed notes of a photo whose transcription gives headers; and how many of them were found."""
    from rapidfuzz import fuzz

    if not any(n.get("section") for n in notes):
        return 0, 0, 0
    right = found_notes = 0
    for item in notes:
        expected = normalise(item.get("section") or "")
        best = None
        if board is not None:
            best = max(
                board.notes,
                key=lambda n: fuzz.token_set_ratio(normalise(n.text), normalise(item["text"])),
                default=None,
            )
        if best is None or fuzz.token_set_ratio(normalise(best.text), normalise(item["text"])) < 60:
            continue
        found_notes += 1
        found = normalise(best.header or "")
        if (not expected and not found) or (expected and found and fuzz.ratio(found, expected) >= 80):
            right += 1
    return right, len(notes), found_notes


def run_synthetic(reader: PhotoReader, folder: Path, limit: int | None) -> Tally:
    truth = json.loads((folder / "gt.json").read_text(encoding="utf-8"))
    tally = Tally()
    names = sorted(truth)[:limit]
    for index, name in enumerate(names, 1):
        read = read_text(reader, folder / name, tally)
        board = read.board
        items = truth[name]["items"]
        expected = words(" ".join(i["text"] for i in items))
        hit, total = recall(expected, words(read.snap_text))
        tally.hit += hit
        tally.total += total
        tally.engine_hit += recall(expected, words(read.engine_text))[0]
        tally.inner_hit += recall(expected, words(read.inner_text))[0]
        tally.found += sum(words(read.snap_text).values())
        tally.engine_found += sum(words(read.engine_text).values())
        headers = {i["column"]: i["text"] for i in items if i["kind"] == "header"}
        right = 0
        notes = [i for i in items if i["kind"] == "note"]
        for item in notes:
            wanted = item["section"] or normalise(headers.get(item["column"], ""))
            note = _note_at(board, item["quad"]) if board is not None else None
            if note is not None and _section_key(note) == wanted:
                right += 1
            if note is not None:
                exact = normalise(note.text) == normalise(item["text"])
                tally.readings.append((note.confidence, exact))
        tally.placed_right += right
        tally.placed_total += len(notes)
        print(
            f"synthetic {index}/{len(names)} {name}: {hit}/{total} words, {right}/{len(notes)} placed, "
            f"{read.seconds:.2f} s",
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
    parser.add_argument("--part", choices=("tune", "holdout"), help="read only this part of the real photos")
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
        tallies = run_real(reader, args.real, args.limit, args.part)
        both = Tally()
        for name, tally in tallies.items():
            if tally.seconds or tally.failures:
                report[f"real_{name}"] = tally.summary()
            both.merge(tally)
        report["real"], read["real"] = both.summary(), both.read
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
