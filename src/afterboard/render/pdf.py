"""PostMortem → PDF (reportlab): A4 or Letter, a title block, the kind's sections, tables for the timeline
and the action items, the pictures, and 'Page n of N' on every page.

The font is DejaVu Sans embedded from matplotlib's package data, so any Unicode the notes hold (—, é, →)
prints the same on every machine; note text is escaped before it meets reportlab's paragraph markup.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from afterboard.postmortem import PostMortem
from afterboard.render.fonts import printable, register_pdf_fonts
from afterboard.render.pictures import Picture
from afterboard.render.story import (
    CELL_PADDING,
    MARGIN,
    PAGE_SIZES,
    STYLES,
    Gap,
    Graphic,
    Grid,
    Item,
    Text,
    story,
)
from afterboard.render.view import View
from afterboard.settings import Settings

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable

_INK = "#1f2933"
_RULE = "#cbd2d9"
_SHADE = "#f0f4f8"


def render_pdf(
    pm: PostMortem,
    *,
    settings: Settings | None = None,
    pictures: Mapping[str, Picture] | None = None,
) -> bytes:
    """The post-mortem as a PDF document on the `paper` of the settings. `pictures` are drawn when not
    given; pass {} for none."""
    from reportlab.platypus import SimpleDocTemplate

    from afterboard.render._pdf_canvas import canvas_with_total, footer

    settings = settings or Settings()
    view = View(pm, settings)
    if pictures is None:
        from afterboard.render.pictures import draw_pictures

        pictures = draw_pictures(pm, settings=settings, formats=("png",))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE_SIZES[settings.paper],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=printable(pm.title),
        author="afterboard",
        subject=view.kind_label,
        creator="afterboard",
        invariant=1,
    )
    writer = _Writer()
    flowables = [writer.flowable(item) for item in story(view, pictures, width=doc.width, height=doc.height)]
    font = f"{register_pdf_fonts()}-regular"
    on_page = footer(printable(pm.title), font=font, margin=MARGIN)
    doc.build(flowables, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=canvas_with_total(font))
    return buffer.getvalue()


class _Writer:
    """Story items → reportlab flowables, with the document's paragraph styles."""

    def __init__(self) -> None:
        self.styles = _styles()

    def flowable(self, item: Item) -> Flowable:
        from reportlab.platypus import Image, Spacer

        if isinstance(item, Text):
            return self.paragraph(item.markup, item.style, bullet=item.bullet)
        if isinstance(item, Grid):
            return self.table(item)
        if isinstance(item, Gap):
            return Spacer(1, item.height)
        assert isinstance(item, Graphic) and item.picture.png is not None  # the PDF draws its pictures as PNG
        image = Image(io.BytesIO(item.picture.png), width=item.width, height=item.height)
        image.hAlign = "CENTER"
        return image

    def paragraph(self, markup: str, style: str, *, bullet: str | None = None) -> Flowable:
        from reportlab.platypus import Paragraph

        return Paragraph(markup, self.styles[style], bulletText=bullet)

    def table(self, grid: Grid) -> Flowable:
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        across, down = CELL_PADDING
        rows = [[self.paragraph(cell, "cell") for cell in row] for row in grid.rows]
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(_RULE)),
            ("TOPPADDING", (0, 0), (-1, -1), down),
            ("BOTTOMPADDING", (0, 0), (-1, -1), down),
            ("LEFTPADDING", (0, 0), (-1, -1), across),
            ("RIGHTPADDING", (0, 0), (-1, -1), across),
        ]
        if grid.meta:
            commands.append(("BACKGROUND", (0, 0), (0, -1), colors.HexColor(_SHADE)))
        else:
            commands += [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(_SHADE)),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor(_INK)),
            ]
        table = Table(
            rows,
            colWidths=list(grid.widths),
            repeatRows=0 if grid.meta else 1,
            hAlign="LEFT",
            # a cell longer than a page (a pasted log in a note) is split across pages, not refused
            splitInRow=1,
        )
        table.setStyle(TableStyle(commands))
        return table


def _styles() -> dict[str, ParagraphStyle]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    family = register_pdf_fonts()
    ink = colors.HexColor(_INK)
    return {
        name: ParagraphStyle(
            name,
            fontName=f"{family}-{'bold' if style.bold else 'regular'}",
            fontSize=style.size,
            leading=style.leading,
            textColor=ink,
            spaceBefore=style.space_before,
            spaceAfter=style.space_after,
            leftIndent=style.left_indent,
            bulletIndent=style.bullet_indent,
            keepWithNext=int(style.keep_with_next),
        )
        for name, style in STYLES.items()
    }
