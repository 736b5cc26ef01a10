"""A Miro board's items as its REST API v2 returns them (GET /v2/boards/{id}/items, developers.miro.com
/reference/get-items) → Board.

What a saved export looks like varies with who saved it: one response (`{"data": [...], "cursor": ...}`),
the pages of the cursor one after another (a list of responses), the items alone (a list), or an object
with `items` (and `connectors`, `board`) gathered by a script. All are read.

Sticky notes and cards are notes (a card's due date is kept as the action item's deadline); texts and shapes
are headers or notes as `ingest/canvas.py` decides; frames hold the items whose `parent` names them. Item
content is HTML (`<p>…</p>`): it is read as plain text. Positions are centres, relative to the canvas or to
the parent frame's top-left corner (`relativeTo`); connectors order the notes they join.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from afterboard.board import Board
from afterboard.errors import InputError
from afterboard.ingest.canvas import Box, Canvas, Item, ItemKind, read_canvas
from afterboard.ingest.headers import Vocabulary
from afterboard.ingest.values import iso_time, mapping, number, one_line, plain_html

WHAT = "a Miro board export"
_KINDS: dict[str, ItemKind] = {
    "sticky_note": "note",
    "card": "note",
    "app_card": "note",
    "text": "text",
    "shape": "text",
    "frame": "frame",
}
"""Item types afterboard reads; images, documents, embeds and the rest carry no words to draft from."""
_TYPES = frozenset(
    {*_KINDS, "connector", "image", "document", "embed", "preview", "doc_format", "mindmap_node"}
)


def looks_like_miro(data: object) -> bool:
    items = list(_raw_items(data))
    if not items:  # an empty page still says what it is: GET /items pages by cursor, with a total
        return (
            isinstance(data, Mapping) and data.get("data") == [] and not {"total", "links"}.isdisjoint(data)
        )
    return all(isinstance(i, Mapping) and i.get("type") in _TYPES and "id" in i for i in items[:5])


def read_miro(data: object, *, name: str, today: dt.date, vocabulary: Vocabulary | None = None) -> Board:
    raw = [i for i in _raw_items(data) if isinstance(i, Mapping) and i.get("id") is not None]
    if not raw:
        raise InputError(f"{name} is a Miro board export without items; save the response of GET /items.")
    by_id = {str(i["id"]): i for i in raw}
    places = _Places(by_id)
    items = [
        _item(i, kind, places.box(str(i["id"])))
        for i in raw
        if (kind := _KINDS.get(str(i.get("type")))) is not None
    ]
    links = [
        (str(mapping(c.get("startItem")).get("id")), str(mapping(c.get("endItem")).get("id")))
        for c in [*raw, *_connectors(data)]
        if isinstance(c, Mapping) and c.get("type", "connector") == "connector" and "startItem" in c
    ]
    board = mapping(data).get("board") if isinstance(data, Mapping) else None
    title = one_line(mapping(board).get("name")) or None
    return read_canvas(
        Canvas(items=items, links=links, title=title),
        source=name,
        what=WHAT,
        today=today,
        vocabulary=vocabulary,
    )


def _raw_items(data: object) -> Iterator[Any]:
    if isinstance(data, Mapping):
        for key in ("data", "items"):
            if isinstance(data.get(key), list):
                yield from data[key]
        return
    if isinstance(data, list):
        for element in data:
            if isinstance(element, Mapping) and isinstance(element.get("data"), list):
                yield from element["data"]  # one page of the cursor
            else:
                yield element


def _connectors(data: object) -> list[Any]:
    found = data.get("connectors") if isinstance(data, Mapping) else None
    if isinstance(found, Mapping):
        found = found.get("data")
    return found if isinstance(found, list) else []


def _item(raw: Mapping[str, Any], kind: ItemKind, box: Box) -> Item:
    data = mapping(raw.get("data"))
    style = mapping(raw.get("style"))
    if kind == "frame":
        text = plain_html(data.get("title"))
    elif raw.get("type") in {"card", "app_card"}:
        title, description = plain_html(data.get("title")), plain_html(data.get("description"))
        text = f"{title} — {description}" if title and description else title or description
    else:
        text = plain_html(data.get("content"))
    due = iso_time(data.get("dueDate"))
    return Item(
        id=str(raw["id"]),
        kind=kind,
        text=text,
        box=box,
        parent=_parent(raw),
        colour=one_line(style.get("fillColor") or style.get("cardTheme")) or None,
        due=due.date() if due else None,
        size=number(style.get("fontSize")) or None,
    )


class _Places:
    """Each item's box on the canvas: positions relative to a parent frame are made absolute, through
    nested frames, once each."""

    def __init__(self, by_id: Mapping[str, Mapping[str, Any]]) -> None:
        self.by_id = by_id
        self.known: dict[str, Box] = {}

    def box(self, item_id: str, depth: int = 0) -> Box:
        if item_id in self.known:
            return self.known[item_id]
        raw = self.by_id[item_id]
        position, geometry = mapping(raw.get("position")), mapping(raw.get("geometry"))
        x, y = number(position.get("x")), number(position.get("y"))
        width = number(geometry.get("width"))
        height = number(geometry.get("height")) or width  # a sticky note may give its width alone
        parent = _parent(raw)
        if (
            position.get("relativeTo") == "parent_top_left"
            and parent is not None
            and parent in self.by_id
            and depth < 32
        ):
            x0, y0, _, _ = self.box(parent, depth + 1)
            x, y = x + x0, y + y0
        found = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
        self.known[item_id] = found
        return found


def _parent(raw: Mapping[str, Any]) -> str | None:
    parent = mapping(raw.get("parent")).get("id")
    return str(parent) if parent is not None else None
