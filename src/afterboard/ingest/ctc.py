"""Re-reading a line's words from the recogniser's own per-step character probabilities (CTC), with a
lexicon: a word read letter by letter ('STATHS') becomes a known word ('STATUS') only when the model's
probabilities for that word, plus how common the word is, beat those for the letters it picked.

The recogniser gives, for each step across the line, a probability for every character and for 'blank'
(nothing new here); its reading is the most likely character at each step, repeats and blanks dropped.
A word of that reading spans the steps between its neighbours; every lexicon word within a few edits of it
is scored over the same steps by the CTC forward sum (the probability of all the ways the steps could spell
it), letter case set aside, and the best of `log p(word | steps) + weight * zipf(word)` wins.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
"""The columns kept after blank (column 0): letters with both cases summed, then digits."""
_COLUMN = {c: i + 1 for i, c in enumerate(ALPHABET)}
_FLOOR = 1e-6
"""Probability given to a character the model all but ruled out, so that one step cannot veto a word."""


@dataclass(frozen=True)
class Steps:
    """One line as the recogniser saw it: its pick at each step ('' for blank) and the probabilities of
    blank, the letters (upper and lower case summed) and digits at each step."""

    best: Sequence[str]
    probs: NDArray[np.float32]
    """Steps x (1 + len(ALPHABET))."""

    @property
    def text(self) -> str:
        """The greedy reading: each step's pick, repeats and blanks dropped."""
        return "".join(char for char, _, _ in _emitted(self.best))


Prior = Callable[[str], float | None]
"""A word's zipf frequency (log10 of its uses per billion words) if it is in the lexicon, else None."""


@dataclass(frozen=True)
class Decoder:
    """Re-reads the words of a line that are not in the lexicon. A reading that is a word already stays:
    another word it might be would be a guess at meaning, not at letters. Otherwise each lexicon word
    within `max_edits` of it scores `log p(word | steps) + weight * zipf(word)` against the reading's
    `log p + weight * unknown`, and may be at most `max_drop` less likely than the reading under the model.

    Tuned on the tune half of the real photos and on synthetic boards of seed 11 (benchmarks/RESULTS.md):
    weight 2 is close to the prior's own scale (one zipf is a factor of 10, 2.3 in natural log); weight 1
    lost 0.012 of real recall and 3 gained 0.002, `unknown` 1 lost 0.007, `max_drop` 4 lost 0.021, and
    letting a word lose any number of letters instead of one changed nothing measurable."""

    candidates: Callable[[str, int], list[str]]
    """Lexicon words within the given number of edits of a (lower-case) word."""
    prior: Prior
    spelling: Callable[[str], str | None] = lambda word: None
    """How the team writes a word of theirs ('PgBouncer'), used unless the reading is in capitals."""
    weight: float = 2.0
    unknown: float = 0.0
    max_drop: float = 8.0
    min_length: int = 3
    """Shorter readings are left alone, and no word becomes shorter than this."""

    def read(self, steps: Steps) -> str:
        """The line with each word re-read; letters, case pattern and everything else as the model read
        them wherever no lexicon word is better supported."""
        chars = _emitted(steps.best)
        text = [c for c, _, _ in chars]
        shouting = not any(c.islower() for c in text)
        # from the last word back, so that a longer or shorter word does not move the ones before it
        for first, last in reversed(_words(chars)):
            word = "".join(text[first : last + 1])
            if len(word) < self.min_length or sum(c.isdigit() for c in word) * 2 >= len(word):
                continue
            if not shouting and word.isupper() and len(word) <= 4:
                continue  # 'Cache TTL': capitals amid lower case are an acronym, not a misread word
            start = chars[first - 1][2] + 1 if first else 0
            end = chars[last + 1][1] if last + 1 < len(chars) else len(steps.best)
            better = self._better(word, steps.probs[start:end])
            if better is not None:
                text[first : last + 1] = list(_cased(better, word, self.spelling(better)))
        return "".join(text)

    def _better(self, word: str, probs: NDArray[np.float32]) -> str | None:
        folded = word.casefold()
        if self.prior(folded) is not None:
            return None
        own_ll = forward(folded, probs)
        best_score = own_ll + self.weight * self.unknown
        best = None
        for candidate in self.candidates(folded, max_edits(len(folded))):
            prior = self.prior(candidate)
            # dropping letters the model saw is cheap in the forward sum (their steps pass as blanks):
            # one letter at most
            if prior is None or len(candidate) < max(self.min_length, len(folded) - 1):
                continue
            ll = forward(candidate, probs)
            if ll < own_ll - self.max_drop:
                continue
            score = ll + self.weight * prior
            if score > best_score:
                best, best_score = candidate, score
        return best


def max_edits(length: int) -> int:
    """Short words move by one letter at most, long ones by up to three."""
    return 1 if length <= 4 else 2 if length <= 8 else 3


def forward(word: str, probs: NDArray[np.float32]) -> float:
    """log p(word | steps): the CTC forward sum over every alignment of the word to the steps."""
    import numpy as np

    labels = [_COLUMN[c] for c in word]
    if len(labels) > len(probs):
        return -math.inf
    # states: blank, l1, blank, l2, ..., blank
    states = np.zeros(2 * len(labels) + 1, dtype=np.int64)
    states[1::2] = labels
    # a letter may follow the letter two states back unless it is the same letter (then a blank between)
    skip = np.zeros(len(states), dtype=bool)
    skip[3::2] = np.array(labels[1:]) != np.array(labels[:-1])
    logp = np.log(np.maximum(probs[:, states], _FLOOR))
    alpha = np.full(len(states), -np.inf)
    alpha[0] = logp[0, 0]
    alpha[1] = logp[0, 1]
    for t in range(1, len(probs)):
        stay = alpha
        step = np.concatenate(([-np.inf], alpha[:-1]))
        jump = np.where(skip, np.concatenate(([-np.inf, -np.inf], alpha[:-2])), -np.inf)
        alpha = np.logaddexp(np.logaddexp(stay, step), jump) + logp[t]
    return float(np.logaddexp(alpha[-1], alpha[-2]))


def _emitted(best: Sequence[str]) -> list[tuple[str, int, int]]:
    """Each character of the greedy reading with its first and last step."""
    out: list[tuple[str, int, int]] = []
    previous = ""
    for t, char in enumerate(best):
        if char and char == previous:
            out[-1] = (char, out[-1][1], t)
        elif char:
            out.append((char, t, t))
        previous = char
    return out


def _words(chars: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """Index spans (first, last) of the runs of letters and digits with at least one letter."""
    spans = []
    first = None
    for i in range(len(chars) + 1):
        inside = i < len(chars) and chars[i][0].isascii() and chars[i][0].isalnum()
        if inside and first is None:
            first = i
        elif not inside and first is not None:
            if any(c.isalpha() for c, _, _ in chars[first:i]):
                spans.append((first, i - 1))
            first = None
    return spans


def _cased(word: str, like: str, spelling: str | None) -> str:
    """`word` written in the case pattern of the reading it replaces, or as the team spells it."""
    letters = [c for c in like if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return word.upper()
    if spelling is not None:
        return spelling
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class Charset:
    """The recogniser's characters (blank first), to turn its output into `Steps`."""

    def __init__(self, characters: Sequence[str]) -> None:
        import numpy as np

        index = {c: i for i, c in enumerate(characters) if i}
        self._characters = ["", *characters[1:]]
        self._lower = np.array([0, *(index.get(c, 0) for c in ALPHABET)])
        # a column with no capital takes the blank's again and has it masked out
        self._upper = np.array([0, *(index.get(c.upper(), 0) for c in ALPHABET)])
        self._has_upper = np.array([False, *(c.upper() in index and c.isalpha() for c in ALPHABET)])
        self._known = np.array([True, *(c in index for c in ALPHABET)])

    def steps(self, preds: NDArray[np.float32]) -> list[Steps]:
        """One `Steps` per line of a batch of the recogniser's output (lines x steps x characters)."""
        import numpy as np

        lower = preds[:, :, self._lower] * self._known
        upper = preds[:, :, self._upper] * self._has_upper
        probs = (lower + upper).astype(np.float32)
        picks = preds.argmax(axis=2)
        return [
            Steps(best=tuple(self._characters[i] for i in row), probs=line)
            for row, line in zip(picks, probs, strict=True)
        ]
