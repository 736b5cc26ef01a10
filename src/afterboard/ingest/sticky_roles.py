"""What each sticky note is on a board: a note, a header, or a note on which nothing could be read.

Most sticky notes are notes. One that only says a known header ('Went well', 'Start') is that header, and
so is each of a row of short notes of one colour above all the others ('HIGH', 'MED', 'LOW' on blue notes
over orange ones). One on which the engine read nothing is an unread note, kept for a person to type.
"""

from __future__ import annotations

from collections.abc import Sequence

from afterboard.ingest.blocks import Block, Box, Header
from afterboard.ingest.headers import Vocabulary
from afterboard.ingest.ocr import TextLine
from afterboard.ingest.stickies import Sticky


def unread_notes(
    stickies: Sequence[Sticky], on_notes: dict[int, list[TextLine]], lines: Sequence[TextLine]
) -> set[int]:
    """The sticky notes on which nothing at all was read. A note that a fifth of some line lies on is not
    unread (its text runs off it, to the board or a larger note), nor is one touching such a note, or one
    with text, of its colour: the note finder cuts a wide note in parts, and only one part gets the text."""
    spoken = {i for i, found in on_notes.items() if found}
    spoken |= {
        i for i, s in enumerate(stickies) if any(_overlap_share(line.box, s.box) >= 0.2 for line in lines)
    }
    grown = True
    while grown:
        grown = False
        for i, sticky in enumerate(stickies):
            if i not in spoken and any(_touching(sticky, stickies[j]) for j in spoken):
                spoken.add(i)
                grown = True
    return set(range(len(stickies))) - spoken


def _touching(a: Sticky, b: Sticky) -> bool:
    """Same colour, and their boxes meet (within a twentieth of the smaller note's size)."""
    if a.colour != b.colour:
        return False
    slack = 0.05 * min(a.box[2] - a.box[0], b.box[2] - b.box[0], a.box[3] - a.box[1], b.box[3] - b.box[1])
    return (
        a.box[0] - slack <= b.box[2]
        and b.box[0] - slack <= a.box[2]
        and a.box[1] - slack <= b.box[3]
        and b.box[1] - slack <= a.box[3]
    )


def _overlap_share(line: Box, note: Box) -> float:
    """The share of a line's box that lies on a note's box."""
    width = min(line[2], note[2]) - max(line[0], note[0])
    height = min(line[3], note[3]) - max(line[1], note[1])
    area = (line[2] - line[0]) * (line[3] - line[1])
    return width * height / area if width > 0 and height > 0 and area > 0 else 0.0


def split_roles(blocks: Sequence[Block], vocabulary: Vocabulary) -> tuple[list[Block], list[Header]]:
    """The sticky notes' blocks that are notes, and the headers written on sticky notes."""
    row = header_note_row(blocks)
    notes, headers = [], []
    for block in blocks:
        header = _sticky_header(block, vocabulary) or (
            Header(_as_line(block), None) if block in row else None
        )
        if header is None:
            notes.append(block)
        else:
            headers.append(header)
    return notes, headers


def _sticky_header(block: Block, vocabulary: Vocabulary) -> Header | None:
    """A sticky note that says nothing but a known header ('Went well', 'Start') is that header."""
    if not block.lines or len(block.text.split()) > 5 or not vocabulary.is_exact(block.text):
        return None
    named = vocabulary.header(block.text)
    if named is None:
        return None
    return Header(_as_line(block), named.section, known=True)


def _as_line(block: Block) -> TextLine:
    return TextLine(text=block.text, confidence=block.confidence, box=block.box)


def header_note_row(blocks: Sequence[Block]) -> list[Block]:
    """Sticky notes used as headers though their words are no known header ('HIGH', 'MED', 'LOW'): two or
    more notes of one colour, a few words each, side by side in one row above every note of the other
    colours, which outnumber them."""
    short = [b for b in blocks if b.sticky is not None and b.lines and header_like(b.text)]
    for colour in {b.colour for b in short}:
        row = [b for b in short if b.colour == colour]
        others = [b for b in blocks if b.sticky is not None and b.colour != colour]
        if len(row) < 2 or len(others) < len(row):
            continue
        bottom = max(b.box[3] for b in row)
        one_row = max(b.box[1] for b in row) < min(b.box[3] for b in row)
        if not one_row or any(o.box[1] + o.box[3] < 2 * bottom for o in others):
            continue
        return row
    return []


def header_like(text: str) -> bool:
    """Short enough for a header, and words rather than a number or a mark ('11', '√10', '+3')."""
    return len(text.split()) <= 4 and sum(c.isalpha() for c in text) >= 3
