"""PostMortem → documents: Markdown (canonical), HTML, JSON."""

from __future__ import annotations

from typing import Literal

from afterboard.board import Board
from afterboard.postmortem import PostMortem
from afterboard.settings import Settings

Format = Literal["md", "html", "json"]
FORMATS: tuple[Format, ...] = ("md", "html", "json")


def render(
    pm: PostMortem, fmt: Format, *, board: Board | None = None, settings: Settings | None = None
) -> str:
    """The document in the format asked for."""
    if fmt == "md":
        from afterboard.render.markdown import render_markdown

        return render_markdown(pm, settings=settings)
    if fmt == "html":
        from afterboard.render.html import render_html

        return render_html(pm, settings=settings)
    from afterboard.render.json import render_json

    return render_json(pm, board=board)
