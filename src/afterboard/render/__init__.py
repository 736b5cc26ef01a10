"""PostMortem → documents: Markdown (canonical), HTML, JSON as text; PDF and DOCX as bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from afterboard.board import Board
    from afterboard.postmortem import PostMortem
    from afterboard.settings import Settings

TextFormat = Literal["md", "html", "json"]
BinaryFormat = Literal["pdf", "docx"]
Format = Literal["md", "html", "json", "pdf", "docx"]
FORMATS: tuple[Format, ...] = ("md", "html", "json", "pdf", "docx")
BINARY_FORMATS: tuple[BinaryFormat, ...] = ("pdf", "docx")


def render(
    pm: PostMortem, fmt: TextFormat, *, board: Board | None = None, settings: Settings | None = None
) -> str:
    """The document in a text format."""
    if fmt == "md":
        from afterboard.render.markdown import render_markdown

        return render_markdown(pm, settings=settings)
    if fmt == "html":
        from afterboard.render.html import render_html

        return render_html(pm, settings=settings)
    from afterboard.render.json import render_json

    return render_json(pm, board=board)


def render_bytes(
    pm: PostMortem, fmt: Format, *, board: Board | None = None, settings: Settings | None = None
) -> bytes:
    """The document in any format, as the bytes of the file: text formats are UTF-8."""
    if fmt == "pdf":
        from afterboard.render.pdf import render_pdf

        return render_pdf(pm, settings=settings)
    if fmt == "docx":
        from afterboard.render.docx import render_docx

        return render_docx(pm, settings=settings)
    return render(pm, fmt, board=board, settings=settings).encode("utf-8")
