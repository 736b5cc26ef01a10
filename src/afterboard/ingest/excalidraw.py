"""An Excalidraw drawing (the `.excalidraw` file: `{"type": "excalidraw", "elements": [...]}`, as
docs.excalidraw.com/docs/codebase/json-schema describes it) → Board.

A shape with text inside (a rectangle, ellipse or diamond the text is bound to through `containerId`, or
one a free text merely sits on) is a sticky note, its fill its colour; a free text is a header or a note as
`ingest/canvas.py` decides; a frame (`frame`, `magicframe`) holds the elements whose `frameId` names it;
arrows bound at both ends order the notes they join. Deleted elements (`isDeleted`, kept by Excalidraw for
collaboration) and a label on an arrow are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from afterboard.board import Board
from afterboard.errors import InputError
from afterboard.ingest.canvas import Box, Canvas, Item, area, centre, holds, read_canvas
from afterboard.ingest.headers import Vocabulary
from afterboard.ingest.values import mapping, number

WHAT = "an Excalidraw drawing"
_SHAPES = frozenset({"rectangle", "ellipse", "diamond"})
_FRAMES = frozenset({"frame", "magicframe"})
_NO_FILL = frozenset({"transparent", ""})


def looks_like_excalidraw(data: object) -> bool:
    if not isinstance(data, Mapping):
        return False
    kind = str(data.get("type") or "")
    return kind.startswith("excalidraw") or (
        isinstance(data.get("elements"), list) and isinstance(data.get("appState"), Mapping)
    )


def read_excalidraw(
    data: Mapping[str, Any], *, name: str, today: dt.date, vocabulary: Vocabulary | None = None
) -> Board:
    elements = data.get("elements")
    if not isinstance(elements, list):
        raise InputError(
            f"{name} is an Excalidraw file without a list of elements; save the drawing again from "
            "Excalidraw (menu → Save to… or Export → .excalidraw)."
        )
    live = [e for e in elements if isinstance(e, Mapping) and e.get("id") and not e.get("isDeleted")]
    by_id = {str(e["id"]): e for e in live}
    texts: dict[str, list[Mapping[str, Any]]] = {}
    free: list[Mapping[str, Any]] = []
    for element in live:
        if element.get("type") != "text":
            continue
        container = by_id.get(str(element.get("containerId")))
        if container is None:
            free.append(element)
        elif container.get("type") in _SHAPES:
            texts.setdefault(str(container["id"]), []).append(element)
        # else: a label on an arrow or line, which names the link rather than being a note
    shapes = [e for e in live if e.get("type") in _SHAPES]
    for element in free[:]:
        holder = _shape_under(element, shapes, texts)
        if holder is not None:
            texts.setdefault(str(holder["id"]), []).append(element)
            free.remove(element)
    items = [_frame(e) for e in live if e.get("type") in _FRAMES]
    items += [_note(shape, texts[str(shape["id"])]) for shape in shapes if str(shape["id"]) in texts]
    items += [_text(element) for element in free]
    owner = {str(t["id"]): shape_id for shape_id, bound in texts.items() for t in bound}
    links = []
    for arrow in live:
        if arrow.get("type") == "arrow":
            start = str(mapping(arrow.get("startBinding")).get("elementId"))
            end = str(mapping(arrow.get("endBinding")).get("elementId"))
            links.append((owner.get(start, start), owner.get(end, end)))
    title = mapping(data.get("appState")).get("name")
    return read_canvas(
        Canvas(items=items, links=links, title=str(title) if title else None),
        source=name,
        what=WHAT,
        today=today,
        vocabulary=vocabulary,
    )


def _frame(element: Mapping[str, Any]) -> Item:
    return Item(
        id=str(element["id"]),
        kind="frame",
        text=str(element.get("name") or ""),
        box=_box(element),
        parent=_str(element.get("frameId")),
    )


def _note(shape: Mapping[str, Any], texts: list[Mapping[str, Any]]) -> Item:
    texts = sorted(texts, key=lambda t: (number(t.get("y")), number(t.get("x"))))
    fill = str(shape.get("backgroundColor") or "")
    return Item(
        id=str(shape["id"]),
        kind="note",
        text=" ".join(_words(t) for t in texts),
        box=_box(shape),
        parent=_str(shape.get("frameId")),
        colour=None if fill in _NO_FILL else fill,
    )


def _text(element: Mapping[str, Any]) -> Item:
    return Item(
        id=str(element["id"]),
        kind="text",
        text=_words(element),
        box=_box(element),
        parent=_str(element.get("frameId")),
        size=number(element.get("fontSize")) or None,
    )


def _shape_under(
    text: Mapping[str, Any], shapes: list[Mapping[str, Any]], texts: dict[str, list[Mapping[str, Any]]]
) -> Mapping[str, Any] | None:
    """The shape a free text was drawn over (a note typed on top of a rectangle rather than into it): the
    smallest holding its centre that has no label of its own and holds no other shape (a lane's
    background rectangle is not a note)."""
    cx, cy = centre(_box(text))
    under = [s for s in shapes if holds(_box(s), cx, cy) and not _labelled(s, texts)]
    for shape in sorted(under, key=lambda s: area(_box(s))):
        box = _box(shape)
        if not any(other is not shape and holds(box, *centre(_box(other))) for other in shapes):
            return shape
    return None


def _labelled(shape: Mapping[str, Any], texts: dict[str, list[Mapping[str, Any]]]) -> bool:
    return any(t.get("containerId") == shape.get("id") for t in texts.get(str(shape["id"]), []))


def _words(element: Mapping[str, Any]) -> str:
    """The text as typed: `originalText` is before Excalidraw wrapped it to its container's width."""
    return " ".join(str(element.get("originalText") or element.get("text") or "").split())


def _box(element: Mapping[str, Any]) -> Box:
    x, y = number(element.get("x")), number(element.get("y"))
    return (x, y, x + number(element.get("width")), y + number(element.get("height")))


def _str(value: object) -> str | None:
    return str(value) if value else None
