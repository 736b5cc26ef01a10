"""Parse and check real post-mortems, compare with what a careful reader found, and measure blame detection.

    python benchmarks/check_corpus.py [FOLDER] [--external DIR1 [DIR2 ...]] [--part PART|all] [--repeat N]
                                      [--details] [--write RESULTS.md]

FOLDER holds the development post-mortems and a `manifest.tsv` saying what a human reader found in each
(default: ../shared/data/postmortems beside the repository). `--external DIR` adds post-mortems from
organisations the development set does not contain; their labels are `benchmarks/corpus/external.tsv`
(one reader's judgement, written before any rule was run on them) and their texts stay outside the
repository (see that file for where each came from). `benchmarks/corpus/blame.tsv` is a labelled set of
sentences written for afterboard in the style of real post-mortems: half blaming, half neutral, with hard
negatives (responders named for what they did, failures of systems, first-person ownership, counterfactuals
about systems).

**The split** was fixed before any tuning: a development document or a blame sentence is *held out* when
the first hex digit of the SHA-256 of its file name (its text, for a sentence) is 0-4, else it is *tuned
on*; every external document of round 1 (`external.tsv`) is held out. Tune on `--part tune` (the default)
and look at a held-out part only to measure (`--part all`). Round 1 was measured once, untouched, and its
disagreements were then read to find what the rules missed in general, so it is no longer untouched;
the second folder (`external-round2.tsv`, labelled before any rule ran on it) was measured once after that
work, as `held-out-2`, then read the same way; the third (`external-round3.tsv`: short post-mortems told
only in prose, from blogs and status pages) is `held-out-3`, measured once and then read; the fourth
(`external-round4.tsv`) is `held-out-4`, measured once and then read; the fifth (`external-round5.tsv`,
short status-page and blog post-mortems) is `held-out-5`, measured once and then read; the sixth
(`external-round6.tsv`: 21 post-mortems from 20 organisations, headed Markdown from GitHub, status-page and
blog posts told in prose, and 4 project retrospectives, committed before any rule ran on them) is
`held-out-6`, measured once and then read; the seventh (`external-round7.tsv`: 26 post-mortems from 26
organisations, headed Markdown from GitHub including security incidents, status-page and blog posts told in
prose, and 8 project retrospectives, committed before any rule ran on them) is `held-out-7`, measured once
and then read; the eighth (`external-round8.tsv`: 28 post-mortems from 28 organisations, 11 of them
projects, labelled by a reader who had not seen the rules' changes, committed before any rule ran on them)
is `held-out-8`, measured once and then read; the ninth (`external-round9.tsv`: 21 post-mortems from 20
organisations, 8 of them projects, labelled the same way by another reader) is `held-out-9`, measured once
with the rules; rounds 1 to 9 then trained the sentence model (`scripts/train_statements.py`), so none of them
is untouched any more. The tenth (`external-round10.tsv`: 27 post-mortems from 27 organisations, 10 of them
projects, labelled by a reader who had seen neither the rules nor the model, committed before either ran
on them) is `held-out-10`, measured with the model (three times in aggregate, as the model was refined by
cross-validation: RESULTS.md says so); the eleventh (`external-round11.tsv`: 26 post-mortems from 26
organisations, 9 of them projects, labelled the same way) is `held-out-11`, measured once with the model
as then shipped, which was then retrained with rounds 10 and 11; the twelfth (`external-round12.tsv`: 25
post-mortems from 25 organisations, 12 of them projects) is `held-out-12`, measured once after that; the
model was then retrained with round 12 and sentences of rounds 11 and 12, and the thirteenth
(`external-round13.tsv`: 25 post-mortems from 25 organisations, 9 of them projects) is `held-out-13`,
measured once after that; the fourteenth (`external-round14.tsv`: 21 post-mortems from 21 organisations, 8
of them projects) is `held-out-14`, measured once with the same model; the model was then retrained
(mended tokens, round 14, round 13's sentences), and the fifteenth (`external-round15.tsv`: 20 post-mortems
from 20 organisations, 7 of them projects) is `held-out-15`, measured once after that.
The texts of rounds 2 to 9 come from the sources named in their manifests (a GitHub repository, path and
commit, or a URL) and, like round 1's, stay outside the repository; a text missing from its folder (not every
one could be fetched again) is reported as missing and left out of the figures.

Reported for each part: documents parsed without error; the kind found against the manifest's; agreement
of `sections_headed` with the manifest's `sections_present`, and of `sections_found` with
`sections_present` + `implicit_sections` (6 decisions a document); blame precision and recall (a sentence is
flagged when a blameless or human-error rule reports it); and, for the development documents, action items
against `n_action_items` and owner and deadline detection. Speed, as `afterboard check` works (parse, count
the pages of the PDF layout, check): documents a second over the development set, checked `--repeat` times
in this process; a cold `afterboard check FILE` on the development document of median length, as a new
process (median of `--cold` runs); and `afterboard check FOLDER` on a folder of 1,000 post-mortems (the
development set copied round to 1,000 files), one process. Targets (issue 13): the cold check at most
0.5 s; the folder at 200 documents a second or more.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
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
HERE = Path(__file__).resolve().parent
DEFAULT_FOLDER = next(
    (
        folder / "shared" / "data" / "postmortems"
        for folder in Path(__file__).resolve().parents
        if (folder / "shared" / "data" / "postmortems").is_dir()
    ),
    Path("shared/data/postmortems"),
)
"""The nearest `shared/data/postmortems` above this script (the repository sits beside `shared/`)."""
EXTERNAL_ROUNDS = (
    (HERE / "corpus" / "external.tsv", "held-out"),
    (HERE / "corpus" / "external-round2.tsv", "held-out-2"),
    (HERE / "corpus" / "external-round3.tsv", "held-out-3"),
    (HERE / "corpus" / "external-round4.tsv", "held-out-4"),
    (HERE / "corpus" / "external-round5.tsv", "held-out-5"),
    (HERE / "corpus" / "external-round6.tsv", "held-out-6"),
    (HERE / "corpus" / "external-round7.tsv", "held-out-7"),
    (HERE / "corpus" / "external-round8.tsv", "held-out-8"),
    (HERE / "corpus" / "external-round9.tsv", "held-out-9"),
    (HERE / "corpus" / "external-round10.tsv", "held-out-10"),
    (HERE / "corpus" / "external-round11.tsv", "held-out-11"),
    (HERE / "corpus" / "external-round12.tsv", "held-out-12"),
    (HERE / "corpus" / "external-round13.tsv", "held-out-13"),
    (HERE / "corpus" / "external-round14.tsv", "held-out-14"),
    (HERE / "corpus" / "external-round15.tsv", "held-out-15"),
)
"""Each round of external post-mortems: its labels, and the part it is measured as."""
BLAME_CORPUS = HERE / "corpus" / "blame.tsv"
NOW = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)
"""A fixed clock, so that findings about deadlines and publication do not drift from run to run."""
PARTS = ("tune", *(part for _, part in EXTERNAL_ROUNDS))
BLAME_RULES = ("blameless-", "root-cause-human-error", "root-cause-stops-at-person")
"""The rules (by id or prefix) whose findings say a sentence blames someone."""
_HEADINGS = {
    "root_cause": "Root cause",
    "contributing_factors": "Contributing factors",
    "action_items": "Action items",
    "went_well": "What went well",
    "timeline": "Summary",
    "summary": "Summary",
}
"""Where a blame-corpus sentence is put to be checked (a timeline line without a time is a summary line)."""


def part_of(key: str) -> str:
    """The fixed split: held out when the SHA-256 of the key starts with 0-4 (about 5 in 16)."""
    return "held-out" if hashlib.sha256(key.encode("utf-8")).hexdigest()[0] in "01234" else "tune"


@dataclass
class Tally:
    documents: int = 0
    parsed: int = 0
    failures: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """External documents whose text is not in the folder given."""
    kind_agree: int = 0
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
    blame: Counter[str] = field(default_factory=Counter)
    """true/false positives and negatives of blame detection on the blame corpus."""
    blame_lines: list[str] = field(default_factory=list)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument(
        "--external",
        type=Path,
        nargs="+",
        default=[],
        help="The folders holding the texts of the external rounds, from round 1, in order.",
    )
    parser.add_argument("--part", choices=[*PARTS, "all"], default="tune")
    parser.add_argument("--repeat", type=int, default=30, help="Check the corpus this many times for speed.")
    parser.add_argument("--cold", type=int, default=9, help="Runs of the cold `afterboard check FILE`.")
    parser.add_argument("--details", action="store_true", help="List every disagreement with the manifest.")
    parser.add_argument("--write", type=Path, help="Append the results to this Markdown file.")
    args = parser.parse_args()
    args.load = os.getloadavg()[0]
    manifest = args.folder / "manifest.tsv"
    if not manifest.is_file():
        sys.exit(f"{manifest}: no manifest; give the folder of the real post-mortems.")
    parts = PARTS if args.part == "all" else (args.part,)
    tallies = {part: Tally() for part in parts}
    rows = list(csv.DictReader(manifest.open(encoding="utf-8"), delimiter="\t"))
    texts = _score_all(args, rows, tallies)
    median = sorted(rows, key=lambda row: len(texts[row["file"]].split()))[len(rows) // 2]["file"]
    processes = {
        f"cold `afterboard check {median}` ({len(texts[median].split())} words)": _cold(
            args.folder / median, args.cold
        ),
        "`afterboard check FOLDER`, 1,000 post-mortems, one process": _folder(texts, 1000),
    }
    report = _report(tallies, _speed(texts, rows, args.repeat), len(rows) * args.repeat, args, processes)
    print(report)
    if args.details:
        for part, tally in tallies.items():
            lines = [*tally.mismatches, *tally.items_lines, *tally.ownership_lines, *tally.blame_lines]
            print("\n".join(["", f"Disagreements ({part}):", *lines]))
    if args.write:
        with args.write.open("a", encoding="utf-8") as handle:
            handle.write(report + "\n")


def _score_all(
    args: argparse.Namespace, rows: list[dict[str, str]], tallies: dict[str, Tally]
) -> dict[str, str]:
    """Score every document and blame sentence into its part; the development texts, for timing."""
    texts = {}
    for row in rows:
        texts[row["file"]] = (args.folder / row["file"]).read_text(encoding="utf-8")
        if (part := part_of(row["file"])) in tallies:
            _score(row, texts[row["file"]], tallies[part])
    for folder, (manifest, part) in zip(args.external, EXTERNAL_ROUNDS, strict=False):
        if part not in tallies:
            continue
        for row in csv.DictReader(manifest.open(encoding="utf-8"), delimiter="\t"):
            if not (folder / row["file"]).is_file():
                # a text that could not be fetched again is reported, not guessed at
                tallies[part].missing.append(row["file"])
                continue
            _score(row, (folder / row["file"]).read_text(encoding="utf-8"), tallies[part])
    for row in csv.DictReader(BLAME_CORPUS.open(encoding="utf-8"), delimiter="\t"):
        if (part := part_of(row["sentence"])) in tallies:
            _score_blame(row, tallies[part])
    return texts


def _score(row: dict[str, str], text: str, tally: Tally) -> None:
    tally.documents += 1
    name = row["file"]
    try:
        doc = parse_document(text, name=name, today=NOW.date())
        findings = check_document(doc, now=NOW)
    except Exception as exc:  # the benchmark counts failures instead of stopping at the first
        tally.failures.append(f"{name}: {type(exc).__name__}: {exc}")
        return
    tally.parsed += 1
    kind = doc.postmortem.kind.value
    tally.kind_agree += kind == row["kind"]
    if kind != row["kind"]:
        tally.mismatches.append(f"  {name} kind: {kind}, manifest {row['kind']}")
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
    if row.get("n_action_items"):
        _score_items(row, doc.postmortem.action_items, tally)
    tally.rules.update(f.rule for f in findings)
    errors = any(f.severity == "error" for f in findings)
    warnings = any(f.severity == "warning" for f in findings)
    tally.verdicts["fail" if errors else "warn" if warnings else "pass"] += 1


def _score_blame(row: dict[str, str], tally: Tally) -> None:
    sentence, section = row["sentence"], row["section"]
    line = f"- {sentence}" if section in {"action_items", "contributing_factors", "went_well"} else sentence
    text = f"# Review\n\n## {_HEADINGS[section]}\n\n{line}\n"
    doc = parse_document(text, name="blame.md", today=NOW.date())
    flagged = any(f.rule.startswith(BLAME_RULES) for f in check_document(doc, now=NOW))
    blaming = row["label"] == "blame"
    tally.blame[("t" if flagged == blaming else "f") + ("p" if flagged else "n")] += 1
    if flagged != blaming:
        tally.blame_lines.append(f"  {'missed' if blaming else 'flagged'}: {sentence}")


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
            doc = parse_document(texts[row["file"]], name=row["file"], today=NOW.date())
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
    tallies: dict[str, Tally],
    timing: tuple[float, float],
    checked: int,
    args: argparse.Namespace,
    processes: dict[str, str],
) -> str:
    seconds, cpu = timing
    per_doc = seconds / checked if checked else 0.0
    cpu_per_doc = cpu / checked if checked else 0.0
    external = (
        (" --external " + " ".join(f"DIR{i + 1}" for i in range(len(args.external)))) if args.external else ""
    )
    lines = [
        f"### check_corpus — {dt.date.today().isoformat()}",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {args.load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end (other work shares "
        f"the cores). Command: `python benchmarks/check_corpus.py{external} --part {args.part} --repeat "
        f"{args.repeat} --cold {args.cold}`; {checked} documents timed in process (the development set, "
        f"{args.repeat} times over).",
        "",
        "| measure | " + " | ".join(tallies) + " | target |",
        "|---|" + "---|" * len(tallies) + "---|",
    ]
    rows: list[tuple[str, list[str], str]] = [
        (
            "documents parsed and checked without error",
            [
                f"{t.parsed} / {t.documents}" + (f" ({len(t.missing)} texts missing)" if t.missing else "")
                for t in tallies.values()
            ],
            "all",
        ),
        (
            "kind (incident / project) = manifest",
            [f"{t.kind_agree}/{t.parsed}" for t in tallies.values()],
            "",
        ),
        (
            "`sections_headed` = manifest `sections_present` (document × section)",
            [
                _pct(t.headed_agree, 6 * t.parsed) + f" ({t.headed_docs}/{t.parsed} exact)"
                for t in tallies.values()
            ],
            "≥ 97%",
        ),
        (
            "`sections_found` = present + implicit (document × section)",
            [
                _pct(t.found_agree, 6 * t.parsed) + f" ({t.found_docs}/{t.parsed} exact)"
                for t in tallies.values()
            ],
            "≥ 90%",
        ),
        (
            "blame precision (sentences)",
            [_ratio(t.blame["tp"], t.blame["tp"] + t.blame["fp"]) for t in tallies.values()],
            "≥ 0.9",
        ),
        (
            "blame recall (sentences)",
            [_ratio(t.blame["tp"], t.blame["tp"] + t.blame["fn"]) for t in tallies.values()],
            "≥ 0.85",
        ),
        (
            "blame sentences (blaming / neutral)",
            [f"{t.blame['tp'] + t.blame['fn']} / {t.blame['tn'] + t.blame['fp']}" for t in tallies.values()],
            "",
        ),
        (
            "action items found = `n_action_items` (development set)",
            [
                f"{t.items_exact}/{t.items_docs} exact, {t.items_close}/{t.items_docs} within 20% (or 1)"
                for t in tallies.values()
            ],
            "",
        ),
        (
            "owner detection = `action_items_owner`",
            [f"{t.owner_agree}/{t.ownership_docs}" for t in tallies.values()],
            "",
        ),
        (
            "deadline detection = `action_items_deadline`",
            [f"{t.deadline_agree}/{t.ownership_docs}" for t in tallies.values()],
            "",
        ),
        (
            "verdicts",
            [", ".join(f"{k} {v}" for k, v in sorted(t.verdicts.items())) for t in tallies.values()],
            "",
        ),
    ]
    lines += [f"| {label} | " + " | ".join(values) + f" | {target} |" for label, values, target in rows]
    lines += [
        "",
        f"Speed, parse + page count + check in one process: {checked / seconds:.0f} documents/s "
        f"({per_doc * 1000:.1f} ms each; CPU {cpu_per_doc * 1000:.1f} ms).",
        "",
        *(
            f"- {what}: {result} (target: {'≤ 0.5 s' if what.startswith('cold') else '≥ 200/s'})."
            for what, result in processes.items()
        ),
    ]
    for part, tally in tallies.items():
        rules = ", ".join(f"`{rule}` {count}" for rule, count in sorted(tally.rules.items()))
        lines += ["", f"Findings per rule ({part}): {rules}."]
        if tally.failures:
            lines += ["", "Failures:", *(f"- {f}" for f in tally.failures)]
    return "\n".join(lines)


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "n/a"


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def _set(value: str) -> set[str]:
    return {v.strip() for v in value.split(";") if v.strip()}


if __name__ == "__main__":
    main()
