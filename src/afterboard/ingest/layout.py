"""From text lines and sticky notes to notes under headers, in reading order.

1. Lines whose centre lies on a sticky note form that note.
2. Lines off the notes are joined along their row (OCR splits 'What went' from 'well'), then a row that
   names a section ('Timeline', 'Went well', '5 whys'...) is a header; so is an unrecognised row standing
   in line with recognised headers, or written much larger than the notes (a misread header).
3. The other lines off the notes are grouped into blocks of marker text, each one note.
4. Each note goes under the header above it that is nearest across (then nearest above): this follows
   columns, and stacked sections in one column or quadrants alike.
5. A header that names no known section takes its section from its notes when they agree (times →
   timeline, owners or deadlines → action items); otherwise the header as written is the section.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from afterboard.extract.action import parse_action
from afterboard.extract.times import find_time
from afterboard.ingest.headers import closest_section, header_section, is_header_as_written
from afterboard.ingest.ocr import TextLine
from afterboard.ingest.split import split_merged_headers
from afterboard.ingest.stickies import Sticky
from afterboard.sections import Section

GUESS_THRESHOLD = 75.0
"""Similarity to a known header enough for a row that stands where headers stand ('shtributing factps')."""
EVIDENCE_SHARE = 0.6
"""Share of a header's notes that must agree before their contents name its section."""

Box = tuple[float, float, float, float]
_BULLET = re.compile(r"^\s*(?:[-*+•·▪◦‣]|\d{1,2}[.)])\s+")


@dataclass
class Block:
    """Text lines that form one note: a sticky note or a block of marker writing."""

    lines: list[TextLine]
    sticky: Sticky | None = None

    @property
    def box(self) -> Box:
        if self.sticky is not None:
            return self.sticky.box
        return _union(line.box for line in self.lines)

    @property
    def colour(self) -> str | None:
        return self.sticky.colour if self.sticky else None

    @property
    def text(self) -> str:
        return join_lines(self.lines)

    @property
    def confidence(self) -> float:
        """Mean line confidence weighted by characters: a misread long line weighs more than a stray mark."""
        weights = [max(1, len(line.text)) for line in self.lines]
        return sum(w * line.confidence for w, line in zip(weights, self.lines, strict=True)) / sum(weights)


@dataclass
class Header:
    line: TextLine
    section: Section | None

    @property
    def text(self) -> str:
        return self.line.text.strip().rstrip(":").strip()


@dataclass
class Placed:
    """A note in its place: the header it sits under (if any), its section key and its column."""

    block: Block
    header: Header | None
    section: str | None
    column: int | None


@dataclass
class Layout:
    notes: list[Placed] = field(default_factory=list)
    headers: list[Header] = field(default_factory=list)


def lay_out(lines: Sequence[TextLine], stickies: Sequence[Sticky], *, today: dt.date) -> Layout:
    """Notes with their headers and sections, in reading order (header by header, then top to bottom)."""
    on_notes: dict[int, list[TextLine]] = {}
    free: list[TextLine] = []
    for line in lines:
        index = _sticky_of(line, stickies)
        if index is None:
            free.append(line)
        else:
            on_notes.setdefault(index, []).append(line)
    blocks = [Block(lines=found, sticky=stickies[i]) for i, found in sorted(on_notes.items())]
    rows = split_merged_headers(_rows(free))
    headers = _headers(rows, blocks)
    header_lines = {id(h.line) for h in headers}
    free_rows = [r for r in rows if id(r) not in header_lines]
    blocks += [Block(lines=group) for group in _marker_blocks(free_rows, today=today)]
    placed = _place(blocks, headers)
    _sections_from_evidence(placed, headers, today=today)
    return Layout(notes=_reading_order(placed, headers), headers=headers)


def join_lines(lines: Sequence[TextLine]) -> str:
    """The lines of one note as one text, row by row, left to right; a word hyphenated at a line end is
    joined again."""
    text = ""
    for row in _row_groups(lines):
        for line in sorted(row, key=lambda item: item.box[0]):
            piece = line.text.strip()
            if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and piece[:1].islower():
                text = text[:-1] + piece
            else:
                text = f"{text} {piece}" if text else piece
    return text


def _sticky_of(line: TextLine, stickies: Sequence[Sticky]) -> int | None:
    for index, sticky in enumerate(stickies):
        width = sticky.box[2] - sticky.box[0]
        if line.width > 1.5 * width:
            continue
        if sticky.contains(line.centre, margin=0.15 * line.height):
            return index
    return None


def _row_groups(lines: Sequence[TextLine]) -> list[list[TextLine]]:
    """Lines that share a row (they overlap vertically by at least half the smaller height)."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda item: item.centre[1]):
        for row in rows:
            last = row[-1]
            overlap = min(last.box[3], line.box[3]) - max(last.box[1], line.box[1])
            if overlap >= 0.5 * min(last.height, line.height):
                row.append(line)
                break
        else:
            rows.append([line])
    return rows


def _rows(free: Sequence[TextLine]) -> list[TextLine]:
    """Free lines joined with their neighbours on the same row when the gap is small (a word apart)."""
    result = []
    for row in _row_groups(free):
        row.sort(key=lambda item: item.box[0])
        current = [row[0]]
        for line in row[1:]:
            gap = line.box[0] - current[-1].box[2]
            if gap < 0.9 * max(line.height, current[-1].height) and _joins(_merge(current), line):
                current.append(line)
            else:
                result.append(_merge(current))
                current = [line]
        result.append(_merge(current))
    return result


def _joins(left: TextLine, right: TextLine) -> bool:
    """Two neighbours on a row are one line unless that would swallow a header ('Went well' beside
    'Contributing factors' when the columns are close)."""
    if is_header_as_written(f"{left.text} {right.text}"):
        return True
    first, second = header_section(left.text), header_section(right.text)
    if first is None and second is None:
        return True
    return header_section(f"{left.text} {right.text}") is not None and (first is None or second is None)


def _merge(lines: list[TextLine]) -> TextLine:
    if len(lines) == 1:
        return lines[0]
    return TextLine(
        text=" ".join(line.text for line in lines),
        confidence=min(line.confidence for line in lines),
        box=_union(line.box for line in lines),
    )


def _headers(rows: Sequence[TextLine], blocks: Sequence[Block]) -> list[Header]:
    known = []
    for row in rows:
        if len(row.text.split()) <= 6:
            section = header_section(row.text)
            if section is not None and section is not Section.METADATA:
                known.append(Header(row, section))
    if not known:
        return _large_rows(rows, blocks)
    height = statistics.median(h.line.height for h in known)
    in_line = [
        Header(row, None)
        for row in rows
        if all(row is not h.line for h in known)
        and len(row.text.split()) <= 4
        and row.height >= 0.7 * height
        and any(_same_row(row, h.line) and _apart(row, h.line) for h in known)
    ]
    return known + in_line


def _large_rows(rows: Sequence[TextLine], blocks: Sequence[Block]) -> list[Header]:
    """No row names a section: short rows written much larger than the notes' text are headers."""
    note_heights = [line.height for block in blocks for line in block.lines]
    if not note_heights or len(rows) < 2:
        return []
    usual = statistics.median(note_heights)
    return [Header(row, None) for row in rows if len(row.text.split()) <= 4 and row.height >= 1.6 * usual]


def _same_row(a: TextLine, b: TextLine) -> bool:
    return abs(a.centre[1] - b.centre[1]) < 1.5 * max(a.height, b.height)


def _apart(a: TextLine, b: TextLine) -> bool:
    return abs(a.centre[0] - b.centre[0]) > 2 * max(a.height, b.height)


def _marker_blocks(rows: Sequence[TextLine], *, today: dt.date) -> list[list[TextLine]]:
    """Rows of marker writing close above one another, overlapping across, are one note; a row that
    starts with a time or a bullet starts a note of its own (a timeline written as a list)."""
    groups: list[list[TextLine]] = []
    for row in sorted(rows, key=lambda item: item.box[1]):
        starts_entry = _starts_entry(row.text, today=today)
        for group in groups:
            last = group[-1]
            gap = row.box[1] - last.box[3]
            overlap = min(row.box[2], last.box[2]) - max(row.box[0], last.box[0])
            if not starts_entry and gap < 0.6 * max(row.height, last.height) and overlap > 0:
                group.append(row)
                break
        else:
            groups.append([row])
    return groups


def _starts_entry(text: str, *, today: dt.date) -> bool:
    if _BULLET.match(text):
        return True
    found = find_time(text, on=today)
    return found is not None and found.start <= 2


def _place(blocks: Sequence[Block], headers: Sequence[Header]) -> list[Placed]:
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


def _sections_from_evidence(placed: list[Placed], headers: Sequence[Header], *, today: dt.date) -> None:
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


def _reading_order(placed: list[Placed], headers: Sequence[Header]) -> list[Placed]:
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


def _union(boxes: Iterable[Box]) -> Box:
    items = list(boxes)
    return (
        min(b[0] for b in items),
        min(b[1] for b in items),
        max(b[2] for b in items),
        max(b[3] for b in items),
    )
