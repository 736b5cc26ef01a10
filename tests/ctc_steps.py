"""Recogniser output made by hand, for tests of re-reading: which letters the model saw at each step."""

from __future__ import annotations

import numpy as np

from afterboard.ingest.ctc import ALPHABET, Steps


def steps(frames: list[dict[str, float]]) -> Steps:
    """A line from per-step probabilities of a few characters (capitals and lower case alike; the rest
    of each step's mass is blank). Its greedy pick is the likeliest character, in the case written."""
    probs = np.zeros((len(frames), 1 + len(ALPHABET)), dtype=np.float32)
    best = []
    for t, frame in enumerate(frames):
        for char, p in frame.items():
            if char != " ":
                probs[t, 1 + ALPHABET.index(char.casefold())] += p
        probs[t, 0] = 1 - sum(frame.values())
        pick = max(frame, key=lambda c: frame[c], default="")
        best.append(pick if frame and frame[pick] > probs[t, 0] else "")
    return Steps(best=best, probs=probs)


def spelled(text: str, doubt: dict[int, dict[str, float]] | None = None) -> Steps:
    """`text` one character per step with a blank step after each; the steps in `doubt` replaced."""
    frames: list[dict[str, float]] = []
    for i, char in enumerate(text):
        frames += [(doubt or {}).get(i, {char: 0.95}), {}]
    return steps(frames)
