"""A phone photo of a post-mortem board → Board: load, read the text, find the notes, lay them out.

    reader = PhotoReader()                 # loads the OCR engine once
    board = reader.read(Path("board.jpg"))  # then each photo costs only its own work

A board photographed at an angle is squared before it is read (`rectify`); every note keeps its OCR
confidence, its box in the upright photo as taken (EXIF orientation applied), its colour
and its place ('column 2'), and its source ('board.jpg#note-7'). Nothing is invented and nothing read is
lost: a sticky note on which nothing could be read is kept as an unread note (no text, no confidence) for a
person to type, a header with no note under it is kept in `Board.empty_headers`, and a doubtful reading
keeps its low confidence for a person to confirm. A board headed by a retro format's columns ('Start /
Stop / Continue', `retro.py`) is a project post-mortem unless the caller says otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from afterboard.board import Board, Note
from afterboard.errors import EmptyBoardError
from afterboard.extract.dates import find_date
from afterboard.extract.impact import find_severity
from afterboard.extract.times import zone_named
from afterboard.ingest.blocks import Placed, join_lines
from afterboard.ingest.headers import Vocabulary
from afterboard.ingest.image import Photo, load_photo
from afterboard.ingest.layout import Layout, lay_out
from afterboard.ingest.lexicon import Lexicon
from afterboard.ingest.lighting import even_out
from afterboard.ingest.ocr import TextLine, Vision, default_vision
from afterboard.ingest.rectify import Rectified, rectify
from afterboard.ingest.rotation import read_upright, unturn_box
from afterboard.ingest.separators import Separator, find_separators
from afterboard.ingest.stickies import Sticky, find_stickies
from afterboard.retro import recognise
from afterboard.sections import Section

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

_ZONE = re.compile(r"\ball\s+times?\s+(?:are\s+)?(?:in\s+)?(?P<zone>[A-Za-z][\w/+:-]*)", re.IGNORECASE)
NO_TEXT_HINT = "try a sharper photo, or pass the notes as text with `afterboard draft`"


@dataclass(frozen=True)
class PhotoResult:
    """What was read from one photo: the board, and the photo itself for drawing the annotated image."""

    board: Board
    photo: Photo
    layout: Layout
    """Lines and notes in the pixels as read (squared, evened, turned); the board's boxes are the photo's."""
    lines: tuple[TextLine, ...] = ()
    """Every line the engine read, before layout: what the notes and headers must account for."""
    squared: bool = False
    """The board was seen at an angle and squared before reading."""
    evened: bool = False
    """The light on the board was strongly uneven and evened out before reading."""


class PhotoReader:
    """Reads board photos with one OCR engine, loaded once and reused for every photo."""

    def __init__(
        self,
        vision: Vision | None = None,
        *,
        vocabulary: Vocabulary | None = None,
        words: Collection[str] = (),
    ) -> None:
        """`words`: the team's own words (names, services, words from its archive and review corrections),
        read as readily as common English words; phrases are split into words."""
        self._vision = vision
        self._vocabulary = vocabulary
        self._words = words
        self._lexicon: Lexicon | None = None
        # one helper thread a reader (started on first use), so readers working at once do not queue
        # their shapes behind each other's
        self._shapes = ThreadPoolExecutor(max_workers=1, thread_name_prefix="afterboard-shapes")

    @property
    def vision(self) -> Vision:
        if self._vision is None:
            self._vision = default_vision()
        return self._vision

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = Lexicon(self._words)
        return self._lexicon

    def read(self, path: Path, *, today: dt.date | None = None) -> Board:
        """The board on the photo at `path`; InputError for an unusable file, EmptyBoardError if no text."""
        return self.read_full(path, today=today).board

    def read_full(
        self, path: Path, *, today: dt.date | None = None, words: Collection[str] | None = None
    ) -> PhotoResult:
        """`words`, when given, are the team's words as of this photo, in place of the reader's own (a
        long-lived reader in a worker sees the archive's vocabulary grow)."""
        lexicon = self.lexicon if words is None else Lexicon(words)
        photo = load_photo(path)
        board_view = rectify(photo.pixels)
        evened = even_out(board_view.pixels)
        # The notes' shapes are found while the engine reads: OpenCV and onnxruntime both let go of the
        # GIL, and the engine leaves a core idle between its steps.
        shapes = self._shapes.submit(_shapes, evened)
        reading = read_upright(self.vision, evened)
        upright = shapes.result()  # waited for even when unused: its errors surface, its thread is free
        stickies, separators = upright if reading.turns == 0 else _shapes(reading.pixels)
        if not reading.lines:
            raise EmptyBoardError(_nothing_read(path, photo, len(stickies)))
        lines = [lexicon.reread(line) for line in reading.lines]
        reference = today or dt.date.today()
        layout = lay_out(lines, stickies, today=reference, separators=separators, vocabulary=self._vocabulary)
        title = _title(layout)
        notes = tuple(
            _note(placed, index, photo=photo, turns=reading.turns, view=board_view)
            for index, placed in enumerate((p for p in layout.notes if p is not title), start=1)
        )
        title_text = title.block.text if title else None
        board = Board(
            notes=notes,
            title=title_text,
            date=find_date(title_text, today=reference) if title_text else None,
            severity=find_severity(title_text) if title_text else None,
            timezone=_stated_zone(notes),
            kind=_kind(layout),
            sources=(photo.name,),
            empty_headers=_empty_headers(layout),
        )
        if board.is_empty:
            raise EmptyBoardError(_nothing_read(path, photo, len(stickies)))
        return PhotoResult(
            board=board,
            photo=photo,
            layout=layout,
            lines=tuple(lines),
            squared=board_view.matrix is not None,
            evened=evened is not board_view.pixels,
        )


def _shapes(pixels: NDArray[np.uint8]) -> tuple[list[Sticky], list[Separator]]:
    """The sticky notes and the column lines drawn on the board."""
    stickies = find_stickies(pixels)
    return stickies, find_separators(pixels, stickies)


def read_photo(path: Path, *, vision: Vision | None = None, today: dt.date | None = None) -> Board:
    """One photo → Board, with the default engine unless another `vision` is given."""
    return PhotoReader(vision).read(path, today=today)


def read_photos(paths: Sequence[Path], *, reader: PhotoReader, today: dt.date | None = None) -> Board:
    """Several photos of one board (a wide board shot in parts) → one Board, in the order given."""
    boards = [reader.read(path, today=today) for path in paths]
    merged = boards[0]
    for board in boards[1:]:
        merged = merged.merged(board)
    return merged


def _title(layout: Layout) -> Placed | None:
    """Writing above every header, under none and on no sticky note, is the board's title."""
    if not layout.headers:
        return None
    top = min(h.line.box[1] for h in layout.headers)
    above = [p for p in layout.notes if p.header is None and p.block.sticky is None and p.block.box[3] <= top]
    return min(above, key=lambda p: p.block.box[1], default=None)


def _empty_headers(layout: Layout) -> tuple[str, ...]:
    used = {id(p.header) for p in layout.notes}
    return tuple(h.text for h in layout.headers if id(h) not in used)


def _kind(layout: Layout) -> str | None:
    """'project' for a board headed by a retro format's columns and by none of an incident's own sections."""
    incident = {Section.TIMELINE, Section.IMPACT}
    if any(h.section in incident for h in layout.headers):
        return None
    return "project" if recognise(h.text for h in layout.headers) else None


def _stated_zone(notes: tuple[Note, ...]) -> str | None:
    """'Timeline (all times UTC)' or a note saying 'all times CET' states the zone of the board's times."""
    for text in (*(n.header or "" for n in notes), *(n.text for n in notes)):
        found = _ZONE.search(text)
        if found and zone_named(found["zone"]) is not None:
            return found["zone"].upper() if len(found["zone"]) <= 5 else found["zone"]
    return None


def _note(placed: Placed, index: int, *, photo: Photo, turns: int, view: Rectified) -> Note:
    """The note, its box back in the original photo: unturned, unsquared, unshrunk."""
    block = placed.block
    box = view.to_photo(unturn_box(block.box, turns, view.size), (photo.width, photo.height))
    scaled = tuple(round(v * photo.scale) for v in box)
    header = placed.header.text if placed.header else None
    # a sticky note on which the engine saw only a stray mark ('_') is unread, not a note saying '_'
    read = any(c.isalnum() for c in block.text)
    raw = [replace(line, text=line.read_as) if line.read_as else line for line in block.lines]
    return Note(
        text=block.text if read else "",
        read_as=join_lines(raw) if read and any(line.read_as for line in block.lines) else None,
        section=placed.section,
        header=header,
        confidence=round(min(1.0, max(0.0, block.confidence)), 3) if read else 0.0,
        box=(scaled[0], scaled[1], scaled[2], scaled[3]),
        colour=block.colour,
        region=f"column {placed.column}" if placed.column else None,
        source=f"{photo.name}#note-{index}",
    )


def _nothing_read(path: Path, photo: Photo, stickies: int) -> str:
    if stickies:
        return f"{path}: found {stickies} sticky notes but no text on them; {NO_TEXT_HINT}."
    if _looks_blank(photo):
        return f"{path} shows a blank board: no notes and no writing were found; {NO_TEXT_HINT}."
    return f"{path}: no text found; {NO_TEXT_HINT}."


def _looks_blank(photo: Photo) -> bool:
    """A blank board is one bright, nearly even, nearly white surface: little detail or colour anywhere."""
    import cv2
    import numpy as np

    grey = cv2.cvtColor(photo.pixels, cv2.COLOR_RGB2GRAY)
    saturation = cv2.cvtColor(photo.pixels, cv2.COLOR_RGB2HSV)[:, :, 1]
    edges = cv2.Canny(grey, 50, 150)
    return bool(
        float(np.mean(grey)) > 120
        and float(np.median(saturation)) < 40
        and float(np.count_nonzero(edges)) / edges.size < 0.01
    )
