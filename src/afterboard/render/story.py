"""What the PDF holds, as plain data: the page, the paragraph styles, and the story (each paragraph with its
style and markup, each table, picture and gap, in order).

`render/pdf.py` turns the story into reportlab flowables; `render/pages.py` lays the same story out without
reportlab to count the pages. Both read this one description, so the count cannot drift from the document.
Nothing here imports reportlab.
"""

from __future__ import annotations

# html.escape(quote=False) makes the same three replacements as xml.sax.saxutils.escape, without importing
# urllib.request and ssl as that module does on every `afterboard check` (which counts pages from here)
import html
from collections.abc import Mapping
from dataclasses import dataclass, replace

from afterboard.render.blocks import (
    Block,
    Bullets,
    Figure,
    Heading,
    Inline,
    Paragraph,
    Span,
    Table,
    document_blocks,
    footer_text,
)
from afterboard.render.fonts import printable
from afterboard.render.pictures import Picture
from afterboard.render.view import View

_INCH = 72.0
CM = _INCH / 2.54
"""Points in a centimetre, computed as reportlab computes it (the page count must match to the bit)."""
_MM = CM * 0.1
PAGE_SIZES = {"A4": (210 * _MM, 297 * _MM), "Letter": (8.5 * _INCH, 11 * _INCH)}
"""Width and height in points, as reportlab's `A4` and `LETTER`."""
MARGIN_CM = 2.0
MARGIN = MARGIN_CM * CM

MUTED = "#7b8794"
_DOUBT = "#b9770e"


@dataclass(frozen=True)
class TextStyle:
    """A paragraph style: sizes in points; `keep_with_next` keeps a heading on the page of what follows."""

    size: float
    leading: float
    bold: bool = False
    space_before: float = 0.0
    space_after: float = 0.0
    left_indent: float = 0.0
    bullet_indent: float = 0.0
    keep_with_next: bool = False


_BODY = TextStyle(size=9.5, leading=12.5, space_after=4)
STYLES: dict[str, TextStyle] = {
    "body": _BODY,
    "title": replace(_BODY, size=17, leading=21, space_after=8, bold=True),
    "h2": replace(
        _BODY, size=12.5, leading=16, space_before=9, space_after=4, bold=True, keep_with_next=True
    ),
    "h3": replace(
        _BODY, size=10.5, leading=13.5, space_before=5, space_after=3, bold=True, keep_with_next=True
    ),
    "bullet": replace(_BODY, left_indent=14, bullet_indent=3, space_after=1.5),
    "cell": replace(_BODY, size=8.5, leading=10.5, space_after=0),
    "footer": replace(_BODY, space_before=10),
}
BULLET_FONT_SIZE = 10.0
"""reportlab's default bullet size (in Helvetica), which the bullet styles keep."""
CELL_PADDING = (4.0, 2.5)
"""A table cell's padding in points: left and right, top and bottom."""


@dataclass(frozen=True)
class Text:
    """A paragraph: reportlab markup (the note text escaped, never interpreted) in a style of STYLES."""

    markup: str
    style: str
    bullet: str | None = None


@dataclass(frozen=True)
class Grid:
    """A table of paragraphs in the 'cell' style; unless `meta` (the title block: labels in the first
    column, no header), the first row is the header, repeated at the top of each page the table runs on."""

    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    """Each column's width in points."""
    meta: bool


@dataclass(frozen=True)
class Gap:
    """Vertical room, in points."""

    height: float


@dataclass(frozen=True)
class Graphic:
    """A picture at its printed size, in points."""

    picture: Picture
    width: float
    height: float


Item = Text | Grid | Gap | Graphic


def page_area(paper: str) -> tuple[float, float, float, float]:
    """(page width, page height, text width, text height) in points: the page less its margins, computed as
    reportlab's document template computes them."""
    page_width, page_height = PAGE_SIZES[paper]
    return page_width, page_height, page_width - MARGIN - MARGIN, page_height - MARGIN - MARGIN


def story(view: View, pictures: Mapping[str, Picture], *, width: float, height: float) -> list[Item]:
    """The whole document in print order, for a text area `width` points wide and `height` high."""
    items = [item for block in document_blocks(view, pictures) for item in _items(block, width, height)]
    items.append(Text(markup((Span(footer_text(view), "small"),)), "footer"))
    return items


def _items(block: Block, width: float, height: float) -> list[Item]:
    if isinstance(block, Heading):
        return [Text(markup((Span(block.text),)), {1: "title", 2: "h2", 3: "h3"}[block.level])]
    if isinstance(block, Paragraph):
        return [Text(markup(block.spans), "body")]
    if isinstance(block, Bullets):
        bullets = [
            Text(markup(item), "bullet", f"{n}." if block.numbered else "•")
            for n, item in enumerate(block.items, start=1)
        ]
        return [*bullets, Gap(3)]
    if isinstance(block, Table):
        return [_grid(block, width), Gap(6)]
    return [_graphic(block, width, height), Gap(4)]


def _grid(block: Table, width: float) -> Grid:
    rows = [tuple(markup(cell) for cell in row) for row in block.rows]
    if not block.meta:
        rows.insert(0, tuple(markup((Span(h, "bold"),)) for h in block.header))
    return Grid(tuple(rows), tuple(share * width for share in block.widths), block.meta)


def _graphic(block: Figure, width: float, height: float) -> Graphic:
    picture = block.picture
    wide = width * block.width
    high = wide * picture.height_in / picture.width_in
    if high > height * 0.9:  # a very long why-chain: shrink it onto one page
        wide, high = wide * height * 0.9 / high, height * 0.9
    return Graphic(picture, wide, high)


def markup(spans: Inline) -> str:
    """reportlab's paragraph markup for the spans; the text itself is escaped, never interpreted.

    Soft hyphens are dropped: they only hint where a word may break, and reportlab's hyphenation at them is
    the one way of breaking lines the page count (`render/pages.py`) does not follow.
    """
    parts = []
    for span in spans:
        text = html.escape(printable(span.text).replace("\xad", ""), quote=False).replace("\n", "<br/>")
        if span.style == "bold":
            text = f"<b>{text}</b>"
        elif span.style == "missing":
            text = f'<font color="{MUTED}"><i>{text}</i></font>'
        elif span.style == "doubt":
            text = f'<font color="{_DOUBT}"><b>{text}</b></font>'
        elif span.style == "small":
            text = f'<font size="7.5" color="{MUTED}">{text}</font>'
        parts.append(text)
    return "".join(parts)
