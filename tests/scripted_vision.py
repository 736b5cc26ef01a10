"""An OCR engine plugged in through the `Vision` seam that 'reads' a fixed set of lines, for tests of what
the reader does with them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from afterboard.ingest.ocr import TextLine


class ScriptedVision:
    def __init__(self, lines: list[TextLine]) -> None:
        self.lines = lines

    def read(self, image: np.ndarray) -> list[TextLine]:  # type: ignore[type-arg]
        return self.lines

    def recognise(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:  # type: ignore[type-arg]
        return [("", 0.0) for _ in crops]
