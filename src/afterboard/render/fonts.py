"""The fonts of the PDF and the pictures: DejaVu, shipped inside matplotlib's package data, so no system
font is needed and every machine renders the same glyphs.

DejaVu covers Latin, Greek, Cyrillic, dashes, arrows and many symbols, but no emoji: `printable` turns the
common status emoji into symbols DejaVu has and drops other pictographs, so a note with '🔥' or '✅' never
prints a missing-glyph box.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Literal

FontStyle = Literal["regular", "bold", "italic", "bold-italic"]

_FILES: dict[FontStyle, str] = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "italic": "DejaVuSans-Oblique.ttf",
    "bold-italic": "DejaVuSans-BoldOblique.ttf",
}
_EMOJI = {
    "✅": "✓",
    "☑": "✓",
    "✔": "✓",
    "❌": "✗",
    "❎": "✗",
    "✖": "✗",
    "🔴": "●",
    "🟠": "●",
    "🟡": "●",
    "🟢": "●",
    "🔵": "●",
    "⭐": "★",
    "➡": "→",
    "⬆": "↑",
    "⬇": "↓",
}
_INVISIBLE = {"\ufe0e", "\ufe0f", "\u200d"}
"""Variation selectors and the zero-width joiner only shape emoji; without the emoji they mean nothing."""


def font_path(style: FontStyle = "regular") -> Path:
    """The DejaVu Sans file for `style`, from matplotlib's package data."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / _FILES[style]


def printable(text: str) -> str:
    """`text` with every character DejaVu Sans can draw: status emoji as symbols, other pictographs dropped.

    Letters of scripts DejaVu lacks are kept (a reader sees something is there, and the text stays
    extractable); only symbols, which carry decoration rather than content, are dropped.
    """
    covered = _coverage()
    if all(ord(c) in covered for c in text):
        return text
    out: list[str] = []
    for char in text:
        if ord(char) in covered or char in "\n\t":
            out.append(char)
        elif char in _EMOJI:
            out.append(_EMOJI[char])
        elif char in _INVISIBLE or unicodedata.category(char).startswith("S"):
            continue
        else:
            out.append(char)
    return re.sub(r"(?<=\S) {2,}(?=\S)", " ", "".join(out))


FAMILY = "DejaVuSans"
"""The name the PDF knows the font family by."""


@cache
def register_pdf_fonts() -> str:
    """Set reportlab up, once: register DejaVu Sans and return the family's name. Its fonts are named
    '<family>-regular', '-bold', '-italic' and '-bold-italic'."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # Binary streams rather than ASCII85: reportlab's pure-Python ASCII85 encoder took a third of the
    # time of a PDF with pictures, and every PDF reader takes binary streams.
    rl_config.useA85 = 0
    names = {style: f"{FAMILY}-{style}" for style in _FILES}
    for style, name in names.items():
        pdfmetrics.registerFont(TTFont(name, str(font_path(style))))
    pdfmetrics.registerFontFamily(
        FAMILY,
        normal=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        boldItalic=names["bold-italic"],
    )
    return FAMILY


@cache
def _coverage() -> frozenset[int]:
    """The characters DejaVu Sans has glyphs for (read by reportlab, which parses the font fast)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = pdfmetrics.getFont(f"{register_pdf_fonts()}-regular")
    assert isinstance(font, TTFont)
    return frozenset(font.face.charToGlyph)
