"""Light falling off across the board (a lamp or a window on one side), evened out before reading.

The board's own brightness at every point is estimated as what is left when everything smaller than a
sticky note (writing, notes) is closed over (a morphological closing on a small copy, then blurred), and
the photo is divided by it: the board comes out evenly white, the writing and the notes keep their contrast
against it, and a colour cast goes with the light (the division is a local white balance).

Measured, it is done only when the light is strongly uneven. The engine reads well in moderate gradients,
glare and casts by itself: evening out every photo cost word recall on the real photos (0.737 → 0.714) and
put some synthetic notes in the wrong section, for +0.004 recall on the synthetic ones. Where one side of
the board gets a quarter of the other's light or less, it is what keeps the notes in the shadow whole and
their colours right. A colour cast alone is left to the sticky-note finder (`stickies.py` balances
colours itself before judging them) and to the engine, which reads through it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from numpy.typing import NDArray

ESTIMATE_LONG_SIDE = 256
"""The light varies slowly: it is estimated on a copy this size."""
CLOSE = 0.12
"""Closing size as a share of the long side: larger than a sticky note, so notes are closed over."""
UNEVEN = 2.5
"""The board's brightest part (95th percentile) is this many times its darkest (5th): strongly uneven."""
CENTRE = 0.1
"""The share cut off each side before judging the light: the wall around a board seen whole is no shadow."""
WHITE = 245.0
"""The board comes out this bright: paper-white, not clipped, so a faint stroke is not lost."""


def even_out(pixels: NDArray[Any]) -> NDArray[Any]:
    """The photo with the board evenly lit, or the photo itself when its light is even enough."""
    import cv2

    background = board_light(pixels)
    if not needs_evening(background):
        return pixels
    height, width = pixels.shape[:2]
    light = cv2.resize(background, (width, height), interpolation=cv2.INTER_LINEAR)
    evened: NDArray[Any] = cv2.divide(pixels, light, scale=WHITE, dtype=cv2.CV_8U)
    return evened


def board_light(pixels: NDArray[Any]) -> NDArray[Any]:
    """The light falling on the board, on a small copy: writing and notes closed over, then smoothed."""
    import cv2
    import numpy as np

    height, width = pixels.shape[:2]
    factor = min(1.0, ESTIMATE_LONG_SIDE / max(height, width))
    small = cv2.resize(pixels, (round(width * factor), round(height * factor)), interpolation=cv2.INTER_AREA)
    size = max(3, round(CLOSE * max(small.shape[:2])) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel, borderType=cv2.BORDER_REPLICATE)
    light: NDArray[Any] = np.maximum(cv2.GaussianBlur(closed, (0, 0), size / 2), 1)
    return light


def needs_evening(light: NDArray[Any]) -> bool:
    """Strongly uneven light on the board, judged away from the photo's edges."""
    import numpy as np

    height, width = light.shape[:2]
    dy, dx = round(CENTRE * height), round(CENTRE * width)
    brightness = light[dy : height - dy, dx : width - dx].mean(axis=2)
    low, high = np.percentile(brightness, [5, 95])
    return bool(high > UNEVEN * max(float(low), 1.0))
