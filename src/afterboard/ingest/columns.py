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
from afterboard.sections import Section

GUESS_THRESHOLD = 75.0
"""Similarity to a known header enough for a row that stands where headers stand ('shtributing factps')."""
EVIDENCE_SHARE = 0.6
"""Share of a header's notes that must agree before their contents name its section."""

Box = tuple[float, float, float, float]


def place(blocks: Sequence[Block], headers: Sequence[Header]) -> list[Placed]:
    """Each block under the nearest header above it whose column holds it; failing that, the header above
    that is nearest across (then nearest above)."""
    columns = _columns(headers)
    placed = []
    for block in blocks:
        x0, y0, x1, y1 = block.box
        cx = (x0 + x1) / 2
        above = [
            h for h in headers if h.line.centre[1] < (y0 + y1) / 2 and h.line.box[1] < y0 + 0.5 * (y1 - y0)
        ]
        inside = [h for h in above if columns[id(h)].left <= cx < columns[id(h)].right]
        header = max(inside, key=lambda h: h.line.centre[1]) if inside else None
        if header is None:
            header = min(
                above, key=lambda h: abs(h.line.centre[0] - cx) + 0.3 * (y0 - h.line.centre[1]), default=None
            )
        number = columns[id(header)].number if header else None
        placed.append(Placed(block, header, _key(header), number))
    return placed


@dataclass(frozen=True)
class _Column:
    number: int
    """1 = leftmost."""
    left: float
    right: float


def _columns(headers: Sequence[Header]) -> dict[int, _Column]:
    """The column of each header. Headers whose left edges line up (left-aligned or centred, in one row or
    stacked) share a column; a column runs from just left of its headers to just left of the next."""
    ordered = sorted(headers, key=lambda h: h.line.box[0])
    clusters: list[list[Header]] = []
    for header in ordered:
        if clusters and header.line.box[0] - clusters[-1][-1].line.box[0] < 3 * header.line.height:
            clusters[-1].append(header)
        else:
            clusters.append([header])
    result: dict[int, _Column] = {}
    for number, cluster in enumerate(clusters, 1):
        pad = 0.5 * max(h.line.height for h in cluster)
        left = min(h.line.box[0] for h in cluster) - pad if number > 1 else float("-inf")
        right = float("inf")
        if number < len(clusters):
            following = clusters[number]
            right = min(h.line.box[0] for h in following) - 0.5 * max(h.line.height for h in following)
        for header in cluster:
            result[id(header)] = _Column(number, left, right)
    return result


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
