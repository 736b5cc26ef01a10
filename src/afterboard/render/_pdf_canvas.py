"""The footer of every PDF page: the title on the left, 'Page n of N' on the right.

N is known only when the last page is done, so each page draws a reference to a form XObject ('total')
that the canvas fills in just before it saves: one pass, no second layout. This module imports reportlab
at load: `render/pdf.py` imports it only when it builds a PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

_MUTED = colors.HexColor("#7b8794")
_SIZE = 7.5
_FORM = "afterboard-page-total"


def footer(title: str, *, font: str, margin: float) -> Callable[[Canvas, Any], None]:
    """A page callback for `SimpleDocTemplate.build(onFirstPage=..., onLaterPages=...)`."""
    title = title if len(title) <= 90 else title[:89] + "…"
    reserve = stringWidth("999", font, _SIZE)

    def draw(canvas: Canvas, doc: Any) -> None:
        width = doc.pagesize[0]
        canvas.saveState()
        canvas.setFont(font, _SIZE)
        canvas.setFillColor(_MUTED)
        canvas.drawString(margin, 1.2 * cm, title)
        canvas.drawRightString(width - margin - reserve, 1.2 * cm, f"Page {canvas.getPageNumber()} of ")
        canvas.translate(width - margin - reserve, 1.2 * cm)
        canvas.doForm(_FORM)
        canvas.restoreState()

    return draw


def canvas_with_total(font: str) -> Callable[..., Canvas]:
    """A canvas maker whose canvas writes the page total into the footers' form before saving."""

    class TotalCanvas(Canvas):
        def save(self) -> None:
            self.beginForm(_FORM)
            self.setFont(font, _SIZE)
            self.setFillColor(_MUTED)
            self.drawString(0, 0, str(self.getPageNumber() - 1))
            self.endForm()
            super().save()

    return TotalCanvas
