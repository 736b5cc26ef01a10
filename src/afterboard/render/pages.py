"""How many pages the PDF of a post-mortem has, reckoned without drawing and without reportlab.

The length rule of `afterboard check` needs the page count, and a linter runs over whole folders: rendering
each document (reportlab, and matplotlib for the pictures) cost seconds a file. Here the story the PDF is made
from (`render/story.py`) is laid out as reportlab lays it out, using the pictures' sizes (measured, never
drawn) and the font's glyph widths (`render/fonts.py`):

- a paragraph's lines break where reportlab breaks them: its markup cleaned and cut into fragments as its
  parser does, words measured with the same float operations, the same 5% give in the spaces, over-long words
  split between characters, the first line of a bullet item narrowed when the bullet overhangs its indent;
- pages fill as platypus fills its frame (6-point padding, the space between paragraphs the larger of the two
  spaces, no space at the top of a page); a paragraph breaks across pages keeping at least two lines on the
  first; a heading stays with what follows it; a table breaks between rows, repeating its header, and a row
  taller than the room left breaks inside its cells.

Only what the story uses is followed: the tests hold the count to the rendered PDF on the samples and on
generated documents, and a change to the story or the styles that this module does not follow shows there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from afterboard.postmortem import PostMortem
from afterboard.render.fonts import FontMetrics, FontStyle, metrics
from afterboard.render.story import (
    BULLET_FONT_SIZE,
    CELL_PADDING,
    MARGIN,
    STYLES,
    Gap,
    Graphic,
    Grid,
    Item,
    Text,
    TextStyle,
    page_area,
    story,
)
from afterboard.render.view import View
from afterboard.settings import Settings

_FUZZ = 1e-6
"""reportlab's tolerance in layout arithmetic."""
_FRAME_PADDING = 6.0
"""The padding of a document template's frame on each side."""
_SHRINK = 0.05
"""How much a line's spaces may shrink to fit one more word (reportlab's `spaceShrinkage`)."""
_WHITESPACE = " \t\n\r\x0b\x0c"
"""`string.whitespace`, which reportlab's word splitter tests fragment ends against."""
_WSC = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u200b\u2028\u2029\u202f\u205f\u3000"
)
"""The characters reportlab strips and, in text holding a no-break space, splits words on."""
_WSC_SPLIT = re.compile(f"[{re.escape(_WSC)}]+").split
_HELVETICA = {"•": 350, ".": 278, **dict.fromkeys("0123456789", 556)}
"""Widths of the bullet characters in Helvetica, the bullets' font (reportlab's default)."""
_TOKEN = re.compile(r"<(/?)(b|i|font|br)\b([^>]*)>|&(amp|lt|gt);|[^<&]+")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}


def page_count(pm: PostMortem, *, settings: Settings | None = None) -> int:
    """How many pages `render_pdf(pm, settings=settings)` makes."""
    from afterboard.render.pictures import draw_pictures

    settings = settings or Settings()
    _, _, width, height = page_area(settings.paper)
    items = story(
        View(pm, settings), draw_pictures(pm, settings=settings, formats=()), width=width, height=height
    )
    return _Document(width, height).pages(items)


# --- lines of a paragraph ------------------------------------------------------------------------------


_REMEMBERED = 100_000
"""At most this many widths are kept per face and size (some megabytes), however long the process runs."""


@dataclass(frozen=True)
class _Font:
    """What makes two fragments alike for reportlab: face, size and colour."""

    metrics: FontMetrics
    size: float
    colour: str
    _known: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    """Widths already measured: a document repeats its words, and the count measures each many times."""

    def width(self, text: str) -> float:
        known = self._known.get(text)
        if known is None:
            known = self.metrics.width(text, self.size)
            if len(self._known) < _REMEMBERED:
                self._known[text] = known
        return known


@dataclass
class _Frag:
    font: _Font
    text: str
    brk: bool = False


class _Word(list):  # type: ignore[type-arg]
    """[width, (frag, text), ...]: a word, possibly spanning fragments of different fonts."""


class _Spaced(_Word):
    """A word followed by a space."""


class _Piece(_Word):
    """A piece of a word too long for a line, cut between characters."""


class _LastPiece(_Piece):
    """The last piece of a cut word (reportlab's `_SplitFragH`)."""


class _LastPieceSpaced(_Piece, _Spaced):
    """The last piece of a cut word followed by a space (`_SplitFragHS`)."""


class _Injected(_Word):
    """The line break reportlab puts after the first piece of a cut word."""


class _Cut(str):
    """A piece of a long word in a one-fragment paragraph (reportlab's `_SplitWord`)."""


class _CutEnd(_Cut):
    """Its last piece (`_SplitWordEnd`)."""


def _split(text: str, delimiter: str | None = None) -> list[str]:
    if delimiter is None and "\xa0" in text:
        return _WSC_SPLIT(text)
    return text.split(delimiter)


def _clean(markup: str) -> str:
    """reportlab's `cleanBlockQuotedText`: each line stripped and its whitespace runs made one space."""
    if markup.isprintable() and "  " not in markup and markup[:1] != " " and markup[-1:] != " ":
        return markup  # no whitespace but single inner spaces (isprintable is False for all others)
    lines = (" ".join(w for w in _split(line.strip(_WSC)) if w) for line in _split(markup, "\n"))
    return " ".join(line for line in lines if line)


def _frags(markup: str, style: TextStyle, ink: str) -> list[_Frag]:
    """The fragments reportlab's paragraph parser makes of `markup` (as `render/story.py` writes it): one
    per run of text, per entity and per line break, each in its face, size and colour."""
    text = _clean(markup)
    if "<" not in text and "&" not in text:  # plain text in the paragraph's own style: one fragment
        return [_Frag(_font(style.bold, False, style.size, ink), text)] if text else []
    stack: list[tuple[bool, bool, float, str]] = [(style.bold, False, style.size, ink)]
    frags: list[_Frag] = []
    for match in _TOKEN.finditer(text):
        closing, tag, attributes, entity = match.groups()
        bold, italic, size, colour = stack[-1]
        if tag == "br":
            frags.append(_Frag(_font(bold, italic, size, colour), "", brk=True))
        elif closing:
            stack.pop()
        elif tag:
            if tag == "b":
                bold = True
            elif tag == "i":
                italic = True
            else:
                found = dict(re.findall(r'(\w+)="([^"]*)"', attributes))
                size, colour = float(found.get("size", size)), found.get("color", colour)
            stack.append((bold, italic, size, colour))
        else:
            text = _ENTITIES[entity] if entity else match.group()
            frags.append(_Frag(_font(bold, italic, size, colour), text))
    return frags


@cache
def _font(bold: bool, italic: bool, size: float, colour: str) -> _Font:
    faces: dict[tuple[bool, bool], FontStyle] = {
        (False, False): "regular",
        (True, False): "bold",
        (False, True): "italic",
        (True, True): "bold-italic",
    }
    return _Font(metrics(faces[bold, italic]), size, colour)


def line_count(
    markup: str, style: TextStyle, width: float, *, bullet: str | None = None, ink: str = ""
) -> int:
    """How many lines reportlab breaks the paragraph into at `width` points (its `breakLines`)."""
    widths = [width - style.left_indent, width - style.left_indent]
    if bullet:
        overhang = style.bullet_indent + _bullet_width(bullet) + 0.6 * BULLET_FONT_SIZE - style.left_indent
        if overhang > 0:
            widths[0] -= overhang
    frags = _frags(markup, style, ink)
    if not frags:
        return 0
    if len(frags) == 1:
        return _simple_lines(frags[0], widths)
    return _Lines(widths).count_lines(_Words().of(frags))


def _bullet_width(bullet: str) -> float:
    return sum(_HELVETICA[c] for c in bullet) * 0.001 * BULLET_FONT_SIZE


def _simple_lines(frag: _Frag, widths: list[float]) -> int:
    """Lines of a paragraph of one fragment (reportlab's first case of `breakLines`)."""
    text = frag.text.strip(_WSC)
    if not text:
        return 0
    font = frag.font
    words: list[str] = _split(text)
    space = font.width(" ")
    give = _SHRINK * space
    sizes = [font.width(word) for word in words]
    if max(sizes) <= min(widths):  # the usual case: no word to cut, so only the greedy fill remains
        return _fill(sizes, widths, space, give)
    last = len(widths) - 1
    lines = lineno = 0
    line: list[str] = []
    current = -space
    limit = widths[0]
    forced = False
    while words:
        word = words.pop(0)
        if not word and isinstance(word, _Cut):
            forced = True
        word_width = font.width(word)
        new = current + space + word_width
        room = limit + give * len(line)
        if (
            new > room
            and not forced
            and not isinstance(word, _Cut)
            and word_width > widths[min(lineno, last)]
        ):
            words[0:0] = _cut_word(word, current + space, widths, lineno, font)
            forced = True
            continue
        if new <= room or not line or forced:
            if word:
                line.append(word)
            if forced:
                forced = False
                lines += 1
                line = []
                current = -space
                lineno += 1
                limit = widths[min(last, lineno)]
            else:
                current = new
        else:
            lines += 1
            line = [word]
            current = word_width
            lineno += 1
            limit = widths[min(last, lineno)]
    return lines + (1 if line else 0)


def _fill(sizes: list[float], widths: list[float], space: float, give: float) -> int:
    """`_simple_lines` for words that all fit a line: the same sums, without the checks for cutting."""
    lines = count = 0
    current = -space
    limit = widths[0]
    for size in sizes:
        new = current + space + size
        if new <= limit + give * count or not count:
            current = new
            count += 1
        else:
            lines += 1
            current = size
            count = 1
            limit = widths[1]
    return lines + (1 if count else 0)


def _cut_word(word: str, used: float, widths: list[float], lineno: int, font: _Font) -> list[str]:
    """reportlab's `_splitWord`: the word in pieces, the first filling the rest of this line."""
    pieces: list[str] = []
    last = len(widths) - 1
    text = ""
    limit = widths[min(last, lineno)]
    next_limit = widths[min(last, lineno + 1)]
    for char in word:
        char_width = font.width(char)
        new = used + char_width
        if new > limit and (text or char_width <= next_limit):
            pieces.append(_Cut(text))
            lineno += 1
            limit = widths[min(last, lineno)]
            new = char_width
            text = ""
        text += char
        used = new
    pieces.append(_CutEnd(text))
    return pieces


class _Words:
    """reportlab's `_getFragWords`: the paragraph's words, each with its width and its pieces of text."""

    def __init__(self) -> None:
        self.words: list[_Word] = []
        self.pending: list[object] = []
        self.width = 0.0
        self.strip = True

    def of(self, frags: list[_Frag]) -> list[_Word]:
        for frag in frags:
            if frag.brk:
                self._close(_Word)
                self.words.append(_Word([0, (frag, "")]))
                self.strip = True
            elif frag.text:
                self._text(frag)
        self._close(_Word)
        if not self.words and frags:  # nothing but spaces: one empty word, in the first fragment's font
            self.words = [_Word([0, (_Frag(frags[0].font, ""), "")])]
        return self.words

    def _text(self, frag: _Frag) -> None:
        text = frag.text
        if self.strip:
            text = text.lstrip(_WSC)
            if not text:
                return
            self.strip = False
        parts = _split(text)
        if text[0] in _WHITESPACE or not parts:
            spaced = not self.pending and bool(self.words) and isinstance(self.words[-1], _Spaced)
            self._close(_Word)
            if not spaced:
                parts.insert(0, "")
            elif not parts:
                return
        for part in parts[:-1]:
            self._add(frag, part)
            self._close(_Spaced)
        self._add(frag, parts[-1])
        if text[-1] in _WHITESPACE:
            self._close(_Spaced)

    def _add(self, frag: _Frag, part: str) -> None:
        self.pending.append((frag, part))
        self.width += frag.font.width(part)

    def _close(self, kind: type[_Word]) -> None:
        if self.pending:
            self.words.append(kind([self.width, *self.pending]))
            self.pending, self.width = [], 0.0


def _cut_frag_word(word: _Word, room: float, widths: list[float], lineno: int) -> list[_Word]:
    """reportlab's `_splitFragWord`: a word too long for a line in pieces, the first filling `room`."""
    pieces: list[_Word] = []
    last = len(widths) - 1
    next_limit = widths[min(last, lineno + 1)]
    parts: list[object] = []
    used = 0.0
    text = ""
    piece_width = 0.0
    frag = word[1][0]
    for part_frag, part in word[1:]:
        # an empty part still counts, as a change of fragment (reportlab yields it as a character of width 0)
        for char, char_width in [(c, part_frag.font.width(c)) for c in part] or [("", 0.0)]:
            new = used + char_width
            too_long = new > room and bool(piece_width or char_width <= next_limit)
            if part_frag is not frag or too_long:
                parts.append((frag, text))
                if too_long:
                    pieces.append(_Piece([piece_width, *parts]))
                    lineno += 1
                    room = next_limit
                    next_limit = widths[min(last, lineno + 1)]
                    parts = []
                    new = char_width
                    piece_width = 0.0
                text = ""
                frag = part_frag
            piece_width += char_width
            text += char
            used = new
    parts.append((frag, text))
    pieces.append((_LastPieceSpaced if isinstance(word, _Spaced) else _LastPiece)([piece_width, *parts]))
    return pieces


@dataclass
class _LineFrag:
    """A run of text on a line, as reportlab accumulates it (its spaces are what may shrink)."""

    font: _Font
    text: str


class _Lines:
    """reportlab's second case of `breakLines`, for a paragraph of several fragments: words placed greedily,
    a line ending when the next word overruns the width plus 5% of the line's spaces."""

    def __init__(self, widths: list[float]) -> None:
        self.widths = widths
        self.lines = self.lineno = 0
        self.limit = widths[0]
        self.on_line: list[_LineFrag] = []
        self.count = 0
        self.space = self.current = 0.0

    def count_lines(self, words: list[_Word]) -> int:
        while words:
            word = words.pop(0)
            if not self.on_line:
                self.count = 0
                self.space = self.current = 0.0
            head: _Frag = word[1][0]
            width: float = word[0]
            new = self.current + self.space + width if width > 0 else self.current
            over = new > self._room()
            if not head.brk and over and not isinstance(word, _Piece) and width > self._width(self.lineno):
                pieces = _cut_frag_word(
                    word, self.limit - self.space - self.current, self.widths, self.lineno
                )
                words[0:0] = [pieces[0], _Injected([0, (_Frag(head.font, "", brk=True), "")]), *pieces[1:]]
            elif not head.brk and not (over and self.count > 0):
                self._place(word, new)
            else:
                self._break(word)
        return self.lines + (1 if self.on_line else 0)

    def _width(self, lineno: int) -> float:
        return self.widths[min(lineno, len(self.widths) - 1)]

    def _room(self) -> float:
        give = self.space
        for run in self.on_line:
            spaces = run.text.count(" ")
            if spaces:
                give += spaces * run.font.width(" ")
        return self.limit + give * _SHRINK

    def _place(self, word: _Word, new: float) -> None:
        """One more word on this line, its text joined to the line's runs as reportlab joins it."""
        head: _Frag = word[1][0]
        text: str = word[1][1]
        if text:
            self.count += 1
        last = self.on_line[-1] if self.on_line else None
        if last is None or last.font != head.font:
            if last is not None and self.space and not last.text.endswith(" "):
                last.text += " "
            self.on_line.append(_LineFrag(head.font, text))
        elif self.space:
            last.text += text if last.text.endswith(" ") else " " + text
        else:
            last.text += text
        # the space after the word: in the face of its last piece, at the size of its first
        tail: _Frag = word[-1][0]
        self.space = tail.font.metrics.width(" ", head.font.size) if isinstance(word, _Spaced) else 0.0
        rest = [_LineFrag(frag.font, part) for frag, part in word[2:]]
        self.on_line += rest
        if not text and any(run.text for run in rest):
            self.count += 1
        self.current = new

    def _break(self, word: _Word) -> None:
        """End the line; the word that did not fit starts the next (a line break starts an empty one)."""
        head: _Frag = word[1][0]
        self.lines += 1
        self.lineno += 1
        self.limit = self._width(self.lineno)
        if head.brk:
            self.on_line = []
            return
        tail: _Frag = word[-1][0]
        self.space = tail.font.width(" ") if isinstance(word, _Spaced) else 0.0
        self.current = word[0]
        self.count = 1
        self.on_line = [_LineFrag(frag.font, part) for frag, part in word[1:]]


# --- pages ---------------------------------------------------------------------------------------------


@dataclass(kw_only=True)
class _Flow:
    """What every flowable carries: its spaces (reportlab's spaceBefore / spaceAfter), whether it keeps
    with the next one, and whether it was already moved to a new page once (twice means it never fits)."""

    before: float = 0.0
    after: float = 0.0
    keep: bool = False
    postponed: bool = False


@dataclass
class _Para(_Flow):
    lines: int
    style: TextStyle

    def __post_init__(self) -> None:
        self.before, self.after = self.style.space_before, self.style.space_after

    @property
    def height(self) -> float:
        return self.lines * self.style.leading


@dataclass
class _Block(_Flow):
    """A picture or a gap: fixed height, never split."""

    height: float


@dataclass
class _Table(_Flow):
    heights: list[float]
    cells: list[list[int]]
    """Each row's cells, as their number of lines (a cell holds one paragraph, or none once split)."""
    repeat: int
    """How many rows at the top are repeated on each page the table runs on."""

    @property
    def height(self) -> float:
        """The rows' heights summed as reportlab sums them (with its error compensation)."""
        total = carry = 0.0
        for row in reversed(self.heights):
            step = row - carry
            new = total + step
            carry = (new - total) - step
            total = new
        return total


@dataclass
class _Keep(_Flow):
    """A heading and what follows it, kept on one page when they fit there (reportlab's `KeepTogether`)."""

    content: list[_Flowable]
    total: float = 0.0
    first: float = 0.0

    def __post_init__(self) -> None:
        self.before, self.after = self.content[0].before, self.content[-1].after


class _Break:
    """End the page here (reportlab's `FrameBreak`)."""


_Flowable = _Para | _Block | _Table | _Keep
_CELL = STYLES["cell"]
_EMPTY = -1
"""A cell emptied by a split: it holds no paragraph at all."""


class LayoutError(Exception):
    """reportlab would refuse this document (something larger than a page); not expected of a story."""


class _Document:
    """reportlab's `SimpleDocTemplate` with one frame a page, filling pages with the story."""

    def __init__(self, width: float, height: float) -> None:
        x1 = y1 = MARGIN
        self.width = x1 + width - x1 - _FRAME_PADDING - _FRAME_PADDING
        self.top = y1 + height - _FRAME_PADDING
        self.bottom = y1 + _FRAME_PADDING
        self.frame_height = height
        self.y = self.top
        self.at_top = True
        self.after = 0.0

    def pages(self, items: list[Item]) -> int:
        queue: list[_Flowable | _Break | None] = [self._flowable(item) for item in items]
        pages = 1
        while queue:
            self._keep_with_next(queue)
            item = queue.pop(0)
            if item is None:
                continue
            if isinstance(item, _Break):
                pages += 1
                self._new_page()
                continue
            if self._add(item):
                continue
            parts = self._split(item)
            if parts:
                head = parts[0]
                if head is None or isinstance(head, _Break):
                    queue[0:0] = parts
                else:
                    if not self._add(head):
                        raise LayoutError("a split part did not fit where it was cut to fit")
                    queue[0:0] = parts[1:]
            else:
                if item.postponed:
                    raise LayoutError("something in the document is larger than a page")
                item.postponed = True
                queue.insert(0, item)
                pages += 1
                self._new_page()
        return pages

    def _flowable(self, item: Item) -> _Flowable:
        if isinstance(item, Text):
            style = STYLES[item.style]
            lines = line_count(item.markup, style, self.width, bullet=item.bullet)
            return _Para(lines, style, keep=style.keep_with_next)
        if isinstance(item, Grid):
            return self._table(item)
        if isinstance(item, Gap):
            return _Block(item.height)
        assert isinstance(item, Graphic)
        return _Block(item.height)

    def _table(self, grid: Grid) -> _Table:
        across, down = CELL_PADDING
        cells = [
            [
                line_count(cell, _CELL, width - across - across)
                for cell, width in zip(row, grid.widths, strict=True)
            ]
            for row in grid.rows
        ]
        heights = []
        for row in cells:
            tallest = 0.0
            for lines in row:
                cell = lines * _CELL.leading + (down + down)
                tallest = max(tallest, cell)
            heights.append(tallest)
        return _Table(heights, cells, 0 if grid.meta else 1)

    def _new_page(self) -> None:
        self.y = self.top
        self.at_top = True
        self.after = 0.0

    def _keep_with_next(self, queue: list[_Flowable | _Break | None]) -> None:
        count = 0
        while count < len(queue) and isinstance(queue[count], _Para | _Block | _Table) and queue[count].keep:  # type: ignore[union-attr]
            count += 1
        if not count:
            return
        if count < len(queue) and isinstance(queue[count], _Para | _Block | _Table):
            count += 1
        content: list[_Flowable] = queue[:count]  # type: ignore[assignment]
        for flowable in content[:-1]:
            flowable.keep = False
        del queue[:count]
        queue.insert(0, self._wrap_keep(_Keep(content)))

    def _wrap_keep(self, keep: _Keep) -> _Keep:
        """The group's height as reportlab's `_listWrapOn` sums it (spaces between merged)."""
        total = previous = 0.0
        top = True
        for index, flowable in enumerate(keep.content):
            height = self._height(flowable)
            if index == 0:
                keep.first = height
            if height <= _FUZZ:
                continue
            total += height
            if not top:
                total += max(flowable.before - previous, 0)
            else:
                top = False
            previous = flowable.after
            total += previous
        keep.total = total - previous
        return keep

    def _height(self, flowable: _Flowable) -> float:
        if isinstance(flowable, _Keep):
            return float(0xFFFFFF)  # a group never fits as a whole: it is split, and its parts placed
        return flowable.height

    def _space_before(self, flowable: _Flowable) -> float:
        if self.at_top:
            return 0.0
        return max(flowable.before - self.after, 0)

    def _add(self, flowable: _Flowable) -> bool:
        """reportlab's `Frame.add`: place it if it fits in the room left."""
        space = self._space_before(flowable)
        room = self.y - self.bottom - space
        if not room > 0:
            return False
        height = self._height(flowable) + space
        y = self.y - height
        if y < self.bottom - _FUZZ:
            return False
        after = flowable.after
        y -= after
        self.after = after
        if y != self.y:
            self.at_top = False
        self.y = y
        return True

    def _split(self, flowable: _Flowable) -> list[_Flowable | _Break | None]:
        """reportlab's `Frame.split`: the parts of what did not fit, the first to fit the room left."""
        room = self.y - self.bottom - self._space_before(flowable)
        if room <= 0:
            return []
        if isinstance(flowable, _Para):
            return list(_split_para(flowable, room))
        if isinstance(flowable, _Table):
            return list(_split_table(flowable, room))
        if isinstance(flowable, _Keep):
            if flowable.total > room:
                return [None if self.at_top else _Break(), *flowable.content]
            return list(flowable.content)
        return []


def _split_para(para: _Para, room: float) -> list[_Para]:
    """reportlab's `Paragraph.split`: as many lines as fit, and never one line alone at a page's foot."""
    if para.lines == 0 or room < _FUZZ:
        return []
    fit = int(room / float(para.style.leading))
    if fit <= 1:
        return []
    if para.lines <= fit:
        return [para]
    keep = para.style.keep_with_next  # the parts are new paragraphs in the style: they keep with the next
    return [_Para(fit, para.style, keep=keep), _Para(para.lines - fit, para.style, keep=keep)]


def _split_table(table: _Table, room: float) -> list[_Table]:
    """reportlab's `Table.split` with `splitByRow` and `splitInRow`: between rows if it can, else inside
    the row that does not fit."""
    return _split_rows(table, room, inside=False) or _split_rows(table, room, inside=True)


def _split_rows(table: _Table, room: float, *, inside: bool) -> list[_Table]:
    fit = 0
    used = 0.0
    for height in table.heights:
        if used + height > room:
            break
        fit += 1
        used = used + height
    if (inside and fit < table.repeat) or (not inside and fit <= table.repeat):
        return []
    if fit == len(table.heights):
        return [table]
    heights, cells = list(table.heights), [list(row) for row in table.cells]
    if inside:
        split = _split_row(table, fit, room)
        if not split:
            return []
        heights, cells = split
        fit += 1
    head = _Table(heights[:fit], cells[:fit], table.repeat)
    rest = _Table(
        heights[: table.repeat] + heights[fit:],
        cells[: table.repeat] + cells[fit:],
        table.repeat,
    )
    return [head, rest]


def _split_row(table: _Table, row: int, room: float) -> tuple[list[float], list[list[int]]] | None:
    """The table with row `row` cut in two where the room ends (reportlab's in-row split), or None."""
    down = CELL_PADDING[1]
    leading = _CELL.leading
    used = sum(table.heights[:row])
    tallest = 0.0
    for lines in table.cells[row]:
        height = _cell_height(lines) + down + down
        tallest = max(tallest, height)
    cut = min(room - used, tallest)
    if cut + 1 < 1 or table.height - cut < 1:
        return None
    top_room = cut - down
    tops: list[int] = []
    bottoms: list[int] = []
    for lines in table.cells[row]:
        if lines == _EMPTY or _cell_height(lines) <= top_room:
            tops.append(lines)
            bottoms.append(_EMPTY)
            continue
        fit = int(top_room / float(leading)) if top_room >= _FUZZ else 0
        if fit <= 1:
            return None  # a top-aligned cell that cannot keep two lines above the cut: no split
        tops.append(fit)
        bottoms.append(lines - fit)
    top_height = max(_cell_height(lines) + down + down for lines in tops)
    bottom_height = max(_cell_height(lines) + down + down for lines in bottoms)
    kept = min(cut, top_height)
    heights = list(table.heights)
    heights[row : row + 1] = [kept, max(bottom_height, table.heights[row] - kept)]
    cells = [list(r) for r in table.cells]
    cells[row : row + 1] = [tops, bottoms]
    return heights, cells


def _cell_height(lines: int) -> float:
    return 0.0 if lines == _EMPTY else lines * _CELL.leading
