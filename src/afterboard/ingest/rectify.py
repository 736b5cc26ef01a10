"""A board photographed at an angle, squared: find the board's four edges and undo the perspective.

The board is found on a small copy of the photo as the classic document scanner does: edges, the largest
closed outline, simplified to four corners. It is only used when the outline is confidently a board seen
whole: four corners, all inside the photo (a board running off the frame has no visible corner), a convex
quadrilateral filling a good part of the photo with sensible angles, really seen at an angle (a board seen
square on is left as it is), and nothing but bare wall around it (writing or notes outside it would be cut
off). Otherwise the photo is read as it is.

What was read on the squared board is mapped back through the inverse perspective (`Rectified.to_photo`),
so note boxes stay in the coordinates of the photo the person took.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from numpy.typing import NDArray

FIND_LONG_SIDE = 640
"""Long side of the copy the board is looked for on: its edges are long lines, visible at any size."""
MIN_AREA = 0.3
"""The board fills at least this share of the photo; a smaller quadrilateral is a poster or a note."""
MAX_AREA = 0.97
"""Above this share the board fills the frame: there is no wall to cut and no edge to square by."""
MIN_FILL = 0.9
"""The outline covers at least this share of its four-corner simplification: it really is a quadrilateral."""
ANGLES = (50.0, 130.0)
"""Corner angles of a board seen at an angle a person would take a photo from."""
MIN_SKEW = 2.5
"""Degrees: when every edge of the board is within this of level or plumb, the photo is as good as square
(the engine reads text tilted that little as well), and resampling it would only blur what touches."""
WALL_EDGES = 0.1
"""Outside the board, no patch of the wall (`WALL_PATCH` pixels square on the small copy) has more than this
share of edge pixels: bare wall or a straight line or two, not writing or a note that would be cut off."""
WALL_PATCH = 25
MARGIN = 0.04
"""The squared image keeps this share of the board's size around it: a note over the edge stays whole."""


@dataclass(frozen=True)
class Rectified:
    """The image to read: the squared board, or the photo itself (`matrix` None) when no board was found."""

    pixels: NDArray[Any]
    matrix: NDArray[Any] | None = None
    """Homography from the photo's working pixels to `pixels`."""

    @property
    def size(self) -> tuple[int, int]:
        return int(self.pixels.shape[1]), int(self.pixels.shape[0])

    @cached_property
    def _inverse(self) -> NDArray[Any]:
        """From `pixels` back to the photo; inverted once, not once a note."""
        import numpy as np

        assert self.matrix is not None
        return np.linalg.inv(self.matrix)

    def to_photo(self, box: tuple[float, ...], photo_size: tuple[int, int]) -> tuple[float, ...]:
        """A box on `pixels` as the box around its image in the photo (working pixels), inside the photo."""
        if self.matrix is None:
            return box
        import cv2
        import numpy as np

        x0, y0, x1, y1 = box
        corners = np.array([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]], dtype=np.float64)
        mapped = cv2.perspectiveTransform(corners, self._inverse)[0]
        width, height = photo_size
        xs = np.clip(mapped[:, 0], 0, width)
        ys = np.clip(mapped[:, 1], 0, height)
        return (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))


def rectify(pixels: NDArray[Any]) -> Rectified:
    """The board squared when its four edges are confidently found; else the photo as it is."""
    import cv2
    import numpy as np

    corners = find_board(pixels)
    if corners is None:
        return Rectified(pixels=pixels)
    tl, tr, br, bl = corners
    # The longer of opposite sides: no writing is shrunk. The true proportions would need the camera's
    # focal length; estimating it from the corners (Zhang and He 2007) went wild on hand-held angles.
    width = round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    dx, dy = round(MARGIN * width), round(MARGIN * height)
    target = np.array(
        [[dx, dy], [dx + width - 1, dy], [dx + width - 1, dy + height - 1], [dx, dy + height - 1]],
        dtype=np.float32,
    )
    matrix = cv2.getPerspectiveTransform(corners, target)
    squared = cv2.warpPerspective(
        pixels,
        matrix,
        (width + 2 * dx, height + 2 * dy),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    )
    return Rectified(pixels=squared, matrix=matrix.astype(np.float64))


def find_board(pixels: NDArray[Any]) -> NDArray[Any] | None:
    """The board's four corners in `pixels` (top-left, top-right, bottom-right, bottom-left), or None when
    no board is confidently seen whole."""
    import cv2
    import numpy as np

    height, width = pixels.shape[:2]
    factor = min(1.0, FIND_LONG_SIDE / max(height, width))
    small = cv2.resize(pixels, (round(width * factor), round(height * factor)), interpolation=cv2.INTER_AREA)
    grey = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), (5, 5), 0)
    edges = cv2.Canny(grey, 30, 90)
    joined = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    outline = cv2.convexHull(max(contours, key=cv2.contourArea))
    quad = _four_corners(outline)
    if quad is None or not _plausible(quad, outline, edges):
        return None
    corners: NDArray[Any] = (_ordered(quad) / factor).astype(np.float32)
    return corners


def _four_corners(outline: NDArray[Any]) -> NDArray[Any] | None:
    import cv2
    import numpy as np

    perimeter = cv2.arcLength(outline, True)
    for share in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(outline, share * perimeter, True)
        if len(approx) == 4:
            return approx.reshape(4, 2).astype(np.float32)
        if len(approx) < 4:
            return None
    return None


def _plausible(quad: NDArray[Any], outline: NDArray[Any], edges: NDArray[Any]) -> bool:
    import cv2
    import numpy as np

    height, width = edges.shape
    margin = 2
    inside = (
        (quad[:, 0] >= margin).all()
        and (quad[:, 0] <= width - 1 - margin).all()
        and (quad[:, 1] >= margin).all()
        and (quad[:, 1] <= height - 1 - margin).all()
    )
    area = cv2.contourArea(quad)
    if not inside or not MIN_AREA * width * height <= area <= MAX_AREA * width * height:
        return False
    if not cv2.isContourConvex(quad.reshape(-1, 1, 2)) or cv2.contourArea(outline) < MIN_FILL * area:
        return False
    ordered = _ordered(quad)
    for k in range(4):
        a, b, c = ordered[k - 1], ordered[k], ordered[(k + 1) % 4]
        u, v = a - b, c - b
        angle = np.degrees(np.arccos(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9)))
        if not ANGLES[0] <= angle <= ANGLES[1]:
            return False
    if max(_tilt(ordered[k], ordered[(k + 1) % 4]) for k in range(4)) < MIN_SKEW:
        return False
    # The wall: outside what the squared image keeps (the board and its margin), clear of the board's frame.
    centre = ordered.mean(axis=0)
    kept = centre + (ordered - centre) * (1 + 2 * MARGIN)
    board: NDArray[Any] = np.zeros_like(edges)
    cv2.fillConvexPoly(board, np.round(kept).astype(np.int32), 255)
    board = cv2.dilate(board, np.ones((5, 5), np.uint8))
    on_wall = np.where(board == 0, edges, 0).astype(np.float32) / 255
    density = cv2.blur(on_wall, (WALL_PATCH, WALL_PATCH))
    return bool(density.max() <= WALL_EDGES)


def _tilt(a: NDArray[Any], b: NDArray[Any]) -> float:
    """Degrees between the segment a-b and the nearer of level and plumb."""
    import math

    angle = math.degrees(math.atan2(float(b[1] - a[1]), float(b[0] - a[0]))) % 90
    return min(angle, 90 - angle)


def _ordered(quad: NDArray[Any]) -> NDArray[Any]:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    import numpy as np

    by_sum = quad[:, 0] + quad[:, 1]
    by_diff = quad[:, 1] - quad[:, 0]
    return np.array(
        [quad[by_sum.argmin()], quad[by_diff.argmin()], quad[by_sum.argmax()], quad[by_diff.argmax()]],
        dtype=np.float32,
    )
