"""Text written sideways: a whole board photographed on its side, or one note stuck on at 90°.

The engine's 0/180° line classifier is off (it flips upright handwriting), so orientation is settled here:
when most lines found are taller than wide, the photo is on its side: a few of those lines are read turned
both ways, the better way turns the whole photo, and it is read again. A lone tall line is re-read turned
the other way, and the better reading is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from afterboard.ingest.ocr import TextLine, Vision

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

TALL = 1.5
"""A line box this much taller than wide holds sideways text (the engine turns such crops a quarter)."""
SAMPLE = 6
"""Tall lines read both ways to decide which way a sideways photo is turned."""


@dataclass(frozen=True)
class Reading:
    lines: list[TextLine]
    turns: int
    """Quarter turns counter-clockwise (np.rot90) applied to the photo before reading it."""
    pixels: NDArray[np.uint8]
    """The photo as read (turned)."""


def read_upright(vision: Vision, pixels: NDArray[np.uint8]) -> Reading:
    """Read the photo's text, turning the photo when it lies on its side."""
    import numpy as np

    lines = vision.read(pixels)
    tall = [line for line in lines if line.height > TALL * line.width]
    if len(tall) >= 3 and len(tall) >= 0.5 * len(lines):
        turns = _which_way(vision, pixels, tall)
        turned = np.ascontiguousarray(np.rot90(pixels, turns))
        return Reading(lines=_retry_tall(vision, turned, vision.read(turned)), turns=turns, pixels=turned)
    return Reading(lines=_retry_tall(vision, pixels, lines), turns=0, pixels=pixels)


def unturn_box(
    box: tuple[float, float, float, float], turns: int, size: tuple[int, int]
) -> tuple[float, ...]:
    """A box in the turned photo, back in the photo as loaded (`size`: its width and height)."""
    width, height = size
    x0, y0, x1, y1 = box
    turns %= 4
    if turns == 1:  # turned counter-clockwise: (x, y) came from (width - y, x)
        return (width - y1, x0, width - y0, x1)
    if turns == 2:
        return (width - x1, height - y1, width - x0, height - y0)
    if turns == 3:
        return (y0, height - x1, y1, height - x0)
    return box


def _which_way(vision: Vision, pixels: NDArray[np.uint8], tall: list[TextLine]) -> int:
    import numpy as np

    sample = sorted(tall, key=lambda line: line.height, reverse=True)[:SAMPLE]
    crops = [_crop(pixels, line) for line in sample]
    left = vision.recognise([np.rot90(c, 1) for c in crops])
    right = vision.recognise([np.rot90(c, -1) for c in crops])
    return 1 if sum(s for _, s in left) >= sum(s for _, s in right) else 3


def _retry_tall(vision: Vision, pixels: NDArray[np.uint8], lines: list[TextLine]) -> list[TextLine]:
    """The engine reads a tall crop turned counter-clockwise; a note turned the other way reads as noise:
    read it turned clockwise too, and keep the better of the two."""
    import numpy as np

    tall = [i for i, line in enumerate(lines) if line.height > TALL * line.width]
    if not tall:
        return lines
    retried = vision.recognise([np.rot90(_crop(pixels, lines[i]), -1) for i in tall])
    result = list(lines)
    for index, (text, score) in zip(tall, retried, strict=True):
        if text and score > lines[index].confidence:
            result[index] = replace(lines[index], text=text, confidence=score)
    return result


def _crop(pixels: NDArray[np.uint8], line: TextLine) -> NDArray[np.uint8]:
    height, width = pixels.shape[:2]
    x0, y0, x1, y1 = line.box
    return pixels[max(0, int(y0)) : min(height, int(y1) + 1), max(0, int(x0)) : min(width, int(x1) + 1)]
