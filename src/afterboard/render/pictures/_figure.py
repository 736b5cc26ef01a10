"""What every picture shares: a matplotlib figure with the document's font, exported to SVG (text kept as
text, so a reader can search it and a test can read it) and PNG, and text wrapped to fit its box."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from afterboard.render.fonts import printable

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

PictureFormat = Literal["svg", "png"]

PNG_DPI = 150
"""Sharp enough on screen and paper at the width the documents print pictures (about 17 cm); fewer dots
draw faster, and rendering a PDF with its pictures stays well under a second."""

INK = "#1f2933"
MUTED = "#616e7c"
LINE = "#9aa5b1"
MARK_COLOURS = {
    "started": "#c0392b",
    "detected": "#d68910",
    "mitigated": "#2e86c1",
    "resolved": "#1e8449",
}

_RC: dict[RcKeyType, object] = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "svg.fonttype": "none",
    # A fixed salt makes the SVG's element ids, and so the whole file, the same on every run.
    "svg.hashsalt": "afterboard",
    "axes.unicode_minus": False,
}


@dataclass(frozen=True)
class Picture:
    """One picture of a post-mortem, in the formats asked for."""

    name: str
    """'timeline', 'fishbone' or 'whys': also the file stem when pictures are written out."""
    alt: str
    """What it shows, in words: the HTML alt text and the DOCX description."""
    width_in: float
    height_in: float
    svg: str | None = None
    png: bytes | None = None


@contextmanager
def figure(width_in: float, height_in: float) -> Iterator[Figure]:
    """A fresh figure outside pyplot (no global state, safe in a server), styled for the documents."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC):
        yield Figure(figsize=(width_in, height_in), layout=None)


def export(fig: Figure, *, name: str, alt: str, formats: tuple[PictureFormat, ...]) -> Picture:
    """The figure as a Picture holding each format asked for."""
    import matplotlib

    svg = png = None
    with matplotlib.rc_context(_RC):
        if "svg" in formats:
            buffer = io.BytesIO()
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "afterboard"})
            svg = _without_prolog(buffer.getvalue().decode("utf-8"))
        if "png" in formats:
            buffer = io.BytesIO()
            # the PDF and DOCX writers compress again anyway: the fastest PNG level is the right one here
            fig.savefig(
                buffer,
                format="png",
                dpi=PNG_DPI,
                metadata={"Software": "afterboard"},
                pil_kwargs={"compress_level": 1},
            )
            png = buffer.getvalue()
    width, height = fig.get_size_inches()
    return Picture(name=name, alt=alt, width_in=float(width), height_in=float(height), svg=svg, png=png)


def wrap(text: str, width: int, *, max_lines: int = 4) -> str:
    """`text` broken into lines of at most `width` characters; past `max_lines`, cut with an ellipsis."""
    lines = textwrap.wrap(
        printable(" ".join(text.split())), width, break_long_words=True, break_on_hyphens=False
    ) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(width - 1, 1)].rstrip() + "…"
    return "\n".join(lines)


def _without_prolog(svg: str) -> str:
    """The <svg> element alone: the XML declaration and DOCTYPE are not allowed inside an HTML page."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg
