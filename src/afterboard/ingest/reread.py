"""A second look at doubtful lines: the detector's box is often tight, cutting the tops of tall letters or
the tail of a word; the line is read again from a crop with more room around it, and the reading with the
higher confidence is kept. Nothing new is guessed: either reading is the engine's own."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from afterboard.ingest.ocr import TextLine, Vision

if TYPE_CHECKING:
    from numpy.typing import NDArray

DOUBTFUL = 0.6
"""Lines read with less confidence than this (the `low_confidence` default) get a second look."""
ROOM = (0.35, 0.2)
"""Extra room around the line box, as shares of its height: above and below, and left and right."""


def reread_doubtful(vision: Vision, pixels: NDArray[Any], lines: list[TextLine]) -> list[TextLine]:
    """`lines`, with each doubtful one replaced by a reading of a roomier crop when that reads better."""
    doubtful = [i for i, line in enumerate(lines) if line.confidence < DOUBTFUL and line.width >= line.height]
    if not doubtful:
        return lines
    readings = vision.recognise([_roomy_crop(pixels, lines[i]) for i in doubtful])
    result = list(lines)
    for index, (text, confidence) in zip(doubtful, readings, strict=True):
        if text and confidence > lines[index].confidence:
            result[index] = replace(lines[index], text=text, confidence=confidence)
    return result


def _roomy_crop(pixels: NDArray[Any], line: TextLine) -> NDArray[Any]:
    height, width = pixels.shape[:2]
    x0, y0, x1, y1 = line.box
    dy, dx = ROOM[0] * line.height, ROOM[1] * line.height
    top, bottom = max(0, int(y0 - dy)), min(height, int(y1 + dy) + 1)
    left, right = max(0, int(x0 - dx)), min(width, int(x1 + dx) + 1)
    return pixels[top:bottom, left:right]
