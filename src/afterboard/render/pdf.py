"""PostMortem → PDF (reportlab): A4 or Letter, a title block, the kind's sections, tables for the timeline
and the action items, the pictures, and 'Page n of N' on every page.

The font is DejaVu Sans embedded from matplotlib's package data, so any Unicode the notes hold (—, é, →)
prints the same on every machine; note text is escaped before it meets reportlab's paragraph markup.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from afterboard.postmortem import PostMortem
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
from afterboard.render.fonts import printable, register_pdf_fonts
from afterboard.render.pictures import Picture
from afterboard.render.view import View
from afterboard.settings import Settings

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable

MARGIN_CM = 2.0
_INK = "#1f2933"
_MUTED = "#7b8794"
_DOUBT = "#b9770e"
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
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    from afterboard.render._pdf_canvas import canvas_with_total, footer

    settings = settings or Settings()
    view = View(pm, settings)
    if pictures is None:
        from afterboard.render.pictures import draw_pictures

        pictures = draw_pictures(pm, settings=settings, formats=("png",))
    size = LETTER if settings.paper == "Letter" else A4
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN_CM * cm,
        rightMargin=MARGIN_CM * cm,
        topMargin=MARGIN_CM * cm,
        bottomMargin=MARGIN_CM * cm,
        title=printable(pm.title),
        author="afterboard",
        subject=view.kind_label,
        creator="afterboard",
        invariant=1,
    )
    writer = _Writer(doc.width, doc.height)
    story = [flowable for block in document_blocks(view, pictures) for flowable in writer.flowables(block)]
    story.append(writer.paragraph((Span(footer_text(view), "small"),), "footer"))
    font = f"{register_pdf_fonts()}-regular"
    on_page = footer(printable(pm.title), font=font, margin=MARGIN_CM * cm)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=canvas_with_total(font))
    return buffer.getvalue()


def page_count(pm: PostMortem, *, settings: Settings | None = None) -> int:
    """How many pages the rendered PDF has, counted in the PDF itself (with pypdf).

    The pictures are laid out at their real sizes but not drawn: the pages break exactly where they do in
    the full document, at a fifth of the cost, which matters to `afterboard check` on many files.
    """
    from pypdf import PdfReader

    from afterboard.render.pictures import draw_pictures

    sized = draw_pictures(pm, settings=settings, formats=())
    return len(PdfReader(io.BytesIO(render_pdf(pm, settings=settings, pictures=sized))).pages)


class _Writer:
    """Blocks → reportlab flowables, with the document's paragraph styles."""

    def __init__(self, width: float, height: float) -> None:
        self.width = width
        self.height = height
        self.styles = _styles()

    def flowables(self, block: Block) -> list[Flowable]:
        from reportlab.platypus import Spacer

        if isinstance(block, Heading):
            name = {1: "title", 2: "h2", 3: "h3"}[block.level]
            return [self.paragraph((Span(block.text),), name)]
        if isinstance(block, Paragraph):
            return [self.paragraph(block.spans, "body")]
        if isinstance(block, Bullets):
            return [
                self.paragraph(item, "bullet", bullet=f"{n}." if block.numbered else "•")
                for n, item in enumerate(block.items, start=1)
            ] + [Spacer(1, 3)]
        if isinstance(block, Table):
            return [self.table(block), Spacer(1, 6)]
        return [self.figure(block), Spacer(1, 4)]

    def paragraph(self, spans: Inline, style: str, *, bullet: str | None = None) -> Flowable:
        from reportlab.platypus import Paragraph as RLParagraph

        return RLParagraph(_markup(spans), self.styles[style], bulletText=bullet)

    def table(self, block: Table) -> Flowable:
        from reportlab.lib import colors
        from reportlab.platypus import Table as RLTable
        from reportlab.platypus import TableStyle

        cell = "cell"
        rows = [[self.paragraph(c, cell) for c in row] for row in block.rows]
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(_RULE)),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        if block.meta:
            commands.append(("BACKGROUND", (0, 0), (0, -1), colors.HexColor(_SHADE)))
        else:
            rows.insert(0, [self.paragraph((Span(h, "bold"),), cell) for h in block.header])
            commands += [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(_SHADE)),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor(_INK)),
            ]
        table = RLTable(
            rows,
            colWidths=[share * self.width for share in block.widths],
            repeatRows=0 if block.meta else 1,
            hAlign="LEFT",
            # a cell longer than a page (a pasted log in a note) is split across pages, not refused
            splitInRow=1,
        )
        table.setStyle(TableStyle(commands))
        return table

    def figure(self, block: Figure) -> Flowable:
        """The picture at its place and size; a picture measured but not drawn (no PNG) keeps its room."""
        from reportlab.platypus import Image, Spacer

        picture = block.picture
        width = self.width * block.width
        height = width * picture.height_in / picture.width_in
        if height > self.height * 0.9:  # a very long why-chain: shrink it onto one page
            width, height = width * self.height * 0.9 / height, self.height * 0.9
        if picture.png is None:
            return Spacer(width, height)
        image = Image(io.BytesIO(picture.png), width=width, height=height)
        image.hAlign = "CENTER"
        return image


def _markup(spans: Inline) -> str:
    """reportlab's paragraph markup for the spans; the text itself is escaped, never interpreted."""
    parts = []
    for span in spans:
        text = escape(printable(span.text)).replace("\n", "<br/>")
        if span.style == "bold":
            text = f"<b>{text}</b>"
        elif span.style == "missing":
            text = f'<font color="{_MUTED}"><i>{text}</i></font>'
        elif span.style == "doubt":
            text = f'<font color="{_DOUBT}"><b>{text}</b></font>'
        elif span.style == "small":
            text = f'<font size="7.5" color="{_MUTED}">{text}</font>'
        parts.append(text)
    return "".join(parts)


def _styles() -> dict[str, ParagraphStyle]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    family = register_pdf_fonts()
    ink = colors.HexColor(_INK)
    body = ParagraphStyle(
        "body", fontName=f"{family}-regular", fontSize=9.5, leading=12.5, textColor=ink, spaceAfter=4
    )
    return {
        "body": body,
        "title": ParagraphStyle(
            "title", parent=body, fontSize=17, leading=21, spaceAfter=8, fontName=f"{family}-bold"
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontSize=12.5,
            leading=16,
            spaceBefore=9,
            spaceAfter=4,
            fontName=f"{family}-bold",
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=body,
            fontSize=10.5,
            leading=13.5,
            spaceBefore=5,
            spaceAfter=3,
            fontName=f"{family}-bold",
            keepWithNext=1,
        ),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=3, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        "footer": ParagraphStyle("footer", parent=body, spaceBefore=10),
    }
