"""Train the sentence model (`afterboard/parse/statements.py`) and choose its thresholds.

    python scripts/train_statements.py --labelled MANIFEST=FOLDER ... [--headed MANIFEST=FOLDER ...]
        [--sentences TSV] [--measure MANIFEST=FOLDER ...] [--details] [--write FILE]

Where the labels come from, so that no sentence is labelled by hand and no cue is written:
- **headed** post-mortems (`--headed`, and the labelled ones too): a sentence under a section's own heading
  states that section and not the others (a 'Contributing factors' list is contributing factors);
- **labelled** post-mortems (`--labelled`: a manifest saying what a careful reader found in each, as
  `benchmarks/check_corpus.py` reads them): a sentence of a document the reader found no contributing
  factors in states none; where the reader found a section only in prose, which sentence states it is not
  known, so the model's likeliest prose sentence is taken (twice over, retraining in between);
- `--sentences`: single sentences with the section each is written under (`benchmarks/corpus/blame.tsv`).

Each section's model is a logistic regression over `statements.features` (L2, class-balanced, full-batch
Adam), pruned to its heaviest features. Its threshold, and whether one sentence or two must reach it, are
chosen by 5-fold cross-validation over the labelled documents, grouped by document: the pair at which the
sections found (headings, what is named outright, and the model's prose) agree best with the readers over
the folds. `--details` lists the folds' disagreements; `--measure` reports, for documents never trained
or tuned on, the agreement of the headings alone, of everything but the model, and with the model.

The texts stay outside the repository (the manifests say where each came from); only the weights ship.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from afterboard.parse import ParsedDocument, implicit, parse_document
from afterboard.parse.headed import has_content, headed_sections
from afterboard.parse.implicit import find_sections, in_prose, prose
from afterboard.parse.pieces import pieces, sentences
from afterboard.parse.statements import MIN_WORDS, Statements, features, scale
from afterboard.postmortem import Kind
from afterboard.sections import CANONICAL

SECTIONS = tuple(s.value for s in CANONICAL)
LEARNED = ("impact", "root_cause", "contributing_factors", "went_well", "action_items")
"""The sections the model may decide; a timeline is told by its moments (`told.py`), not by one sentence."""
FOLDS = 5
L2 = 3e-5
STEPS = 300
CATCH = 0.5
"""The share of documents lacking a section that the chosen threshold must tell as lacking it."""
MINING = 2
"""Rounds of taking the likeliest prose sentence of a section found only in prose as a positive."""
KEEP = 4000
"""The features kept for each section, the heaviest (the rest weigh little and would only make the shipped
file, and a cold check's start-up, larger)."""


@dataclass
class Doc:
    name: str
    text: str
    kind: str
    present: frozenset[str] = frozenset()
    implicit: frozenset[str] = frozenset()
    labelled: bool = False
    rows: list[tuple[list[str], dict[str, int | None]]] = field(default_factory=list)
    """Each sentence's features and, by section, 1 (states it), 0 (does not) or None (not known)."""
    prose: list[int] = field(default_factory=list)
    """The rows outside every section's heading, where a section found only in prose is told."""
    read: bool = False
    """Whether a reader labelled its prose sentence by sentence (then nothing is guessed for it)."""
    _parsed: ParsedDocument | None = None

    @property
    def found(self) -> frozenset[str]:
        return self.present | self.implicit

    @property
    def parsed(self) -> ParsedDocument:
        """The document as `check` reads it, without the model (parsed once: every fold reads it)."""
        if self._parsed is None:
            self._parsed = parse_document(self.text, name=self.name)
        return self._parsed


def read_manifest(spec: str, *, labelled: bool) -> list[Doc]:
    manifest, folder = (Path(p) for p in spec.split("=", 1))
    docs = []
    with manifest.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            path = folder / row["file"]
            if not path.is_file():
                continue
            docs.append(
                Doc(
                    row["file"],
                    path.read_text(encoding="utf-8", errors="replace"),
                    (row.get("kind") or "incident").strip(),
                    _keys(row.get("sections_present")),
                    _keys(row.get("implicit_sections")),
                    labelled,
                )
            )
    return docs


def _keys(value: str | None) -> frozenset[str]:
    return frozenset(x for x in (value or "").split(";") if x)


def read_sentences(path: Path) -> Doc:
    """Sentences written under a section (the blame corpus's, blaming or not), as one headed document."""
    doc = Doc(path.name, "", "incident")
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            doc.rows.append((features(row["sentence"]), {k: int(k == row["section"]) for k in LEARNED}))
    return doc


def read_labels(path: Path | None) -> dict[tuple[str, str], frozenset[str]]:
    """(document, sentence key) → the sections a reader said the prose sentence states
    (`benchmarks/corpus/sentence-labels.tsv`, labelled by `sentence-labels-guide.md`; the sentences stay
    with their texts, outside the repository, and are named by `_sentence_key`)."""
    if path is None:
        return {}
    with path.open(encoding="utf-8") as fh:
        return {
            (row["doc"], row["sentence_sha256"]): _keys(row["labels"]) & set(SECTIONS)
            for row in csv.DictReader(fh, delimiter="\t")
        }


def _sentence_key(sentence: str) -> str:
    return hashlib.sha256(" ".join(sentence.split())[:600].encode("utf-8")).hexdigest()[:16]


def sentence_rows(doc: Doc, read: dict[tuple[str, str], frozenset[str]]) -> None:
    outline, pm = doc.parsed.outline, doc.parsed.postmortem
    headed = headed_sections(outline, pm)
    project = pm.kind is Kind.PROJECT
    for part in outline.parts:
        heading = part.key if part.key in SECTIONS and part.headed and not part.labelled else None
        if heading is not None and not has_content(part, pm):
            heading = None
        for piece in pieces([part], sentences=True):
            for sentence in sentences(piece.text):
                if len(sentence.split()) < MIN_WORDS:
                    continue
                said = read.get((doc.name, _sentence_key(sentence)))
                if said is not None:
                    doc.read = True
                    doc.rows.append(
                        (features(sentence, project=project), {k: int(k in said) for k in LEARNED})
                    )
                    continue
                if heading is None:
                    doc.prose.append(len(doc.rows))
                doc.rows.append((features(sentence, project=project), _labels(doc, heading, headed)))


def _labels(doc: Doc, heading: str | None, headed: dict[str, int]) -> dict[str, int | None]:
    labels: dict[str, int | None] = {}
    for key in LEARNED:
        if heading == key:
            # under its own heading: a positive, unless the reader did not count that heading
            labels[key] = 1 if not doc.labelled or key in doc.present else None
        elif doc.labelled and key in doc.implicit:
            labels[key] = None  # somewhere in the prose, not known where
        elif heading is not None:
            labels[key] = 0  # a sentence under another section's heading
        elif doc.labelled and key not in doc.found:
            labels[key] = 0  # the reader found no such section anywhere
        else:
            labels[key] = None  # prose of a document that has the section under its heading elsewhere
    return labels


def train(docs: list[Doc]) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Each section's weights and bias, from the sentences of `docs`."""
    vocab: dict[str, int] = {}
    counts: dict[str, int] = {}
    for doc in docs:
        for feats, _ in doc.rows:
            for f in set(feats):
                counts[f] = counts.get(f, 0) + 1
    for f, n in counts.items():
        if n >= 2:
            vocab[f] = len(vocab)
    names = list(vocab)
    weights: dict[str, dict[str, float]] = {}
    bias: dict[str, float] = {}

    def encode(feats: list[str]) -> tuple[np.ndarray, float]:
        return np.array(sorted({vocab[f] for f in feats if f in vocab}), dtype=np.int64), scale(feats)

    for key in LEARNED:
        rows = [(encode(feats), y[key]) for doc in docs for feats, y in doc.rows if y[key] is not None]
        index = [x for x, _ in rows]
        y = np.array([label for _, label in rows], dtype=np.float64)
        w, b = _fit(index, y, len(vocab))
        for _ in range(MINING):
            # a section the reader found only in prose is told by some sentence of it: most likely by the one
            # the model scores highest, which then teaches the model how prose tells it
            mined = [
                encode(doc.rows[best][0])
                for doc in docs
                if doc.labelled and not doc.read and key in doc.implicit and doc.prose
                for best in [max(doc.prose, key=lambda r, d=doc: _dot(w, encode(d.rows[r][0])))]
            ]
            w, b = _fit(index + mined, np.concatenate([y, np.ones(len(mined))]), len(vocab))
        weights[key] = {names[i]: round(float(w[i]), 3) for i in np.argsort(-np.abs(w))[:KEEP] if w[i]}
        bias[key] = round(float(b), 4)
    return weights, bias


def _dot(w: np.ndarray, row: tuple[np.ndarray, float]) -> float:
    return float(w[row[0]].sum()) * row[1]


def _fit(index: list[tuple[np.ndarray, float]], y: np.ndarray, size: int) -> tuple[np.ndarray, float]:
    lengths = np.array([len(i) for i, _ in index])
    flat = np.concatenate([i for i, _ in index]) if index else np.zeros(0, dtype=np.int64)
    rows = np.repeat(np.arange(len(index)), lengths)
    values = np.repeat(np.array([v for _, v in index]), lengths)
    positives = max(y.sum(), 1.0)
    negatives = max(len(y) - y.sum(), 1.0)
    # balanced: the rare section weighs as much as the many sentences that are not it
    sample = np.where(y == 1, len(y) / (2 * positives), len(y) / (2 * negatives))
    w = np.zeros(size)
    b = 0.0
    m, v = np.zeros(size + 1), np.zeros(size + 1)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, STEPS + 1):
        z = np.bincount(rows, weights=w[flat] * values, minlength=len(index)) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        error = (p - y) * sample / len(y)
        grad = np.bincount(flat, weights=error[rows] * values, minlength=size) + L2 * w
        g = np.append(grad, error.sum())
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        update = rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
        w -= update[:-1]
        b -= float(update[-1])
    return w, b


def strongest(doc: Doc, statements: Statements) -> dict[str, list[tuple[float, str]]]:
    """Section → the two highest scores of sentences the section may be told in without its heading, with
    the sentences."""
    parsed = doc.parsed
    texts, under = prose(parsed.outline, dict(parsed.found.headed))
    project = parsed.postmortem.kind is Kind.PROJECT
    best: dict[str, list[tuple[float, str]]] = {}
    for key in LEARNED:
        scores = sorted(
            (
                (statements.score(s, project=project)[key], s)
                for piece in texts
                if in_prose(key, under.get(id(piece.block)), piece)
                for s in sentences(piece.text)
                if len(s.split()) >= MIN_WORDS
            ),
            reverse=True,
        )
        best[key] = [*scores, (0.0, ""), (0.0, "")][:2]
    return best


def cross_validate(
    labelled: list[Doc], headed: list[Doc]
) -> tuple[
    list[tuple[Doc, dict[str, list[tuple[float, str]]], frozenset[str]]],
    list[tuple[dict[str, float], dict[str, int | None]]],
]:
    """Each labelled document's strongest prose sentences and base sections under a model trained without
    its fold, and the reader-labelled sentences of those documents with their held-out scores."""
    held: list[tuple[dict[str, float], dict[str, int | None]]] = []
    fold = {d.name: int(hashlib.sha256(d.name.encode()).hexdigest(), 16) % FOLDS for d in labelled}
    scored: list[tuple[Doc, dict[str, list[tuple[float, str]]], frozenset[str]]] = []
    for k in range(FOLDS):
        weights, bias = train(headed + [d for d in labelled if fold[d.name] != k])
        statements = Statements(weights, bias, {})
        for doc in (d for d in labelled if fold[d.name] == k):
            scored.append((doc, strongest(doc, statements), _base(doc)))
            if doc.read:
                held.extend((_all_scores(statements, feats), y) for feats, y in doc.rows)
        print(f"fold {k + 1}/{FOLDS}", file=sys.stderr)
    return scored, held


def _without_the_shipped_model() -> None:
    """Parsing a document runs the shipped model; training must neither depend on it nor pay for it (and a
    file being rewritten may not be readable)."""
    implicit.model = lambda: Statements({}, {}, {})  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--labelled", nargs="+", default=[], metavar="MANIFEST=FOLDER")
    parser.add_argument("--headed", nargs="*", default=[], metavar="MANIFEST=FOLDER")
    parser.add_argument("--measure", nargs="*", default=[], metavar="MANIFEST=FOLDER")
    parser.add_argument(
        "--sentences", type=Path, help="a tsv of single sentences with the section each is written under"
    )
    parser.add_argument(
        "--judge", type=Path, help="a tsv of sentences under sections, not trained on: sentence-level figures"
    )
    parser.add_argument(
        "--read",
        type=Path,
        help="sentences a reader labelled, replacing the guesses (benchmarks/corpus/sentence-labels.tsv)",
    )
    parser.add_argument("--write", type=Path)
    parser.add_argument("--details", action="store_true", help="list the cross-validation's disagreements")
    args = parser.parse_args()
    _without_the_shipped_model()
    labelled = [d for spec in args.labelled for d in read_manifest(spec, labelled=True)]
    headed = [d for spec in args.headed for d in read_manifest(spec, labelled=False)]
    read = read_labels(args.read)
    for doc in labelled + headed:
        sentence_rows(doc, read)
    if args.sentences:
        headed.append(read_sentences(args.sentences))
    print(
        f"{len(labelled)} labelled and {len(headed)} headed documents, "
        f"{sum(len(d.rows) for d in labelled + headed)} sentences",
        file=sys.stderr,
    )
    scored, held = cross_validate(labelled, headed)
    thresholds = {key: _threshold(key, scored) for key in LEARNED}
    _sentence_figures(held, thresholds)
    if args.details:
        for doc, score, base in scored:
            for key in LEARNED:
                t, n = thresholds[key]
                said = key in base or score[key][n - 1][0] >= t
                if said != (key in doc.found):
                    verdict = "extra " if said else "missed"
                    line = f"{verdict} {key:20} {score[key][n - 1][0]:.2f} {doc.name} | {score[key][0][1]}"
                    print(line, file=sys.stderr)
    weights, bias = train(headed + labelled)
    print(json.dumps(thresholds, indent=1))
    limits = {k: t for k, (t, _) in thresholds.items()}
    needs = {k: n for k, (_, n) in thresholds.items()}
    final = Statements(weights, bias, limits, needs)
    if args.judge:
        judge(read_sentences(args.judge), final)
    for spec in args.measure:
        measure(read_manifest(spec, labelled=True), final, spec)
    if args.write:
        args.write.write_text(
            json.dumps(
                {"weights": weights, "bias": bias, "thresholds": limits, "needs": needs},
                separators=(",", ":"),
                sort_keys=True,
            ),
            encoding="utf-8",
        )


def measure(docs: list[Doc], statements: Statements, name: str) -> None:
    """Agreement with the readers, section by section: headings alone, without the model, with it."""
    methods = ("headed", "base", "model")
    tally: dict[str, dict[str, int]] = {m: dict.fromkeys(SECTIONS, 0) for m in methods}
    for doc in docs:
        parsed = parse_document(doc.text, name=doc.name)
        outline, pm = parsed.outline, parsed.postmortem
        base = find_sections(outline, pm, Statements({}, {}, {}))
        learned = find_sections(outline, pm, statements)
        for key in SECTIONS:
            truth = key in doc.found
            tally["headed"][key] += (key in base.headed) == truth
            tally["base"][key] += (key in base.sections_found) == truth
            tally["model"][key] += (key in learned.sections_found) == truth
    n = len(docs)
    print(f"\n{name}: {n} documents")
    for method, row in tally.items():
        cells = " ".join(f"{k[:6]} {v}/{n}" for k, v in row.items())
        print(f"  {method:7} {sum(row.values()) / (6 * n):.1%}  {cells}")


def judge(doc: Doc, statements: Statements) -> None:
    """Sentence by sentence: how many of a section's sentences reach its threshold (recall), and how many
    of the sentences that reach it are that section's (precision)."""
    print(f"\nsentences of {doc.name}: {len(doc.rows)}")
    for key in LEARNED:
        fired = [
            y[key] for feats, y in doc.rows if _score(statements, feats, key) >= statements.thresholds[key]
        ]
        total = sum(y[key] or 0 for _, y in doc.rows)
        hits = sum(v or 0 for v in fired)
        print(f"  {key:22} recall {hits}/{total}  precision {hits}/{len(fired)}")


def _all_scores(statements: Statements, feats: list[str]) -> dict[str, float]:
    return {key: _score(statements, feats, key) for key in LEARNED}


def _sentence_figures(
    held: list[tuple[dict[str, float], dict[str, int | None]]], thresholds: dict[str, tuple[float, int]]
) -> None:
    """Over the folds, the sentences a reader labelled in documents not trained on: how many of each
    section's sentences reach its threshold, and how many of those reaching it are the section's."""
    print(f"sentences a reader labelled, held out by document: {len(held)}", file=sys.stderr)
    for key in LEARNED:
        fired = [y[key] for score, y in held if score[key] >= thresholds[key][0]]
        total = sum(y[key] or 0 for _, y in held)
        hits = sum(v or 0 for v in fired)
        print(f"  {key:22} recall {hits}/{total}  precision {hits}/{len(fired)}", file=sys.stderr)


def _score(statements: Statements, feats: list[str], key: str) -> float:
    return statements.score_features(feats)[key]


def _base(doc: Doc) -> frozenset[str]:
    """The sections found without the model: headings, a section named outright under another's heading,
    labelled lines, a timeline's moments (what the document was parsed with: the model is left out while
    training, `_without_the_shipped_model`)."""
    return frozenset(doc.parsed.found.sections_found)


def _threshold(
    key: str, scored: list[tuple[Doc, dict[str, list[tuple[float, str]]], frozenset[str]]]
) -> tuple[float, int]:
    """The threshold, and how many sentences must reach it, at which the model's decisions over the folds
    agree best with the readers while still telling at least `CATCH` of the documents that lack the section
    (most documents have most sections, so agreement alone would find a section everywhere, and a check is
    there to say when one is missing); of thresholds that do as well, the highest."""
    lacking = max(sum(key not in doc.found for doc, _, _ in scored), 1)
    best_t, best_n, best = 1.0, 1, -1
    for n in (1, 2):
        for t in np.arange(0.05, 0.995, 0.01):
            said = [
                ((key in base) or score[key][n - 1][0] >= t, key in doc.found) for doc, score, base in scored
            ]
            caught = sum(not found and not truth for found, truth in said)
            agree = sum(found == truth for found, truth in said)
            if caught / lacking >= CATCH and agree >= best:
                best_t, best_n, best = float(t), n, agree
    base = sum((key in found) == (key in doc.found) for doc, _, found in scored)
    print(f"{key}: {best}/{len(scored)} at {best_t:.2f} x{best_n}; without the model {base}", file=sys.stderr)
    return round(best_t, 2), best_n


if __name__ == "__main__":
    main()
