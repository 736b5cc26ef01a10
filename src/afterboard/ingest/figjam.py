"""A FigJam board as Figma's REST API returns it (GET /v1/files/{key}: `{"name", "editorType": "figjam",
"document": {"type": "DOCUMENT", "children": [CANVAS…]}}`, node types as github.com/figma/rest-api-spec
defines them) → Board.

STICKY nodes are notes (their fill is their colour); SHAPE_WITH_TEXT and TEXT nodes are headers or notes as
`ingest/canvas.py` decides; a SECTION (or a FRAME) holds its children; GROUPs are looked through. Stamps
(STAMP nodes: '+1', 'Thumbs up', 'Heart', 'Star', 'Dot', placed from the stamp wheel) lying on a sticky
note are counted as its votes. CONNECTORs order the notes they join. Hidden nodes (`visible: false`) and
everything in them are left out. Boxes are `absoluteBoundingBox`, the canvas's own coordinates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from afterboard.board import Board
from afterboard.errors import InputError
from afterboard.ingest.canvas import Box, Canvas, Item, ItemKind, centre, holds, read_canvas
from afterboard.ingest.headers import Vocabulary
from afterboard.ingest.values import mapping, number, one_line

WHAT = "a FigJam file"
_KINDS: dict[str, ItemKind] = {
    "STICKY": "note",
    "SHAPE_WITH_TEXT": "text",
    "TEXT": "text",
    "SECTION": "frame",
    "FRAME": "frame",
}
_VOTES = frozenset({"+1", "thumbs up", "heart", "star", "dot"})
"""Stamps that say 'yes, this one': a question mark or a thumbs down is not a vote for the note."""


def looks_like_figjam(data: object) -> bool:
    return isinstance(data, Mapping) and mapping(data.get("document")).get("type") == "DOCUMENT"


def read_figjam(
    data: Mapping[str, Any], *, name: str, today: dt.date, vocabulary: Vocabulary | None = None
) -> Board:
    pages = mapping(data.get("document")).get("children")
    if not isinstance(pages, list) or not pages:
        raise InputError(
            f"{name} is a Figma file without pages (its document has no CANVAS nodes); fetch it again "
            "with GET /v1/files/{key}, without a `depth` that cuts the board off."
        )
    items: list[Item] = []
    stamps: list[Box] = []
    links: list[tuple[str, str]] = []
    for node, frame in _walk(pages, None):
        kind = _KINDS.get(str(node.get("type")))
        box = _box(node)
        if node.get("type") == "STAMP":
            if one_line(node.get("name")).lower() in _VOTES and box is not None:
                stamps.append(box)
        elif node.get("type") == "CONNECTOR":
            start = mapping(node.get("connectorStart")).get("endpointNodeId")
            end = mapping(node.get("connectorEnd")).get("endpointNodeId")
            if start and end:
                links.append((str(start), str(end)))
        elif kind is not None and box is not None:
            text = str(node.get("name") or "") if kind == "frame" else str(node.get("characters") or "")
            items.append(
                Item(
                    id=str(node.get("id")),
                    kind=kind,
                    text=" ".join(text.split()),
                    box=box,
                    parent=frame,
                    colour=_colour(node) if kind != "frame" else None,
                    size=number(mapping(node.get("style")).get("fontSize")) or None,
                )
            )
    items = [_with_votes(i, stamps) if i.kind == "note" else i for i in items]
    title = one_line(data.get("name")) or None
    return read_canvas(
        Canvas(items=items, links=links, title=title),
        source=name,
        what=WHAT,
        today=today,
        vocabulary=vocabulary,
    )


def _walk(nodes: list[Any], frame: str | None) -> Iterator[tuple[Mapping[str, Any], str | None]]:
    """Every visible node with the section or frame it sits in, depth first in the file's order (a stack,
    not recursion: a file may nest groups deeper than Python recurses)."""
    stack = [(node, frame) for node in reversed(nodes)]
    while stack:
        node, around = stack.pop()
        if not isinstance(node, Mapping) or node.get("visible") is False:
            continue
        yield node, around
        children = node.get("children")
        if isinstance(children, list):
            inner = str(node.get("id")) if node.get("type") in {"SECTION", "FRAME"} else around
            stack += [(child, inner) for child in reversed(children)]


def _with_votes(note: Item, stamps: list[Box]) -> Item:
    count = sum(1 for stamp in stamps if holds(note.box, *centre(stamp)))
    return replace(note, votes=count) if count else note


def _box(node: Mapping[str, Any]) -> Box | None:
    bounds = node.get("absoluteBoundingBox")
    if not isinstance(bounds, Mapping):
        return None
    x, y = number(bounds.get("x")), number(bounds.get("y"))
    return (x, y, x + number(bounds.get("width")), y + number(bounds.get("height")))


def _colour(node: Mapping[str, Any]) -> str | None:
    """The first solid fill as #rrggbb (Figma gives channels from 0 to 1)."""
    for paint in node.get("fills") or []:
        colour = mapping(paint).get("color") if mapping(paint).get("type") == "SOLID" else None
        if isinstance(colour, Mapping):
            r, g, b = (round(255 * max(0.0, min(1.0, number(colour.get(c))))) for c in "rgb")
            return f"#{r:02x}{g:02x}{b:02x}"
    return None
