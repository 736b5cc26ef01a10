"""A digital board's items → Board: the layout rules shared by the readers of canvas exports (Excalidraw,
Miro, FigJam), where every item has an exact box and frames say what they hold.

As on a photo, a note belongs under the header it sits below: the nearest header above it in its column, or
beside it on its row, inside the same frame. A note no header claims takes its frame's title ('Went well'
as a Miro frame or a FigJam section); nested frames are searched from the innermost out. A header is a
short free text (or a shape's) with notes below it or naming a known section, or a sticky note that is
exactly a known header ('Action items'); one that names no section keeps its notes under its own words. A
free text above everything else, larger than the rest, titles the board. Arrows between notes order a
section's notes (a why-chain drawn as arrows reads in the arrows' order); otherwise notes read row by row,
left to right.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from afterboard.board import Board, Note
from afterboard.errors import EmptyBoardError
from afterboard.extract.dates import find_date
from afterboard.ingest.headers import Vocabulary, default_vocabulary
from afterboard.retro import recognise
from afterboard.sections import match_section, normalise

Box = tuple[float, float, float, float]
"""x0, y0, x1, y1 in the board's own units, y growing downwards."""
ItemKind = Literal["note", "text", "frame"]

HEADER_WORDS = 8
"""A header is a few words; a longer free text is a note (instructions, a paragraph) whatever its place."""
NAMED_HEADER_WORDS = 5
"""A free text this short that names a known section is a header even with no notes below it (yet)."""
_UNTITLED = re.compile(r"^(?:frame|section|untitled)?\s*\d*$", re.IGNORECASE)
"""The names tools give frames nobody titled ('Frame 3', 'Section 1'): they name no section."""


@dataclass(frozen=True)
class Item:
    """One thing on the board, as a reader found it."""

    id: str
    kind: ItemKind
    """'note': a sticky note, card or filled shape; 'text': free text or a shape's label, which may be a
    header; 'frame': a frame or section that holds other items."""
    text: str
    box: Box
    parent: str | None = None
    """The frame the tool says holds the item; None lets the item's place decide."""
    colour: str | None = None
    author: str | None = None
    votes: int | None = None
    due: dt.date | None = None
    size: float | None = None
    """The font size of a free text, when the tool says: a title is the largest."""


@dataclass(frozen=True)
class Canvas:
    items: Sequence[Item]
    links: Sequence[tuple[str, str]] = ()
    """Arrows or connectors between items, (from id, to id)."""
    title: str | None = None
    """The board's own name, when the export carries one (a FigJam file's name)."""


def read_canvas(
    canvas: Canvas, *, source: str, what: str, today: dt.date, vocabulary: Vocabulary | None = None
) -> Board:
    """The board laid out; `what` names the format in messages ('an Excalidraw drawing'); `today` is the
    reference for a date in the board's title ('Retro, Fri 20 Nov'); `vocabulary` the headers known, with
    the team's `board_sections` (`headers.vocabulary_for`)."""
    layout = _Layout(canvas, vocabulary or default_vocabulary())
    notes = layout.notes(source)
    if not notes:
        raise EmptyBoardError(
            f"{source} is {what} with no text on it: afterboard reads its sticky notes, texts, shapes and "
            "frames; is it the right board, and was it saved after the meeting?"
        )
    title = layout.title_text or canvas.title or None
    board = Board(
        notes=tuple(notes),
        title=title,
        date=find_date(title, today=today) if title else None,
        sources=(source,),
    )
    # a retro run on a digital board is a project post-mortem, as on a whiteboard
    return board.model_copy(update={"kind": "project"}) if recognise(board.headers) else board


class _Layout:
    def __init__(self, canvas: Canvas, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.frames = {i.id: i for i in canvas.items if i.kind == "frame"}
        self.items = [i for i in canvas.items if i.kind != "frame" and i.text.strip()]
        self.links = canvas.links
        self.parent = {i.id: self._container(i) for i in [*self.frames.values(), *self.items]}
        title = self._title_text()
        self.title_frame = None if title is not None else self._title_frame()
        if title is not None:
            self.items.remove(title)
        self.title_text = (
            title.text.strip() if title else self.title_frame.text.strip() if self.title_frame else None
        )
        self.below = self._notes_by_top()
        headers = [i for i in self.items if self._is_header(i)]
        self.headers: dict[str | None, list[Item]] = {}
        for header in headers:
            self.headers.setdefault(self.parent[header.id], []).append(header)
        header_ids = {h.id for h in headers}
        self.placed = [i for i in self.items if i.id not in header_ids]

    def notes(self, source: str) -> list[Note]:
        groups: dict[str | None, list[Item]] = {}
        anchors: dict[str, Item] = {}
        for item in self.placed:
            anchor = self._place(item)
            if anchor is not None:
                anchors[anchor.id] = anchor
            groups.setdefault(anchor.id if anchor else None, []).append(item)

        def rank(key: str | None) -> tuple[int, float, float]:
            return (0, 0.0, 0.0) if key is None else (1, *_reading_key(anchors[key].box))

        notes = []
        for key in sorted(groups, key=rank):
            header = anchors[key].text.strip() if key is not None else None
            section = self.vocabulary.section_key(header) if header else None
            notes += [
                Note(
                    text=item.text.strip(),
                    section=section,
                    header=header,
                    box=_int_box(item.box),
                    colour=item.colour,
                    region=self._region(item),
                    source=f"{source}#item-{item.id}",
                    author=item.author,
                    votes=item.votes,
                    due=item.due,
                )
                for item in self._ordered(groups[key])
            ]
        return notes

    def _container(self, item: Item) -> str | None:
        """The frame holding `item`: the one the tool names, else the smallest whose box holds its centre."""
        if item.parent in self.frames and item.parent != item.id:
            return item.parent
        size, (cx, cy) = area(item.box), centre(item.box)
        holding = [
            f for f in self.frames.values() if f.id != item.id and area(f.box) > size and holds(f.box, cx, cy)
        ]
        return min(holding, key=lambda f: area(f.box)).id if holding else None

    def _chain(self, item: Item) -> list[str | None]:
        """The frames around `item`, innermost first, then the board itself (None)."""
        chain: list[str | None] = []
        at = self.parent.get(item.id)
        while at is not None and at not in chain:
            chain.append(at)
            at = self.parent.get(at)
        return [*chain, None]

    def _title_text(self) -> Item | None:
        """A free text above everything else on the board, larger than any other text, names the board."""
        texts = [i for i in self.items if i.kind == "text"]
        if not texts:
            return None
        top = min(texts, key=lambda i: i.box[1])
        others = [i for i in self.items if i is not top]
        if match_section(top.text) is not None or len(top.text.split()) > 2 * HEADER_WORDS:
            return None
        if any(o.box[1] < top.box[3] for o in others):
            return None
        sizes = [o.size for o in others if o.kind == "text" and o.size is not None]
        if top.size is not None and sizes:
            return top if top.size > max(sizes) else None
        return top if any(o.kind == "text" for o in others) else None

    def _title_frame(self) -> Item | None:
        """One titled frame around everything names the board (a whole retro drawn in one frame)."""
        outer = {chain[-2] if len(chain) > 1 else None for chain in map(self._chain, self.items)}
        only = outer.pop() if len(outer) == 1 else None
        frame = self.frames.get(only) if only is not None else None
        return frame if frame is not None and _titled(frame) and match_section(frame.text) is None else None

    def _is_header(self, item: Item) -> bool:
        text = item.text.strip()
        words = len(text.split())
        if text.endswith((".", "!", "?", ",")) or len(text) > 80:
            return False
        if item.kind == "note":
            return normalise(text) in self.vocabulary.note_headers
        if words <= NAMED_HEADER_WORDS and (
            match_section(text) is not None or normalise(text) in self.vocabulary.team_headers
        ):
            return True
        return words <= HEADER_WORDS and self._has_notes_below(item)

    def _notes_by_top(self) -> dict[str | None, tuple[list[float], list[Item]]]:
        """Sticky notes per frame, sorted by their top edge, so that finding those below a text is quick on
        a board of thousands."""
        grouped: dict[str | None, list[Item]] = {}
        for item in self.items:
            if item.kind == "note":
                grouped.setdefault(self.parent[item.id], []).append(item)
        result = {}
        for level, items in grouped.items():
            items.sort(key=lambda i: i.box[1])
            result[level] = ([i.box[1] for i in items], items)
        return result

    def _has_notes_below(self, header: Item) -> bool:
        tops, notes = self.below.get(self.parent[header.id], ([], []))
        start = bisect_left(tops, header.box[3] - _slack(header.box))
        return any(_across(header.box, n.box) for n in notes[start:])

    def _place(self, item: Item) -> Item | None:
        """The header `item` sits under, else the titled frame it sits in, else None."""
        for level in self._chain(item):
            header = _header_for(item.box, self.headers.get(level, []))
            if header is not None:
                return header
            frame = self.frames.get(level) if level is not None else None
            if frame is not None and frame is not self.title_frame and _titled(frame):
                return frame
        return None

    def _region(self, item: Item) -> str | None:
        titles = [self.frames[f].text.strip() for f in reversed(self._chain(item)) if f is not None]
        return " / ".join(t for t in titles if _is_title(t)) or None

    def _ordered(self, items: list[Item]) -> list[Item]:
        """Row by row, left to right; where arrows join notes of a group, each after the one it comes from."""
        rows: list[list[Item]] = []
        for item in sorted(items, key=lambda i: i.box[1]):
            if rows and item.box[1] < rows[-1][0].box[1] + 0.5 * (item.box[3] - item.box[1]):
                rows[-1].append(item)
            else:
                rows.append([item])
        reading = [i for row in rows for i in sorted(row, key=lambda i: i.box[0])]
        return _follow_arrows(reading, self.links)


def _header_for(box: Box, headers: Sequence[Item]) -> Item | None:
    """The nearest header above in the note's column; else the nearest to its left on its row; else the
    nearest above at all (a quadrant's notes spread right of its corner header)."""
    cx, cy = centre(box)
    above = [h for h in headers if h.box[1] <= box[1] + _slack(box) and centre(h.box)[1] < cy]
    column = [h for h in above if _across(h.box, box)]
    if column:
        return max(column, key=lambda h: h.box[3])
    row = [h for h in headers if h.box[2] <= box[0] + _slack(box) and _along(h.box, box)]
    if row:
        return max(row, key=lambda h: h.box[2])
    return min(above, key=lambda h: abs(centre(h.box)[0] - cx) + 0.3 * (cy - centre(h.box)[1]), default=None)


def _follow_arrows(reading: list[Item], links: Iterable[tuple[str, str]]) -> list[Item]:
    """`reading` reordered so that every arrow's target comes after its source (reading order breaks ties;
    a cycle of arrows leaves the rest in reading order)."""
    rank = {item.id: n for n, item in enumerate(reading)}
    after: dict[str, list[str]] = {}
    waiting = dict.fromkeys(rank, 0)
    for start, end in links:
        if start in rank and end in rank and start != end:
            after.setdefault(start, []).append(end)
            waiting[end] += 1
    if not after:
        return reading
    ready = [(rank[i], i) for i, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    ordered: list[str] = []
    while ready:
        _, current = heapq.heappop(ready)
        ordered.append(current)
        for nxt in after.get(current, []):
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                heapq.heappush(ready, (rank[nxt], nxt))
    seen = set(ordered)
    ordered += [i.id for i in reading if i.id not in seen]
    by_id = {i.id: i for i in reading}
    return [by_id[i] for i in ordered]


def _titled(frame: Item) -> bool:
    return _is_title(frame.text.strip())


def _is_title(title: str) -> bool:
    """Whether a frame's title was given by a person: not empty, not the tool's 'Frame 3'."""
    return bool(title) and not _UNTITLED.match(title)


def _across(upper: Box, lower: Box) -> bool:
    """Whether two boxes share a column: they overlap across by a third of the narrower."""
    return (
        min(upper[2], lower[2]) - max(upper[0], lower[0]) >= min(upper[2] - upper[0], lower[2] - lower[0]) / 3
    )


def _along(left: Box, right: Box) -> bool:
    """Whether two boxes share a row: they overlap down by half the shorter."""
    return min(left[3], right[3]) - max(left[1], right[1]) >= min(left[3] - left[1], right[3] - right[1]) / 2


def _slack(box: Box) -> float:
    """How far out of line a hand-placed item may be and still count as below or beside another."""
    return 0.25 * (box[3] - box[1])


def centre(box: Box) -> tuple[float, float]:
    return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)


def area(box: Box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def holds(box: Box, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _reading_key(box: Box) -> tuple[float, float]:
    return (box[1], box[0])


def _int_box(box: Box) -> tuple[int, int, int, int]:
    return (round(box[0]), round(box[1]), round(box[2]), round(box[3]))
