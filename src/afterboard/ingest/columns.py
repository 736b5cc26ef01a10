"""Placing notes under headers: columns from the headers' left edges, the nearest header above in the
note's column, sections from the notes' own words when a header names none, and reading order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from afterboard.extract.action import parse_action
from afterboard.extract.times import find_time
from afterboard.ingest.blocks import Block, Header, Placed
from afterboard.ingest.headers import closest_section
from afterboard.ingest.separators import Separator
from afterboard.sections import Section

GUESS_THRESHOLD = 75.0
"""Similarity to a known header enough for a row that stands where headers stand ('shtributing factps')."""
EVIDENCE_SHARE = 0.6
"""Share of a header's notes that must agree before their contents name its section."""

Box = tuple[float, float, float, float]


def place(
    blocks: Sequence[Block], headers: Sequence[Header], separators: Sequence[Separator] = ()
) -> list[Placed]:
    """Each block under a header above it: among those no column line separates from it, the nearest
    across (then nearest above); with no column lines on the board, the nearest above in its column as
    the headers' left edges mark them."""
    columns = _columns(headers)
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
    return placed


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


def sections_from_evidence(placed: list[Placed], headers: Sequence[Header], *, today: dt.date) -> None:
    """A header that matched no section (misread, or a team's own word) takes the one its notes agree on,
    else the known header it is most like, when it is like one at all; else it stays as written."""
    for header in headers:
        if header.section is not None:
            continue
        texts = [p.block.text for p in placed if p.header is header]
        section = evidence(texts, today=today) or closest_section(header.text, cutoff=GUESS_THRESHOLD)
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
