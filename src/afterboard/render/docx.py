"""PostMortem → Word document (python-docx): the same blocks as the PDF, in Word's own styles (Title,
Heading 2/3, List Bullet, tables), A4 or Letter, pictures as PNG with their alt text, and 'Page n of N' in
the footer as Word fields, so Word keeps the numbers right after any edit."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

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
from afterboard.render.pictures import Picture
from afterboard.render.story import MARGIN_CM
from afterboard.render.view import View
from afterboard.settings import Settings

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph as DocxParagraph

_MUTED = (0x7B, 0x87, 0x94)
_DOUBT = (0xB9, 0x77, 0x0E)
_SHADE = "F0F4F8"
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML cannot hold at all; a stray one in a note would otherwise make the file unwritable."""
_PAGES = {"A4": (21.0, 29.7), "Letter": (21.59, 27.94)}


def render_docx(
    pm: PostMortem,
    *,
    settings: Settings | None = None,
    pictures: Mapping[str, Picture] | None = None,
) -> bytes:
    """The post-mortem as a .docx file. `pictures` are drawn when not given; pass {} for none."""
    import docx
    from docx.shared import Cm

    settings = settings or Settings()
    view = View(pm, settings)
    if pictures is None:
        from afterboard.render.pictures import draw_pictures

        pictures = draw_pictures(pm, settings=settings, formats=("png",))
    document = docx.Document()
    section = document.sections[0]
    width_cm, height_cm = _PAGES[settings.paper]
    section.page_width, section.page_height = Cm(width_cm), Cm(height_cm)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    text = (width_cm - 2 * MARGIN_CM, height_cm - 2 * MARGIN_CM)
    properties = document.core_properties
    properties.title = _clean(pm.title)
    properties.author = "afterboard"
    properties.subject = view.kind_label
    properties.comments = ""
    for block in document_blocks(view, pictures):
        _add(document, block, text)
    _runs(document.add_paragraph(), (Span(footer_text(view), "small"),))
    _page_footer(document, pm.title)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add(document: Document, block: Block, text_cm: tuple[float, float]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    if isinstance(block, Heading):
        document.add_heading(_clean(block.text), level=0 if block.level == 1 else block.level - 1)
    elif isinstance(block, Paragraph):
        _runs(document.add_paragraph(), block.spans)
    elif isinstance(block, Bullets):
        style = "List Number" if block.numbered else "List Bullet"
        for item in block.items:
            _runs(document.add_paragraph(style=style), item)
    elif isinstance(block, Table):
        _table(document, block, text_cm[0])
    elif isinstance(block, Figure):
        picture = block.picture
        assert picture.png is not None  # render_docx asks for PNG pictures
        width = text_cm[0] * block.width
        # a very long why-chain is shrunk onto one page
        width = min(width, text_cm[1] * 0.9 * picture.width_in / picture.height_in)
        document.add_picture(io.BytesIO(picture.png), width=Cm(width))
        last = document.paragraphs[-1]
        last.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for properties in last._p.xpath(".//wp:docPr"):
            properties.set("descr", _clean(picture.alt))


def _table(document: Document, block: Table, text_width_cm: float) -> None:
    from docx.shared import Cm

    rows = list(block.rows)
    table = document.add_table(rows=len(rows) + (0 if block.meta else 1), cols=len(block.widths))
    table.style = "Table Grid"
    table.autofit = False
    cells = table.rows
    if not block.meta:
        for cell, header in zip(cells[0].cells, block.header, strict=True):
            _runs(cell.paragraphs[0], (Span(header, "bold"),))
            _shade(cell)
        cells = cells[1:]
    for row, values in zip(cells, rows, strict=True):
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            _runs(cell.paragraphs[0], value)
            if block.meta and column == 0:
                _shade(cell)
    # Word reads the cells' widths, LibreOffice the grid's: set both.
    for column, share in zip(table.columns, block.widths, strict=True):
        column.width = Cm(text_width_cm * share)
        for cell in column.cells:
            cell.width = Cm(text_width_cm * share)
    document.add_paragraph()


def _runs(paragraph: DocxParagraph, spans: Inline) -> None:
    from docx.shared import Pt, RGBColor

    for span in spans:
        run = paragraph.add_run(_clean(span.text))
        if span.style == "bold":
            run.bold = True
        elif span.style == "missing":
            run.italic = True
            run.font.color.rgb = RGBColor(*_MUTED)
        elif span.style == "doubt":
            run.bold = True
            run.font.color.rgb = RGBColor(*_DOUBT)
        elif span.style == "small":
            run.font.size = Pt(8)
            run.font.color.rgb = RGBColor(*_MUTED)


def _shade(cell: object) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    cell._tc.get_or_add_tcPr().append(  # type: ignore[attr-defined]
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{_SHADE}"/>')
    )


def _page_footer(document: Document, title: str) -> None:
    """The title, then 'Page n of N' on the right: the numbers are Word fields (PAGE, NUMPAGES), which
    Word updates itself after any edit."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    style = document.styles["Footer"]
    style.font.size = Pt(8)
    style.font.color.rgb = RGBColor(*_MUTED)
    footer = document.sections[0].footer
    footer.paragraphs[0].add_run(_clean(title))
    numbers = footer.add_paragraph()
    numbers.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    runs = [numbers.add_run("Page "), numbers.add_run(), numbers.add_run(" of "), numbers.add_run()]
    _field(runs[1], "PAGE")
    _field(runs[3], "NUMPAGES")
    for run in runs:  # a field's result takes the run's own format, not the paragraph style's
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(*_MUTED)


def _field(run: object, code: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = run._r  # type: ignore[attr-defined]
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for child in (begin, instruction, separate, placeholder, end):
        element.append(child)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)
