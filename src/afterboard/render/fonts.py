"""The fonts of the PDF and the pictures: DejaVu, shipped inside matplotlib's package data, so no system
font is needed and every machine renders the same glyphs.

DejaVu covers Latin, Greek, Cyrillic, dashes, arrows and many symbols, but no emoji: `printable` turns the
common status emoji into symbols DejaVu has and drops other pictographs, so a note with '🔥' or '✅' never
prints a missing-glyph box.

The glyph widths and the characters covered are read from the font file here (`metrics`), with neither
reportlab nor matplotlib: `printable` and the page count of `afterboard check` need them, and neither draws.
"""

from __future__ import annotations

import importlib.util
import re
import struct
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import repeat
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
    """The DejaVu Sans file for `style`, from matplotlib's package data, found without importing matplotlib
    (which takes a second to load)."""
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.origin is not None  # a dependency of afterboard
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / _FILES[style]


@dataclass(frozen=True)
class FontMetrics:
    """A font's advance widths as reportlab measures them: per character, in thousandths of the font size
    (font units times 1000 / unitsPerEm), and the width of glyph 0 for a character not in the font."""

    widths: dict[int, float]
    default: float

    def width(self, text: str, size: float) -> float:
        """The width of `text` at `size` points, computed as reportlab's `stringWidth` computes it (the same
        float operations in the same order), so that lines break where the PDF breaks them."""
        return 0.001 * size * sum(map(self.widths.get, map(ord, text), repeat(self.default)))


@cache
def metrics(style: FontStyle = "regular") -> FontMetrics:
    """The widths of DejaVu Sans in `style`, read from the TrueType file (its cmap and hmtx tables)."""
    data = font_path(style).read_bytes()
    tables = {
        data[at : at + 4].decode("latin-1"): struct.unpack_from(">II", data, at + 8)[0]
        for at in range(12, 12 + 16 * struct.unpack_from(">H", data, 4)[0], 16)
    }
    units = struct.unpack_from(">H", data, tables["head"] + 18)[0]
    advances = struct.unpack_from(">H", data, tables["hhea"] + 34)[0]
    glyphs = struct.unpack_from(">H", data, tables["maxp"] + 4)[0]
    scale = 1000 / units
    hmtx = struct.unpack_from(f">{2 * advances}H", data, tables["hmtx"])
    widths = [hmtx[2 * g] * scale for g in range(advances)]
    widths += [widths[-1]] * (glyphs - advances)  # the last advance stands for the glyphs after it
    chars = _character_map(data, tables["cmap"])
    if 0x20 in chars:  # reportlab gives the no-break space the space's glyph
        chars[0xA0] = chars[0x20]
    return FontMetrics({c: widths[g] for c, g in chars.items() if g < glyphs}, widths[0])


def _character_map(data: bytes, cmap: int) -> dict[int, int]:
    """character → glyph, from the Unicode subtable reportlab picks (the last Unicode one listed)."""
    chosen = None
    for at in range(cmap + 4, cmap + 4 + 8 * struct.unpack_from(">H", data, cmap + 2)[0], 8):
        platform, encoding, offset = struct.unpack_from(">HHI", data, at)
        if platform == 3 or (platform == 0 and encoding != 5) or (platform, encoding) == (1, 1):
            chosen = cmap + offset
    assert chosen is not None, "the font has no Unicode character map"
    fmt = struct.unpack_from(">H", data, chosen)[0]
    chars: dict[int, int] = {}
    if fmt == 12:
        for group in range(struct.unpack_from(">I", data, chosen + 12)[0]):
            start, end, glyph = struct.unpack_from(">III", data, chosen + 16 + 12 * group)
            chars.update(zip(range(start, end + 1), range(glyph, glyph + end - start + 1), strict=True))
        return chars
    assert fmt == 4, f"unsupported character map format {fmt}"
    length, segments = (
        struct.unpack_from(">H", data, chosen + 2)[0],
        struct.unpack_from(">H", data, chosen + 6)[0] // 2,
    )
    ends = struct.unpack_from(f">{segments}H", data, chosen + 14)
    starts = struct.unpack_from(f">{segments}H", data, chosen + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, chosen + 16 + 4 * segments)
    ranges_at = chosen + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
    for n in range(segments):
        for char in range(starts[n], ends[n] + 1):
            if ranges[n] == 0:
                chars[char] = (char + deltas[n]) & 0xFFFF
                continue
            at = ranges_at + 2 * n + ranges[n] + 2 * (char - starts[n])
            glyph = struct.unpack_from(">H", data, at)[0] if at < chosen + length else 0
            chars[char] = (glyph + deltas[n]) & 0xFFFF if glyph else 0
    return chars


def printable(text: str) -> str:
    """`text` with every character DejaVu Sans can draw: status emoji as symbols, other pictographs dropped.

    Letters of scripts DejaVu lacks are kept (a reader sees something is there, and the text stays
    extractable); only symbols, which carry decoration rather than content, are dropped.
    """
    covered = _coverage()
    if covered.issuperset(map(ord, text)):
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
    """The characters DejaVu Sans has glyphs for."""
    return frozenset(metrics("regular").widths)
