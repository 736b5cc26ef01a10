"""The pieces of a board's layout: blocks of text lines (notes), headers, and notes placed under them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from afterboard.ingest.ocr import TextLine
from afterboard.ingest.stickies import Sticky
from afterboard.sections import Section

Box = tuple[float, float, float, float]


@dataclass
class Block:
    """Text lines that form one note: a sticky note or a block of marker writing."""

    lines: list[TextLine]
    sticky: Sticky | None = None

    @property
    def box(self) -> Box:
        if self.sticky is not None:
            return self.sticky.box
        return union(line.box for line in self.lines)

    @property
    def colour(self) -> str | None:
        return self.sticky.colour if self.sticky else None

    @property
    def text(self) -> str:
        return join_lines(self.lines)

    @property
    def confidence(self) -> float:
        """Mean line confidence weighted by characters: a misread long line weighs more than a stray mark.
        A sticky note on which nothing could be read has none (0)."""
        if not self.lines:
            return 0.0
        weights = [max(1, len(line.text)) for line in self.lines]
        return sum(w * line.confidence for w, line in zip(weights, self.lines, strict=True)) / sum(weights)


@dataclass
class Header:
    line: TextLine
    section: Section | None
    known: bool = False
    """The vocabulary knows this header: its section (or its own words) is settled, not to be guessed."""

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


def union(boxes: Iterable[Box]) -> Box:
    items = list(boxes)
    return (
        min(b[0] for b in items),
        min(b[1] for b in items),
        max(b[2] for b in items),
        max(b[3] for b in items),
    )


def join_lines(lines: Sequence[TextLine]) -> str:
    """The lines of one note as one text, row by row, left to right; a word hyphenated at a line end is
    joined again."""
    text = ""
    for row in row_groups(lines):
        for line in sorted(row, key=lambda item: item.box[0]):
            piece = line.text.strip()
            if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and piece[:1].islower():
                text = text[:-1] + piece
            else:
                text = f"{text} {piece}" if text else piece
    return text


def row_groups(lines: Sequence[TextLine]) -> list[list[TextLine]]:
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
