"""Long straight marker lines: the strokes teams draw between a board's columns, and the line or arrow
they draw across a board to stick a timeline's notes above and below.

Column lines are the surest sign of which column a note is in when a board has them: headers are often
centred over their column, sometimes written at its left edge, and either way a guess from the headers
alone can be off by half a column. A line across is a timeline only where its notes say so
(`drawn_timeline.py`): the middle line of a 2x2 board is one too. Both are found as long, thin runs of
dark pixels, nearly vertical or nearly horizontal (hand-drawn lines lean and wobble, so each is kept as a
straight line fitted through it).
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
MIN_ACROSS = 0.5
"""Share of the image width a line across spans at least: a timeline runs along the board, where an
underlined header or a sticky note's edge is a short stroke."""
MAX_WIDTH = 0.02
"""Share of the image's width (its height, for a line across) a line is at most thick, lean included."""


@dataclass(frozen=True)
class Separator:
    """A line drawn on the board: a column line, x = slope * y + offset for y from `start` to `end`; or a
    line `across` the board, y = slope * x + offset for x from `start` to `end`."""

    slope: float
    offset: float
    start: float
    end: float
    across: bool = False

    def x_at(self, y: float) -> float:
        """Where a column line is at height y."""
        return self.slope * y + self.offset

    def y_at(self, x: float) -> float:
        """Where a line across is at x."""
        return self.slope * x + self.offset

    def between(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """Whether a column line runs between points a and b (across, somewhere on their common height)."""
        low, high = max(min(a[1], b[1]), self.start), min(max(a[1], b[1]), self.end)
        if low > high:
            return False
        y = (low + high) / 2
        x = self.x_at(y)
        return min(a[0], b[0]) < x < max(a[0], b[0])

    def crosses(self, other: Separator) -> bool:
        """Whether this column line crosses the line across `other` (the cross of a 2x2 board), within a
        little of either's ends: a hand-drawn cross often stops short of meeting."""
        x = (self.slope * other.offset + self.offset) / (1 - self.slope * other.slope)
        y = other.y_at(x)
        reach = 0.05 * min(self.end - self.start, other.end - other.start)
        return other.start - reach <= x <= other.end + reach and self.start - reach <= y <= self.end + reach


def find_separators(rgb: NDArray[Any], stickies: Sequence[Sticky] = ()) -> list[Separator]:
    """The column lines on an RGB image, left to right, then the lines across it, top to bottom; the
    edges of sticky notes (a stack of notes makes a long straight edge) are neither."""
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
    columns = _upright_lines(ink, min_length=MIN_LENGTH, max_width=MAX_WIDTH * width)
    across = [
        Separator(line.slope, line.offset, line.start, line.end, across=True)
        for line in _upright_lines(
            np.ascontiguousarray(ink.T), min_length=MIN_ACROSS, max_width=MAX_WIDTH * height
        )
    ]
    return sorted(columns, key=lambda s: s.x_at(height / 2)) + sorted(across, key=lambda s: s.y_at(width / 2))


def _upright_lines(ink: NDArray[Any], *, min_length: float, max_width: float) -> list[Separator]:
    """The long, nearly vertical lines of an ink mask (the mask turned on its side gives those across)."""
    import cv2
    import numpy as np

    height = ink.shape[0]
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
        if h < min_length * height or w > max_width + 0.1 * h:
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == label)
        slope, offset = np.polyfit(ys + y, xs + x, 1)
        if abs(slope) > 0.15:
            continue
        found.append(Separator(float(slope), float(offset), float(y), float(y + h)))
    return found
