"""What one sentence of a post-mortem states — an impact, a cause, a contributing factor, something that
went well, a commitment — scored by a small linear model over its words (a timeline is told by its
moments: `told.py`).

Cue lists written from the documents at hand found sections in prose on the documents they were written
from and not much further (issue 14 measured the gain of 22 cue families at zero on a round of writers
they had not seen). The model instead learns from what thousands of sentences under real post-mortems'
headings say: a sentence under 'Contributing factors' is one, so the words that make such sentences (and
not the other sections') weigh for it. `scripts/train_statements.py` trains it; its weights ship in the
package as `statements.json` (a few hundred kB, read on first use, no numerical library), so a cold
`afterboard check` stays fast and nothing is downloaded.

Each section's score is a logistic regression on its own (a sentence may state a cause and an impact).
Its threshold, and whether one sentence or two must reach it, are those that agreed best, document by
document, with careful readers on the labelled post-mortems it was cross-validated on, while still telling
at least half of the documents that lack the section.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

# the model's own token patterns, not `told.py`'s or `extract/`'s: the weights were trained on exactly these
# tokens, so they may change only together with a retraining
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_PERCENT = re.compile(r"\b\d+(?:\.\d+)?\s?%")
_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?\b|\b\d{1,2}\s?[ap]\.?m\.?\b", re.I)
_DATE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|"
    rf"\b{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)? {_MONTH}\b",
    re.I,
)
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b")
_WORD = re.compile(r"<\w+>|[a-z]+(?:'[a-z]+)?")
_FUNCTION = frozenset(
    "a an the and or but if of to in on at by for from with as into onto over under about than then so "
    "that this these those it its it's is are was were be been being am do does did has have had having "
    "i we you he she they me us him her them my our your his their there here which who whom what when "
    "where why how all any each some such no not only own same too very can will just should would could "
    "may might must also".split()
)


def features(sentence: str, *, project: bool = False) -> list[str]:
    """The sentence's words and word pairs, lower case, with times, dates, shares and numbers each read as
    one token (which time it was does not say what the sentence states; that it has one does). In a
    project's review each also counts again as a project's, since the same words state other things there
    ('we launched three weeks late' is a project's outcome)."""
    text = sentence.replace("’", "'").lower()
    # a share first: '99.95%' is no time of day
    text = _PERCENT.sub(" <pct> ", text)
    text = _TIME.sub(" <time> ", text)
    text = _DATE.sub(" <date> ", text)
    text = _NUMBER.sub(" <num> ", text)
    words = _WORD.findall(text)
    pairs = [f"{a} {b}" for a, b in zip(["^", *words], [*words, "$"], strict=True)]
    # a function word alone says how long or formal a sentence is, not what it states; in a pair it does
    # ('due to', 'we will')
    found = [w for w in words if w not in _FUNCTION] + pairs
    return found + [f"p:{f}" for f in found] if project else found


def scale(found: Iterable[str]) -> float:
    """Each feature's value: one over the square root of the sentence's distinct features, so that a long
    sentence does not score higher for being long."""
    return 1.0 / math.sqrt(max(len(set(found)), 1))


@dataclass(frozen=True)
class Statements:
    weights: dict[str, dict[str, float]]
    """Section → feature → weight (features the training left near zero are pruned)."""
    bias: dict[str, float]
    thresholds: dict[str, float]
    """Section → the probability at or above which a sentence states it; a section without one is not
    found in prose."""
    needs: dict[str, int] = field(default_factory=dict)
    """Section → how many sentences must reach its threshold for the section to be found (1 unless said)."""

    def score(self, sentence: str, *, project: bool = False) -> dict[str, float]:
        """Section → the probability that the sentence (of a project's review, with `project`) states it."""
        return self.score_features(features(sentence, project=project))

    def score_features(self, found: Iterable[str]) -> dict[str, float]:
        """Section → the probability that a sentence with these features states it."""
        unique = set(found)
        size = scale(unique)
        return {
            key: _sigmoid(self.bias[key] + size * sum(w for f in unique if (w := weights.get(f)) is not None))
            for key, weights in self.weights.items()
        }

    def why(self, sentence: str, key: str, *, project: bool = False, top: int = 3) -> list[str]:
        """The words that weigh most for `key` in the sentence ('no alert', 'delayed')."""
        weights = self.weights[key]
        found: dict[str, float] = {}
        for f in set(features(sentence, project=project)):
            word = _shown(f)
            # 'the' opening a sentence weighs, but says nothing to a reader; 'we will' does
            if weights.get(f, 0.0) > 0 and word not in _FUNCTION:
                found[word] = found.get(word, 0.0) + weights[f]
        return sorted(found, key=lambda f: (-found[f], f))[:top]


def _shown(feature: str) -> str:
    """A feature as a reader would write it: 'on (date)' for 'on <date>', 'we will' for '^ we will'."""
    words = feature.removeprefix("p:").removeprefix("^ ").removesuffix(" $")
    return _TOKEN.sub(lambda m: f"({_TOKENS.get(m.group(1), m.group(1))})", words)


_TOKEN = re.compile(r"<(\w+)>")
_TOKENS = {"time": "time", "date": "date", "pct": "share", "num": "number"}


MIN_WORDS = 4
"""A shorter line (a label, 'The Incident', 'It wasn't a happy time') states no section on its own."""


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


@lru_cache(maxsize=1)
def model() -> Statements:
    """The model shipped with afterboard."""
    data = json.loads(resources.files("afterboard.parse").joinpath("statements.json").read_text("utf-8"))
    shipped = Statements(data["weights"], data["bias"], data["thresholds"], data.get("needs", {}))
    if not set(shipped.thresholds) <= set(shipped.weights) == set(shipped.bias):
        raise ValueError("statements.json gives thresholds, weights and biases for different sections")
    return shipped
