"""Finding sticky notes by colour (OpenCV), for layout: which text lines form one note, its colour, its place.

The recipe measured in VISION.md: work at about 1000 px; grey-world white balance (warm light would
otherwise pass the wall off as yellow); a saturation threshold that adapts to the board (its median plus a
margin, never below 40); overlapping hue bins, so two touching notes of different colours stay apart; a
small close then open to drop marker strokes; keep external contours that nearly fill their rotated
rectangle; non-maximum suppression; split rows of touching notes by their width against the median note.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from numpy.typing import NDArray

DETECT_LONG_SIDE = 1000
MIN_SATURATION = 40
SATURATION_MARGIN = 35
MIN_FILL = 0.8
"""Contour area / rotated-rectangle area: notes are nearly rectangular, marker drawings are not."""
MIN_AREA = 0.0015
MAX_AREA = 0.25
"""Share of the image a note may cover."""

# OpenCV hue runs 0-180. Bins overlap so that a note whose hue sits on a border is whole in one of them.
_HUE_BINS = ((0, 12), (6, 24), (16, 38), (30, 60), (45, 90), (75, 110), (95, 135), (120, 160), (150, 181))


@dataclass(frozen=True)
class Sticky:
    """A sticky note: its corners and bounding box in the pixels of the image searched, and its colour."""

    corners: tuple[tuple[float, float], ...]
    box: tuple[float, float, float, float]
    colour: str

    def contains(self, point: tuple[float, float], *, margin: float = 0.0) -> bool:
        import cv2
        import numpy as np

        polygon = np.array(self.corners, dtype=np.float32).reshape(-1, 1, 2)
        return bool(cv2.pointPolygonTest(polygon, point, True) >= -margin)


def find_stickies(rgb: NDArray[Any]) -> list[Sticky]:
    """The sticky notes on an RGB image, in its pixel coordinates, largest first."""
    import cv2

    factor = min(1.0, DETECT_LONG_SIDE / max(rgb.shape[:2]))
    small = cv2.resize(rgb, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else rgb
    hsv = cv2.cvtColor(_grey_world(small), cv2.COLOR_RGB2HSV)
    candidates = _candidates(hsv)
    kept = _suppress(candidates)
    kept = _split_rows(kept)
    return [
        Sticky(
            corners=tuple((x / factor, y / factor) for x, y in c.corners),
            box=(c.box[0] / factor, c.box[1] / factor, c.box[2] / factor, c.box[3] / factor),
            colour=c.colour,
        )
        for c in kept
    ]


@dataclass(frozen=True)
class _Candidate:
    corners: tuple[tuple[float, float], ...]
    box: tuple[float, float, float, float]
    colour: str
    area: float
    fill: float
    angle: float


def _grey_world(rgb: NDArray[Any]) -> NDArray[Any]:
    import numpy as np

    means = rgb.reshape(-1, 3).mean(axis=0) + 1e-6
    gains = means.mean() / means
    balanced: NDArray[Any] = np.clip(rgb.astype(np.float32) * gains, 0, 255).astype(np.uint8)
    return balanced


def _candidates(hsv: NDArray[Any]) -> list[_Candidate]:
    import cv2
    import numpy as np

    hue, sat, val = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    threshold = max(MIN_SATURATION, float(np.median(sat)) + SATURATION_MARGIN)
    coloured = (sat > threshold) & (val > 70)
    side = max(hsv.shape[:2])
    # A small close: enough to bridge a pen stroke across a note, not the gap between two notes.
    close = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, side // 300),) * 2)
    open_ = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, side // 120),) * 2)
    found = []
    for low, high in _HUE_BINS:
        mask: NDArray[Any] = (coloured & (hue >= low) & (hue < high)).astype(np.uint8) * 255
        mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, close)
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, open_)
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            found.extend(_shapes(hsv, mask, contour, depth=0))
    return found


def _shapes(hsv: NDArray[Any], mask: NDArray[Any], contour: Any, *, depth: int) -> list[_Candidate]:
    """The note a blob is, or, when notes touch (an L or a block of several: not a rectangle), the notes
    it falls into once eroded apart."""
    import cv2
    import numpy as np

    image_area = hsv.shape[0] * hsv.shape[1]
    area = cv2.contourArea(contour)
    if not MIN_AREA * image_area <= area <= MAX_AREA * image_area:
        return []
    rect = cv2.minAreaRect(contour)
    (w, h) = rect[1]
    if w * h <= 0 or max(w, h) > 8 * min(w, h):
        return []
    fill = area / (w * h)
    blob = np.zeros(mask.shape, np.uint8)
    cv2.drawContours(blob, [contour], -1, 255, -1)
    if fill < MIN_FILL:
        return _eroded_apart(hsv, blob, depth=depth) if depth < 2 else []
    x, y, bw, bh = cv2.boundingRect(contour)
    return [
        _Candidate(
            corners=tuple((float(px), float(py)) for px, py in cv2.boxPoints(rect)),
            box=(float(x), float(y), float(x + bw), float(y + bh)),
            colour=colour_name(hsv, blob > 0),
            area=area,
            fill=fill,
            angle=float(rect[2]),
        )
    ]


def _eroded_apart(hsv: NDArray[Any], blob: NDArray[Any], *, depth: int) -> list[_Candidate]:
    import cv2

    side = max(blob.shape)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, side // 70),) * 2)
    parts, _ = cv2.findContours(cv2.erode(blob, kernel), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if len(parts) < 2:
        return []
    found = []
    for part in parts:
        piece = cv2.drawContours(blob * 0, [part], -1, 255, -1)
        piece = cv2.dilate(piece, kernel) & blob
        contours, _ = cv2.findContours(piece, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            found.extend(_shapes(hsv, piece, contour, depth=depth + 1))
    return found


def colour_name(hsv: NDArray[Any], where: NDArray[Any]) -> str:
    """A plain colour name for the pixels `where` of an HSV image (OpenCV hue 0-180)."""
    import numpy as np

    hues = hsv[:, :, 0][where].astype(np.float32) * 2 * np.pi / 180
    angle = float(np.degrees(np.arctan2(np.sin(hues).mean(), np.cos(hues).mean())) % 360) / 2
    sat = float(np.median(hsv[:, :, 1][where]))
    if angle < 8 or angle >= 165:
        return "pink" if sat < 150 else "red"
    for limit, name in ((20, "orange"), (36, "yellow"), (80, "green"), (100, "cyan"), (130, "blue")):
        if angle < limit:
            return name
    return "purple" if angle < 150 else "pink"


def _iou(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    if inter <= 0:
        return 0.0
    area_a = (a[2] - a[0]) * (a[3] - a[1])
    area_b = (b[2] - b[0]) * (b[3] - b[1])
    return inter / min(area_a, area_b)


def _suppress(candidates: list[_Candidate]) -> list[_Candidate]:
    """Overlapping hue bins find a note twice: keep the larger, fuller one."""
    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: c.area * c.fill, reverse=True):
        if all(_iou(candidate.box, other.box) < 0.5 for other in kept):
            kept.append(candidate)
    return kept


def _split_rows(notes: list[_Candidate]) -> list[_Candidate]:
    """Touching notes of one colour merge into one wide (or tall) blob: cut it into note-sized pieces."""
    import statistics

    if len(notes) < 3:
        return notes
    widths = statistics.median(c.box[2] - c.box[0] for c in notes)
    heights = statistics.median(c.box[3] - c.box[1] for c in notes)
    result = []
    for note in notes:
        x0, y0, x1, y1 = note.box
        across = round((x1 - x0) / widths) if (x1 - x0) > 1.6 * widths else 1
        down = round((y1 - y0) / heights) if (y1 - y0) > 1.6 * heights else 1
        if across == 1 and down == 1:
            result.append(note)
            continue
        step_x, step_y = (x1 - x0) / across, (y1 - y0) / down
        for i in range(across):
            for j in range(down):
                box = (x0 + i * step_x, y0 + j * step_y, x0 + (i + 1) * step_x, y0 + (j + 1) * step_y)
                corners = ((box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3]))
                result.append(
                    _Candidate(corners, box, note.colour, note.area / (across * down), note.fill, note.angle)
                )
    return result
