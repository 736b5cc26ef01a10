"""From text lines and sticky notes to notes under headers, in reading order.

1. Lines whose centre lies on a sticky note form that note; a sticky note on which nothing was read is
   kept as an unread note (no text), for a person to type. A sticky note that only says a known header
   ('Went well' written on a note of its own) is that header.
2. Lines off the notes are joined along their row (OCR splits 'What went' from 'well'), and a row that
   swallowed several headers is cut apart (`split.py`); a row that names a section or a retro column
   ('Timeline', 'Went well', 'Start', 'It hurts': the `Vocabulary`) is a header; so is an unrecognised
   row standing in line with recognised headers, or written much larger than the notes (a misread
   header).
3. The other lines off the notes are grouped into blocks of marker text, each one note; a line starting
   with a time or a bullet starts a new one.
4. Each note goes under the nearest header above it in its column (or, on a board whose headers are
   scattered, as on a sailboat, the nearest header), and takes its section; a header that names no known
   section takes one from its notes' words (`columns.py`).
5. A timeline drawn as a line or an arrow across the board takes the notes stuck above and below it, in
   their order along it (`drawn_timeline.py`).

Every line the engine read ends up, with its text, in exactly one note, one header or the title.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from afterboard.extract.times import find_time
from afterboard.ingest.blocks import Block, Header, Placed, row_groups, union
from afterboard.ingest.columns import place, reading_order, sections_from_evidence
from afterboard.ingest.drawn_timeline import along_drawn_timeline, in_timeline_order
from afterboard.ingest.headers import Named, Vocabulary, default_vocabulary
from afterboard.ingest.ocr import TextLine
from afterboard.ingest.separators import Separator
from afterboard.ingest.split import split_merged_headers
from afterboard.ingest.stickies import Sticky
from afterboard.ingest.sticky_roles import header_like, split_roles, unread_notes
from afterboard.retro import recognise
from afterboard.sections import Section

_LABEL = re.compile(r"^\s*[A-Za-z][\w&/'-]*(?:\s+[\w&/'-]+){0,3}\s*:\s*$")
"""A short row ending in a colon ('Business model:') labels what follows it."""
_BULLET = re.compile(r"^\s*(?:[-*+•·▪◦‣]|\d{1,2}[.)])\s+")


@dataclass
class Layout:
    notes: list[Placed] = field(default_factory=list)
    headers: list[Header] = field(default_factory=list)


def lay_out(
    lines: Sequence[TextLine],
    stickies: Sequence[Sticky],
    *,
    today: dt.date,
    separators: Sequence[Separator] = (),
    vocabulary: Vocabulary | None = None,
) -> Layout:
    """Notes with their headers and sections, in reading order (header by header, then top to bottom)."""
    vocabulary = vocabulary or default_vocabulary()
    on_notes: dict[int, list[TextLine]] = {index: [] for index in range(len(stickies))}
    free: list[TextLine] = []
    for line in lines:
        index = _sticky_of(line, stickies)
        if index is None:
            free.append(line)
        else:
            on_notes[index].append(line)
    unread = unread_notes(stickies, on_notes, lines)
    blocks = [
        Block(lines=found, sticky=stickies[i])
        for i, found in sorted(on_notes.items())
        if found or i in unread
    ]
    blocks, on_sticky = split_roles(blocks, vocabulary)
    rows = split_merged_headers(_rows(free, vocabulary), vocabulary)
    headers = _headers(rows, blocks, vocabulary) + on_sticky
    header_lines = {id(h.line) for h in headers}
    free_rows = [r for r in rows if id(r) not in header_lines]
    blocks += [Block(lines=group) for group in _marker_blocks(free_rows, today=today)]
    retro = recognise(h.text for h in headers)
    columns = [s for s in separators if not s.across]
    placed = place(blocks, headers, columns, scattered=retro is not None and retro.scattered)
    sections_from_evidence(placed, headers, today=today, vocabulary=vocabulary)
    timeline = along_drawn_timeline(placed, headers, separators, today=today)
    return Layout(notes=in_timeline_order(reading_order(placed, headers), timeline), headers=headers)


def _sticky_of(line: TextLine, stickies: Sequence[Sticky]) -> int | None:
    for index, sticky in enumerate(stickies):
        width = sticky.box[2] - sticky.box[0]
        if line.width > 1.5 * width:
            continue
        if sticky.contains(line.centre, margin=0.15 * line.height):
            return index
    return None


def _rows(free: Sequence[TextLine], vocabulary: Vocabulary) -> list[TextLine]:
    """Free lines joined with their neighbours on the same row when the gap is small (a word apart)."""
    result = []
    for row in row_groups(free):
        row.sort(key=lambda item: item.box[0])
        current = [row[0]]
        for line in row[1:]:
            gap = line.box[0] - current[-1].box[2]
            joins = _joins(_merge(current), line, vocabulary)
            if gap < 0.9 * max(line.height, current[-1].height) and joins:
                current.append(line)
            else:
                result.append(_merge(current))
                current = [line]
        result.append(_merge(current))
    return result


def _joins(left: TextLine, right: TextLine, vocabulary: Vocabulary) -> bool:
    """Two neighbours on a row are one line unless that would swallow a header ('Went well' beside
    'Contributing factors' when the columns are close)."""
    if vocabulary.is_exact(f"{left.text} {right.text}"):
        return True
    first, second = vocabulary.header(left.text), vocabulary.header(right.text)
    if first is None and second is None:
        return True
    whole = vocabulary.header(f"{left.text} {right.text}")
    return whole is not None and (first is None or second is None)


def _merge(lines: list[TextLine]) -> TextLine:
    if len(lines) == 1:
        return lines[0]
    return TextLine(
        text=" ".join(line.text for line in lines),
        confidence=min(line.confidence for line in lines),
        box=union(line.box for line in lines),
    )


def _headers(rows: Sequence[TextLine], blocks: Sequence[Block], vocabulary: Vocabulary) -> list[Header]:
    candidates: list[tuple[TextLine, Named]] = []
    for row in rows:
        if len(row.text.split()) <= 6:
            named = vocabulary.header(row.text)
            if named is not None and named.section is not Section.METADATA:
                candidates.append((row, named))
    names = [named for _, named in candidates]
    known = [
        Header(row, named.section, known=True)
        for row, named in candidates
        if vocabulary.corroborated(named, names)
    ]
    labelled = [
        Header(row, None) for row in rows if _LABEL.match(row.text) and all(row is not h.line for h in known)
    ]
    taken = {id(h.line) for h in [*known, *labelled]}
    labelled += [Header(row, None) for row in _outdented(rows) if id(row) not in taken]
    if not known and not labelled:
        return _large_rows(rows, blocks)
    known += labelled
    height = statistics.median(h.line.height for h in known)
    in_line = [
        Header(row, None)
        for row in rows
        if all(row is not h.line for h in known)
        and header_like(row.text)
        and row.height >= 0.7 * height
        and any(_same_row(row, h.line) and _apart(row, h.line) for h in known)
    ]
    return known + in_line


def _outdented(rows: Sequence[TextLine]) -> list[TextLine]:
    """Short rows that head an outline: two or more rows follow close below, each indented from it by
    at least half a line ('Strategy' over '- attract players', '- use content marketing')."""
    ordered = sorted(rows, key=lambda row: row.box[1])
    heads = []
    for index, row in enumerate(ordered):
        if not header_like(row.text) or len(row.text.split()) > 3:
            continue
        below: list[TextLine] = []
        for other in ordered[index + 1 :]:
            if other.box[0] > row.box[2] + 2 * row.height or other.box[2] < row.box[0]:
                continue  # in another column
            last = below[-1] if below else row
            if other.box[1] - last.box[3] > 0.8 * row.height:
                break
            if other.box[0] < row.box[0] + 0.4 * row.height:
                break
            below.append(other)
        if len(below) >= 2:
            heads.append(row)
    return heads


def _large_rows(rows: Sequence[TextLine], blocks: Sequence[Block]) -> list[Header]:
    """No row names a section: short rows written much larger than the notes' text (the other rows' when
    there are no sticky notes) are headers."""
    note_heights = [line.height for block in blocks for line in block.lines] or [row.height for row in rows]
    if len(note_heights) < 2 or len(rows) < 2:
        return []
    usual = statistics.median(note_heights)
    return [Header(row, None) for row in rows if header_like(row.text) and row.height >= 1.6 * usual]


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
