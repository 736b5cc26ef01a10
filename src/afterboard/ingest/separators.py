"""Column lines: the long vertical marker strokes teams draw between a board's columns.

When a board has them they are the surest sign of which column a note is in: headers are often centred
over their column, sometimes written at its left edge, and either way a guess from the headers alone can
be off by half a column. Found as long, thin, nearly vertical runs of dark pixels (hand-drawn lines lean
and wobble, so each is kept as a straight line fitted through it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from afterboard.ingest.stickies import Sticky

if TYPE_CHECKING:
    from numpy.typing import NDArray

MIN_LENGTH = 0.3
"""Share of the image height a column line spans at least (sticky-note edges are shorter)."""
MAX_WIDTH = 0.02
"""Share of the image width a column line is at most wide, lean included (over its length)."""


@dataclass(frozen=True)
class Separator:
    """A column line: x = slope * y + offset, from `top` to `bottom`."""

    slope: float
    offset: float
    top: float
    bottom: float

    def x_at(self, y: float) -> float:
        return self.slope * y + self.offset

    def between(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """Whether the line runs between points a and b (across, somewhere on their common height)."""
        low, high = max(min(a[1], b[1]), self.top), min(max(a[1], b[1]), self.bottom)
        if low > high:
            return False
        y = (low + high) / 2
        x = self.x_at(y)
        return min(a[0], b[0]) < x < max(a[0], b[0])


def find_separators(rgb: NDArray[Any], stickies: Sequence[Sticky] = ()) -> list[Separator]:
    """The column lines on an RGB image, left to right; the edges of sticky notes (a stack of notes
    makes a long straight edge) are not column lines."""
    import cv2
    import numpy as np

    height, width = rgb.shape[:2]
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    block = max(15, (min(height, width) // 40) | 1)
    ink = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 12)
    margin = max(3, width // 150)
    for sticky in stickies:
        polygon = np.array(sticky.corners, dtype=np.int32).reshape(-1, 1, 2)
        cv2.fillPoly(ink, [polygon], 0)
        cv2.polylines(ink, [polygon], isClosed=True, color=0, thickness=2 * margin)
    run = max(15, height // 30)
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, run)))
    # Join the pieces of a wobbly line: a vertical close with a little horizontal slack.
    vertical = cv2.morphologyEx(
        vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 2 * run))
    )
    count, labels, stats, _ = cv2.connectedComponentsWithStats(vertical, connectivity=8)
    found = []
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        if h < MIN_LENGTH * height or w > MAX_WIDTH * width + 0.1 * h:
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == label)
        slope, offset = np.polyfit(ys + y, xs + x, 1)
        if abs(slope) > 0.15:
            continue
        found.append(Separator(float(slope), float(offset), float(y), float(y + h)))
    return sorted(found, key=lambda s: s.x_at(height / 2))
