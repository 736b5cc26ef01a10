"""Placing notes under headers: columns from the headers' left edges, the nearest header above in the
note's column, sections from the notes' own words when a header names none, and reading order.

Two layouts are read otherwise. Headers scattered over the board (a sailboat's wind, anchors, rocks and
island, or any headers sharing no row and no column) each take the notes nearest to them. A header with no
note below it in its column, written under notes (a 2x2 whose lower headers sit in the lower corners),
takes the notes of its column below the widest gap between them and the header above.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from afterboard.extract.action import parse_action
from afterboard.extract.times import find_time
from afterboard.ingest.blocks import Block, Header, Placed
from afterboard.ingest.headers import Vocabulary
from afterboard.ingest.separators import Separator
from afterboard.sections import Section

GUESS_THRESHOLD = 75.0
"""Similarity to a known header enough for a row that stands where headers stand ('shtributing factps')."""
EVIDENCE_SHARE = 0.6
"""Share of a header's notes that must agree before their contents name its section."""

Box = tuple[float, float, float, float]


def place(
    blocks: Sequence[Block],
    headers: Sequence[Header],
    separators: Sequence[Separator] = (),
    *,
    scattered: bool = False,
) -> list[Placed]:
    """Each block under a header above it: among those no column line separates from it, the nearest
    across (then nearest above); with no column lines on the board, the nearest above in its column as
    the headers' left edges mark them. On a `scattered` board (or one whose headers share no row and no
    column) each block goes to the header nearest it."""
    columns = _columns(headers)
    if scattered or _scattered(headers):
        return [_nearest_anywhere(block, headers, columns) for block in blocks]
    placed = []
    for block in blocks:
        x0, y0, x1, y1 = block.box
        centre = ((x0 + x1) / 2, (y0 + y1) / 2)
        above = [h for h in headers if h.line.centre[1] < centre[1] and h.line.box[1] < y0 + 0.5 * (y1 - y0)]
        if separators:
            header = _nearest(
                [h for h in above if not any(s.between(h.line.centre, centre) for s in separators)], centre
            )
        else:
            inside = [h for h in above if columns[id(h)].left <= centre[0] < columns[id(h)].right]
            header = max(inside, key=lambda h: h.line.centre[1]) if inside else None
        header = header or _nearest(above, centre)
        number = columns[id(header)].number if header else None
        placed.append(Placed(block, header, _key(header), number))
    _headers_below(placed, headers, columns)
    return placed


def _scattered(headers: Sequence[Header]) -> bool:
    """Three or more headers, no two of them on one row or in one column."""
    if len(headers) < 3:
        return False
    for a in headers:
        for b in headers:
            if a is b:
                continue
            ax0, ay0, ax1, ay1 = a.line.box
            bx0, by0, bx1, by1 = b.line.box
            if _overlap(ax0, ax1, bx0, bx1) or _overlap(ay0, ay1, by0, by1):
                return False
    return True


def _nearest_anywhere(block: Block, headers: Sequence[Header], columns: dict[int, _Column]) -> Placed:
    x0, y0, x1, y1 = block.box
    centre = ((x0 + x1) / 2, (y0 + y1) / 2)
    header = min(headers, key=lambda h: _distance(h.line.box, centre))
    return Placed(block, header, _key(header), columns[id(header)].number)


def _distance(box: Box, point: tuple[float, float]) -> float:
    """From a point to the nearest edge of a box (0 inside it)."""
    dx = max(box[0] - point[0], 0.0, point[0] - box[2])
    dy = max(box[1] - point[1], 0.0, point[1] - box[3])
    return float((dx * dx + dy * dy) ** 0.5)


def _headers_below(placed: list[Placed], headers: Sequence[Header], columns: dict[int, _Column]) -> None:
    """A header with no note of its own, written under notes that went to the header above it in its
    column, beside another header on its row (the lower row of a 2x2), takes those of them below the widest
    gap (the line between two quadrants is an empty band). A lone empty header under a column stays empty."""
    for header in headers:
        column = columns[id(header)]
        beside = any(h is not header and _overlap(*_span_y(h), *_span_y(header)) for h in headers)
        if not beside or any(p.header is header for p in placed):
            continue
        top = header.line.box[1]
        in_column = [p for p in placed if column.left <= _centre_x(p) < column.right]
        if any(_centre_y(p) > header.line.box[3] for p in in_column):
            continue
        above = sorted(
            (
                p
                for p in in_column
                if p.header is not None
                and p.header.line.centre[1] < header.line.centre[1]
                and _centre_y(p) < top
            ),
            key=_centre_y,
        )
        upper = above[0].header if above else None
        if upper is None:
            continue
        edges = [upper.line.box[3], *(_centre_y(p) for p in above), top]
        gaps = [edges[i + 1] - edges[i] for i in range(len(edges) - 1)]
        cut = max(range(1, len(gaps)), key=lambda i: gaps[i], default=None)
        if cut is None or gaps[cut] <= gaps[0]:
            continue
        for p in above[cut:]:
            p.header, p.section = header, _key(header)


def _span_y(header: Header) -> tuple[float, float]:
    return header.line.box[1], header.line.box[3]


def _centre_x(p: Placed) -> float:
    return (p.block.box[0] + p.block.box[2]) / 2


def _centre_y(p: Placed) -> float:
    return (p.block.box[1] + p.block.box[3]) / 2


def _nearest(headers: Sequence[Header], centre: tuple[float, float]) -> Header | None:
    """The header nearest across, then nearest above: a column's own header beats its neighbour's, and
    the lower of two stacked headers wins."""
    return min(
        headers,
        key=lambda h: abs(h.line.centre[0] - centre[0]) + 0.3 * (centre[1] - h.line.centre[1]),
        default=None,
    )


@dataclass(frozen=True)
class _Column:
    number: int
    """1 = leftmost."""
    left: float
    right: float


def _columns(headers: Sequence[Header]) -> dict[int, _Column]:
    """The column of each header. Headers stacked in one column overlap across; headers side by side do
    not. A column runs from just left of its headers to just left of the next column's."""
    clusters: list[list[Header]] = []
    for header in sorted(headers, key=lambda h: h.line.box[0]):
        x0, _, x1, _ = header.line.box
        for cluster in clusters:
            if any(_overlap(x0, x1, other.line.box[0], other.line.box[2]) for other in cluster):
                cluster.append(header)
                break
        else:
            clusters.append([header])
    clusters.sort(key=lambda c: min(h.line.box[0] for h in c))
    result: dict[int, _Column] = {}
    for number, cluster in enumerate(clusters, 1):
        left = _left_edge(cluster) if number > 1 else float("-inf")
        right = _left_edge(clusters[number]) if number < len(clusters) else float("inf")
        for header in cluster:
            result[id(header)] = _Column(number, left, right)
    return result


def _overlap(a0: float, a1: float, b0: float, b1: float) -> bool:
    """Whether two spans overlap by half the narrower one."""
    return min(a1, b1) - max(a0, b0) >= 0.5 * min(a1 - a0, b1 - b0)


def _left_edge(cluster: list[Header]) -> float:
    return min(h.line.box[0] for h in cluster) - 0.5 * min(h.line.height for h in cluster)


def _key(header: Header | None) -> str | None:
    if header is None:
        return None
    return header.section.value if header.section is not None else header.text


def sections_from_evidence(
    placed: list[Placed], headers: Sequence[Header], *, today: dt.date, vocabulary: Vocabulary
) -> None:
    """A header that matched no section (misread, or a team's own word) takes the one its notes agree on,
    else the known header it is most like, when it is like one at all; else it stays as written. A header
    the vocabulary knows keeps what it names, even when that is its own words."""
    for header in headers:
        if header.section is not None or header.known:
            continue
        texts = [p.block.text for p in placed if p.header is header]
        guess = vocabulary.closest(header.text, cutoff=GUESS_THRESHOLD)
        section = evidence(texts, today=today) or (guess.section if guess else None)
        if section is not None:
            header.section = section
            for p in placed:
                if p.header is header:
                    p.section = section.value


def evidence(texts: Sequence[str], *, today: dt.date) -> Section | None:
    """The section a group of notes' contents point to, when most of them agree."""
    if len(texts) < 2:
        return None
    timed = sum(1 for t in texts if (found := find_time(t, on=today)) is not None and found.start <= 2)
    acted = sum(1 for t in texts if (parsed := parse_action(t, today=today)).owner or parsed.due)
    if timed >= EVIDENCE_SHARE * len(texts):
        return Section.TIMELINE
    if acted >= EVIDENCE_SHARE * len(texts):
        return Section.ACTION_ITEMS
    return None


def reading_order(placed: list[Placed], headers: Sequence[Header]) -> list[Placed]:
    """Unplaced notes first (they sit above every header), then header by header, column by column and
    top to bottom; under a header, row by row (notes side by side in a grid), left to right."""
    rank = {id(h): i for i, h in enumerate(sorted(headers, key=_header_order(headers)))}
    groups: dict[int, list[Placed]] = {}
    for p in placed:
        groups.setdefault(-1 if p.header is None else rank[id(p.header)], []).append(p)
    ordered: list[Placed] = []
    for _, group in sorted(groups.items()):
        rows: list[list[Placed]] = []
        for p in sorted(group, key=lambda item: item.block.box[1]):
            _, y0, _, y1 = p.block.box
            if rows and y0 < rows[-1][0].block.box[1] + 0.5 * (y1 - y0):
                rows[-1].append(p)
            else:
                rows.append([p])
        for row in rows:
            ordered.extend(sorted(row, key=lambda item: item.block.box[0]))
    return ordered


def _header_order(headers: Sequence[Header]) -> Callable[[Header], tuple[int, float]]:
    columns = _columns(headers)

    def key(h: Header) -> tuple[int, float]:
        return (columns[id(h)].number, h.line.centre[1])

    return key
