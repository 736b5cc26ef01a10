"""Exports of one post-mortem meeting (checkout errors after the v2.3 deploy, 2026-11-20) as each tool writes
them, built from the tools' own documentation of their formats, with the mess real exports have.

Each builder names the document it follows. Nothing here is copied from a real export: the shapes come from
the documentation, the words are invented for the tests.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from typing import Any

BOARD_TITLE = "Checkout errors after v2.3 deploy — retro, Nov 20 2026"


# --- Miro: REST API v2, GET /v2/boards/{board_id}/items -------------------------------------------------
# developers.miro.com/reference/get-items and the models of github.com/miroapp/api-clients
# (packages/miro-api-py/docs: GenericItem, GenericItemCursorPaged, WidgetDataOutput, Position): every item
# has id, type, data, style, geometry {width, height}, position {x, y, origin: "center", relativeTo:
# "canvas_center" | "parent_top_left"}, parent {id}, createdAt/createdBy/modifiedAt/modifiedBy, links.
# Connectors come from GET /v2/boards/{board_id}/connectors with startItem/endItem {id}.

_FIRST_ID = 3458764600000000100
_next_id = [_FIRST_ID]
"""Miro's ids are 19-digit numbers; each board built here numbers its items from the same first one."""


def _miro_id() -> str:
    _next_id[0] += 1
    return str(_next_id[0])


Box = tuple[float, float, float, float]
"""x, y, width, height as the format writes them (a Miro position is the centre, the others a corner)."""


def _miro_item(
    kind: str,
    data: dict[str, Any],
    box: Box,
    *,
    parent: str | None = None,
    style: dict[str, Any] | None = None,
    item_id: str | None = None,
) -> dict[str, Any]:
    item_id = item_id or _miro_id()
    x, y, width, height = box
    item: dict[str, Any] = {
        "id": item_id,
        "type": kind,
        "data": data,
        "style": style or {},
        "geometry": {"width": width, "height": height},
        "position": {
            "x": x,
            "y": y,
            "origin": "center",
            "relativeTo": "parent_top_left" if parent else "canvas_center",
        },
        "createdAt": "2026-11-20T14:05:11Z",
        "createdBy": {"id": "3458764517517852417", "type": "user"},
        "modifiedAt": "2026-11-20T15:01:40Z",
        "modifiedBy": {"id": "3458764517517852417", "type": "user"},
        "links": {"self": f"https://api.miro.com/v2/boards/uXjVN1234=/items/{item_id}"},
    }
    if parent:
        item["parent"] = {
            "id": parent,
            "links": {"self": f"https://api.miro.com/v2/boards/uXjVN1234=/items/{parent}"},
        }
    return item


def _sticky(
    content: str, at: tuple[float, float], parent: str | None, colour: str = "light_yellow"
) -> dict[str, Any]:
    style = {"fillColor": colour, "textAlign": "center", "textAlignVertical": "middle"}
    return _miro_item(
        "sticky_note", {"content": content, "shape": "square"}, (*at, 199, 228), parent=parent, style=style
    )


def _frame(title: str, box: Box, parent: str | None = None) -> dict[str, Any]:
    data = {"title": title, "format": "custom", "type": "freeform"}
    return _miro_item("frame", data, box, parent=parent, style={"fillColor": "#ffffffff"})


def _column(frame: dict[str, Any], contents: list[str], colour: str = "light_yellow") -> list[dict[str, Any]]:
    """Sticky notes top to bottom inside a frame, positions relative to its top-left corner."""
    return [_sticky(c, (200, 180 + 260 * n), frame["id"], colour) for n, c in enumerate(contents)]


FILLER = {
    "Timeline": "<p>{clock} checked shard {n}: errors still above 1%</p>",
    "What went well": "<p>Calm on-call {n}</p>",
    "What didn’t go well": "<p>Flaky test {n} hid the pool leak</p>",
    "Action items": "<p>Fix flaky test {n} @{owner} by Dec {day}</p>",
}
"""What more notes in each frame say when `miro_items(filler=…)` grows the board, as a long retro's do."""


def _grown(title: str, x: float, filler: int) -> tuple[dict[str, Any], list[str]]:
    """A frame of the board with its share of `filler` more notes (three to a row, below its own), taller
    by as many rows; its top edge stays where it was."""
    share = filler // len(FILLER) + (list(FILLER).index(title) < filler % len(FILLER))
    height = 1500 + 260 * (share // 3 + 1)
    texts = [
        FILLER[title].format(
            n=n,
            clock=f"{11 + n // 60 % 12:02d}:{n % 60:02d}",
            owner=("ana", "raj", "sam")[n % 3],
            day=1 + n % 28,
        )
        for n in range(share)
    ]
    return _frame(title, (x, 50 + height / 2, 800, height)), texts


def _filler(frame: dict[str, Any], texts: list[str]) -> list[dict[str, Any]]:
    return [
        _sticky(t, (200 + 240 * (k % 3), 1220 + 260 * (k // 3)), frame["id"]) for k, t in enumerate(texts)
    ]


def miro_items(filler: int = 0) -> list[dict[str, Any]]:
    """The retro board's items; `filler` more sticky notes spread over its frames make a big board."""
    _next_id[0] = _FIRST_ID
    title = _miro_item(
        "text",
        {"content": "<p><strong>Checkout errors after v2.3 deploy</strong> — retro, Nov 20 2026</p>"},
        (2000, -400, 2600, 160),
        style={"fontSize": "96", "textAlign": "center", "fillOpacity": "1.0"},
    )
    timeline, more_times = _grown("Timeline", 0, filler)
    well, more_well = _grown("What went well", 1000, filler)
    wrong, more_wrong = _grown("What didn’t go well", 2000, filler)
    cause = _frame("Root cause", (3000, 800, 800, 1500))
    whys = _frame("5 whys", (400, 700, 760, 700), parent=cause["id"])  # nested inside "Root cause"
    actions, more_actions = _grown("Action items", 4000, filler)
    why_notes = [  # placed right to left; the connectors give the chain's order
        _sticky(
            "<p>Why did checkout fail? Because the DB pool ran out of connections</p>", (620, 200), whys["id"]
        ),
        _sticky(
            "<p>Why? Because the new query held connections for the whole request</p>", (380, 200), whys["id"]
        ),
        _sticky("<p>Why? Because load tests ran on a <em>tiny</em> dataset</p>", (140, 200), whys["id"]),
    ]
    items = [
        title,
        timeline,
        *_column(
            timeline,
            [
                "<p>09:12 deploy v2.3 started</p>",
                "<p>09:24 checkout 5xx alert fired, on-call paged</p>",
                "<p>09:40 rolled back to v2.2</p>",
                "<p>10:30 error rate back to normal, resolved</p>",
            ],
        ),
        _miro_item(
            "image",
            {
                "imageUrl": "https://api.miro.com/v2/boards/uXjVN1234=/resources/images/1",
                "title": "grafana.png",
            },
            (400, 1300, 600, 300),
            parent=timeline["id"],
        ),
        well,
        *_column(
            well,
            [
                "<p>Rollback took 4 minutes 🎉</p>",
                "<p>Support &amp; on-call in one channel</p>",
                "<p></p>",  # an empty sticky note left on the board
            ],
            colour="light_green",
        ),
        wrong,
        *_column(
            wrong,
            ["<p>No canary stage<br/>for checkout</p>", "<p>Alert fired 12 min after errors began</p>"],
            colour="light_pink",
        ),
        cause,
        _sticky("<p>Bad query in v2.3 held DB connections</p>", (400, 150), cause["id"]),
        whys,
        *why_notes,
        actions,
        _miro_item(
            "card",
            {
                "title": "<p>Add a canary stage for checkout</p>",
                "description": "<p>owner: Sam</p>",
                "dueDate": "2026-12-04T00:00:00Z",
                "assigneeId": "3458764517517852418",
            },
            (400, 180, 320, 94),
            parent=actions["id"],
            style={"cardTheme": "#2d9bf0"},
        ),
        *[
            _sticky(c, (200, 440 + 260 * n), actions["id"], "orange")
            for n, c in enumerate(
                ["<p>Load test with prod-sized data @raj by Dec 11</p>", "<p>Alert on pool saturation</p>"]
            )
        ],
        _miro_item(
            "text", {"content": "<p>Parking lot</p>"}, (5000, 1800, 300, 60), style={"fontSize": "36"}
        ),
        _sticky("<p>Should checkout have its own DB?</p>", (5000, 2000), None, "gray"),
        # a note whose frame was deleted: its position is relative to a parent the export no longer has
        _sticky("<p>Who owns the load-test data?</p>", (5000, 2300), None, "gray")
        | {"parent": {"id": "3458764699999999999"}},
    ]

    for frame, texts in (
        (timeline, more_times),
        (well, more_well),
        (wrong, more_wrong),
        (actions, more_actions),
    ):
        items += _filler(frame, texts)
    return items


def miro_connectors(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    whys = [i for i in items if i["type"] == "sticky_note" and "Why" in i["data"]["content"]]
    return [
        {
            "id": _miro_id(),
            "type": "connector",
            "shape": "curved",
            "startItem": {"id": a["id"], "snapTo": "left"},
            "endItem": {"id": b["id"], "snapTo": "right"},
            "style": {"endStrokeCap": "stealth"},
        }
        for a, b in itertools.pairwise(whys)
    ]


def miro_pages(items: list[dict[str, Any]], page: int = 50) -> list[dict[str, Any]]:
    """The items as the cursor-paginated responses of GET /items, saved one after another in a list."""
    pages = []
    for start in range(0, len(items), page):
        chunk = items[start : start + page]
        last = start + page >= len(items)
        pages.append(
            {
                "data": chunk,
                "total": len(items),
                "size": len(chunk),
                "limit": page,
                **({} if last else {"cursor": f"cursor-{start + page}"}),
                "links": {"self": "https://api.miro.com/v2/boards/uXjVN1234=/items?limit=50"},
                "type": "cursor-list",
            }
        )
    return pages


def miro_export(filler: int = 0) -> str:
    """What a script saves: the board, its items (paged as fetched) and its connectors."""
    items = miro_items(filler)
    connectors = miro_connectors(items)
    return json.dumps(
        {
            "board": {"id": "uXjVN1234=", "name": BOARD_TITLE, "type": "board"},
            "items": items,
            "connectors": {
                "data": connectors,
                "total": len(connectors),
                "size": len(connectors),
                "limit": 50,
            },
        }
    )


# --- Excalidraw: the .excalidraw file -------------------------------------------------------------------
# docs.excalidraw.com/docs/codebase/json-schema (type, version, source, elements, appState, files) and the
# element types of @excalidraw/excalidraw (element/types.d.ts): every element has id, type, x, y, width,
# height, angle, strokeColor, backgroundColor, fillStyle, ..., groupIds, frameId, boundElements, isDeleted;
# text has text, originalText, fontSize, containerId; frames have name; arrows start/endBinding.elementId.

_SEED = iter(range(1000, 100000))


def _element(kind: str, element_id: str, box: Box, **extra: Any) -> dict[str, Any]:
    x, y, width, height = box
    return {
        "id": element_id,
        "type": kind,
        "x": x,
        "y": y,
        "width": width,
        "height": height,
        "angle": 0,
        "strokeColor": "#1e1e1e",
        "backgroundColor": "transparent",
        "fillStyle": "solid",
        "strokeWidth": 2,
        "strokeStyle": "solid",
        "roughness": 1,
        "opacity": 100,
        "groupIds": [],
        "frameId": None,
        "index": f"a{next(_SEED)}",
        "roundness": {"type": 3},
        "seed": next(_SEED),
        "version": 3,
        "versionNonce": next(_SEED),
        "isDeleted": False,
        "boundElements": None,
        "updated": 1763647511000,
        "link": None,
        "locked": False,
        **extra,
    }


def _text(
    element_id: str,
    text: str,
    at: tuple[float, float],
    size: float = 20,
    container: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    # Excalidraw keeps the text as typed in originalText and wraps `text` to the container's width
    wrapped = text.replace(" ", "\n", 1) if container and len(text) > 24 else text
    return _element(
        "text",
        element_id,
        (*at, 10 * len(text), size * 1.25),
        text=wrapped,
        originalText=text,
        fontSize=size,
        fontFamily=5,
        textAlign="center" if container else "left",
        verticalAlign="middle" if container else "top",
        containerId=container,
        lineHeight=1.25,
        autoResize=True,
        **extra,
    )


def _note(
    element_id: str, text: str, at: tuple[float, float], colour: str, frame: str | None = None
) -> list[dict[str, Any]]:
    """A sticky-like rectangle with its label bound to it."""
    x, y = at
    shape = _element(
        "rectangle",
        element_id,
        (x, y, 220, 120),
        backgroundColor=colour,
        frameId=frame,
        boundElements=[{"id": f"{element_id}-label", "type": "text"}],
    )
    return [shape, _text(f"{element_id}-label", text, (x + 10, y + 40), container=element_id, frameId=frame)]


def excalidraw_file() -> str:
    cause_frame = _element("frame", "frame-cause", (900, 80, 760, 700), name="Root cause")
    elements: list[dict[str, Any]] = [
        _text("title", "Checkout errors after v2.3 deploy — retro, Nov 20 2026", (0, -160), size=36),
        _text("h-timeline", "Timeline", (0, 0), size=28),
        *_note("t1", "09:12 deploy v2.3 started", (0, 80), "#a5d8ff"),
        *_note("t2", "09:24 checkout 5xx alert fired, on-call paged", (0, 230), "#a5d8ff"),
        *_note("t3", "09:40 rolled back to v2.2", (0, 380), "#a5d8ff"),
        *_note("t4", "10:30 error rate back to normal, resolved", (0, 530), "#a5d8ff"),
        _text("h-well", "Went well", (300, 0), size=28),
        *_note("w1", "Rollback took 4 minutes 🎉", (300, 80), "#b2f2bb"),
        # a note drawn as a rectangle with a free text on top of it, not typed into it
        _element("rectangle", "w2", (300, 230, 220, 120), backgroundColor="#b2f2bb"),
        _text("w2-free", "Support & on-call in one channel", (310, 270)),
        _text("h-wrong", "Went wrong", (600, 0), size=28),
        *_note("x1", "No canary stage for checkout", (600, 80), "#ffc9c9"),
        *_note("x2", "Alert fired 12 min after errors began", (600, 230), "#ffc9c9"),
        # deleted while the team talked: Excalidraw keeps it with isDeleted
        *[e | {"isDeleted": True} for e in _note("x3", "Blame the DBA", (600, 380), "#ffc9c9")],
        cause_frame,
        *_note("c3", "Why? Because load tests ran on a tiny dataset", (940, 560), "#ffec99", "frame-cause"),
        *_note(
            "c1",
            "Why did checkout fail? Because the DB pool ran out of connections",
            (940, 160),
            "#ffec99",
            "frame-cause",
        ),
        *_note(
            "c2",
            "Why? Because the new query held connections for the whole request",
            (1300, 360),
            "#ffec99",
            "frame-cause",
        ),
        _element(
            "arrow",
            "a1",
            (1160, 220, 140, 140),
            startBinding={"elementId": "c1", "focus": 0, "gap": 4},
            endBinding={"elementId": "c2", "focus": 0, "gap": 4},
            points=[[0, 0], [140, 140]],
        ),
        _element(
            "arrow",
            "a2",
            (1300, 420, -140, 140),
            startBinding={"elementId": "c2-label", "focus": 0, "gap": 4},
            endBinding={"elementId": "c3", "focus": 0, "gap": 4},
            points=[[0, 0], [-140, 140]],
        ),
        _text("a2-label", "leads to", (1220, 480), container="a2"),  # an arrow's label is not a note
        _text("h-actions", "Action items", (1800, 0), size=28),
        *_note("ai1", "Add a canary stage for checkout @sam by Dec 4", (1800, 80), "#ffd8a8"),
        *_note("ai2", "Load test with prod-sized data (Raj) by Dec 11", (1800, 230), "#ffd8a8"),
        _element("rectangle", "empty", (1800, 380, 220, 120), backgroundColor="#ffd8a8"),  # an empty note
        _text("h-parking", "Parking lot", (0, 800), size=28),
        *_note("p1", "Should checkout have its own DB?", (0, 880), "#e9ecef"),
    ]
    return json.dumps(
        {
            "type": "excalidraw",
            "version": 2,
            "source": "https://excalidraw.com",
            "elements": elements,
            "appState": {"gridSize": 20, "viewBackgroundColor": "#ffffff"},
            "files": {},
        },
        ensure_ascii=False,
    )


# --- FigJam: Figma REST API, GET /v1/files/{file_key} ---------------------------------------------------
# github.com/figma/rest-api-spec (openapi.yaml, dist/api_types.ts): the file is {name, lastModified,
# editorType, document: DOCUMENT → CANVAS → nodes}; StickyNode (STICKY: characters, fills, authorVisible),
# ShapeWithTextNode (SHAPE_WITH_TEXT: shapeType, characters), TextNode (TEXT: characters, style.fontSize),
# SectionNode (SECTION: name, children, sectionContentsHidden), ConnectorNode (CONNECTOR: connectorStart
# and connectorEnd {endpointNodeId}), every node's absoluteBoundingBox {x, y, width, height} and visible.
# Stamps are STAMP nodes named '+1', 'Dot', 'Heart', 'Profile', 'Question', 'Star', 'Thumbs down', 'Thumbs up'
# (developers.figma.com/docs/plugins/api/StampNode).

_FILLS = {
    "yellow": {"r": 1.0, "g": 0.851, "b": 0.4, "a": 1.0},
    "green": {"r": 0.686, "g": 0.91, "b": 0.659, "a": 1.0},
    "pink": {"r": 1.0, "g": 0.694, "b": 0.784, "a": 1.0},
    "blue": {"r": 0.6, "g": 0.831, "b": 1.0, "a": 1.0},
}


def _node(kind: str, node_id: str, box: Box, **extra: Any) -> dict[str, Any]:
    x, y, width, height = box
    return {
        "id": node_id,
        "name": extra.pop("name", kind.title()),
        "type": kind,
        "scrollBehavior": "SCROLLS",
        "blendMode": "PASS_THROUGH",
        "absoluteBoundingBox": {"x": x, "y": y, "width": width, "height": height},
        "absoluteRenderBounds": {"x": x, "y": y, "width": width, "height": height},
        "constraints": {"vertical": "TOP", "horizontal": "LEFT"},
        "effects": [],
        **extra,
    }


def _figjam_sticky(
    node_id: str, text: str, x: float, y: float, colour: str = "yellow", **extra: Any
) -> dict[str, Any]:
    return _node(
        "STICKY",
        node_id,
        (x, y, 240, 240),
        name=text[:30],
        characters=text,
        authorVisible=True,
        fills=[{"blendMode": "NORMAL", "type": "SOLID", "color": _FILLS[colour]}],
        **extra,
    )


def _stamp(node_id: str, name: str, x: float, y: float) -> dict[str, Any]:
    return _node("STAMP", node_id, (x, y, 40, 40), name=name)


def _section(
    node_id: str, name: str, x: float, y: float, children: list[dict[str, Any]], **extra: Any
) -> dict[str, Any]:
    return _node(
        "SECTION",
        node_id,
        (x, y, 300, 1200),
        name=name,
        sectionContentsHidden=False,
        children=children,
        **extra,
    )


def _figjam_column(prefix: str, x: float, texts: list[str], colour: str) -> list[dict[str, Any]]:
    return [
        _figjam_sticky(f"{prefix}:{n}", t, x + 30, 100 + 280 * (n - 1), colour)
        for n, t in enumerate(texts, 1)
    ]


def figjam_file() -> str:
    page = [
        _node(
            "TEXT",
            "1:1",
            (0, -200, 1400, 80),
            name="title",
            characters=BOARD_TITLE,
            style={"fontSize": 64, "fontFamily": "Inter"},
        ),
        _section(
            "2:0",
            "Timeline",
            0,
            0,
            _figjam_column(
                "2",
                0,
                [
                    "09:12 deploy v2.3 started",
                    "09:24 checkout 5xx alert fired, on-call paged",
                    "09:40 rolled back to v2.2",
                    "10:30 error rate back to normal, resolved",
                ],
                "blue",
            ),
        ),
        _section(
            "3:0",
            "What went well",
            400,
            0,
            [
                *_figjam_column(
                    "3", 400, ["Support & on-call in one channel", "Rollback took 4 minutes 🎉"], "green"
                ),
                _figjam_sticky("3:9", "", 430, 660, "green"),  # left empty
            ],
        ),
        # stamps placed on "Rollback took 4 minutes" (the second sticky, y 380-620): 3 votes, a question
        _stamp("3:20", "+1", 500, 450),
        _stamp("3:21", "Heart", 550, 450),
        _stamp("3:22", "+1", 600, 500),
        _stamp("3:23", "Question", 520, 560),
        _section(
            "4:0",
            "What went wrong",
            800,
            0,
            [
                _node(
                    "GROUP",
                    "4:10",
                    (830, 100, 240, 520),
                    name="Group 1",
                    children=_figjam_column(
                        "4",
                        800,
                        ["No canary stage for checkout", "Alert fired 12 min after errors began"],
                        "pink",
                    ),
                ),
                _figjam_sticky(
                    "4:9", "Blame the DBA", 830, 700, "pink", visible=False
                ),  # hidden by the facilitator
            ],
        ),
        _section(
            "5:0",
            "Root cause",
            1200,
            0,
            [
                _node(
                    "SHAPE_WITH_TEXT",
                    "5:3",
                    (1230, 700, 240, 160),
                    shapeType="ROUNDED_RECTANGLE",
                    characters="Why? Because load tests ran on a tiny dataset",
                ),
                _node(
                    "SHAPE_WITH_TEXT",
                    "5:1",
                    (1230, 100, 240, 160),
                    shapeType="ROUNDED_RECTANGLE",
                    characters="Why did checkout fail? Because the DB pool ran out of connections",
                ),
                _node(
                    "SHAPE_WITH_TEXT",
                    "5:2",
                    (1230, 400, 240, 160),
                    shapeType="ROUNDED_RECTANGLE",
                    characters="Why? Because the new query held connections for the whole request",
                ),
                _node(
                    "CONNECTOR",
                    "5:10",
                    (1350, 260, 1, 140),
                    connectorStart={"endpointNodeId": "5:1", "magnet": "BOTTOM"},
                    connectorEnd={"endpointNodeId": "5:2", "magnet": "TOP"},
                    connectorLineType="ELBOWED",
                    connectorStartStrokeCap="NONE",
                    connectorEndStrokeCap="ARROW_LINES",
                ),
            ],
        ),
        _node("SHAPE_WITH_TEXT", "6:1", (1600, 0, 300, 80), shapeType="SQUARE", characters="Action items"),
        _figjam_sticky("6:2", "Add a canary stage for checkout @sam by Dec 4", 1630, 120),
        _figjam_sticky("6:3", "Load test with prod-sized data (Raj) by Dec 11", 1630, 400),
        _section(
            "7:0",
            "Section 1",
            0,
            1400,
            [
                _node("TEXT", "7:1", (30, 1420, 200, 40), characters="Questions", style={"fontSize": 24}),
                _figjam_sticky("7:2", "Should checkout have its own DB?", 30, 1480),
            ],
        ),
    ]
    return json.dumps(
        {
            "name": BOARD_TITLE,
            "role": "owner",
            "lastModified": "2026-11-20T15:02:31Z",
            "editorType": "figjam",
            "thumbnailUrl": "https://s3-alpha.figma.com/thumbnails/abc",
            "version": "4242424242",
            "document": {
                "id": "0:0",
                "name": "Document",
                "type": "DOCUMENT",
                "scrollBehavior": "SCROLLS",
                "children": [
                    {
                        "id": "0:1",
                        "name": "Page 1",
                        "type": "CANVAS",
                        "scrollBehavior": "SCROLLS",
                        "backgroundColor": {"r": 0.96, "g": 0.96, "b": 0.96, "a": 1},
                        "prototypeStartNodeID": None,
                        "flowStartingPoints": [],
                        "prototypeDevice": {"type": "NONE", "rotation": "NONE"},
                        "children": page,
                    }
                ],
            },
            "components": {},
            "componentSets": {},
            "schemaVersion": 0,
            "styles": {},
        },
        ensure_ascii=False,
    )


# --- Trello: board menu → Print, export and share → Export as JSON -------------------------------------
# The board object with lists, cards, labels, members, checklists and actions, as the Trello REST API
# defines them (developer.atlassian.com/cloud/trello/guides/rest-api/object-definitions): a card has id,
# name, desc, closed, idList, idMembers, idLabels, labels [{id, name, color}], due, dueComplete, pos,
# badges {votes, ...}, idMembersVoted, shortUrl; a list id, name, closed, pos; a member id, fullName,
# username; a createCard action data.card.id and memberCreator.fullName.


def _card(card_id: str, name: str, list_id: str, pos: float, **extra: Any) -> dict[str, Any]:
    labels = extra.pop("labels", [])
    return {
        "id": card_id,
        "idShort": int(card_id[-2:], 16),
        "name": name,
        "desc": extra.pop("desc", ""),
        "closed": extra.pop("closed", False),
        "idBoard": "6a1f00000000000000000001",
        "idList": list_id,
        "idMembers": extra.pop("members", []),
        "idLabels": [label["id"] for label in labels],
        "labels": labels,
        "due": extra.pop("due", None),
        "dueComplete": extra.pop("done", False),
        "pos": pos,
        "badges": {"votes": extra.pop("votes", 0), "checkItems": 0, "comments": 0, "description": False},
        "idMembersVoted": [],
        "dateLastActivity": "2026-11-20T15:00:00.000Z",
        "shortUrl": f"https://trello.com/c/{card_id[-8:]}",
        **extra,
    }


def trello_export() -> str:
    lists = [
        {"id": "l1", "name": "Timeline", "closed": False, "pos": 16384},
        {"id": "l2", "name": "😊 Went well", "closed": False, "pos": 32768},
        {"id": "l3", "name": "😞 What went wrong", "closed": False, "pos": 49152},
        {"id": "l4", "name": "Action items", "closed": False, "pos": 65536},
        {"id": "l5", "name": "Parking lot", "closed": False, "pos": 81920},
        {"id": "l6", "name": "Old ideas", "closed": True, "pos": 98304},
    ]
    p1 = {"id": "lab1", "idBoard": "6a1f00000000000000000001", "name": "P1", "color": "red"}
    prevent = {"id": "lab2", "idBoard": "6a1f00000000000000000001", "name": "prevent", "color": "blue"}
    action = {"id": "lab3", "idBoard": "6a1f00000000000000000001", "name": "Action item", "color": "orange"}
    cards = [
        _card("c001", "09:24 checkout 5xx alert fired, on-call paged", "l1", 2),
        _card("c002", "09:12 deploy v2.3 started", "l1", 1),
        _card("c003", "09:40 rolled back to v2.2", "l1", 3),
        _card("c004", "10:30 error rate back to normal, resolved", "l1", 4),
        _card("c005", "Support & on-call in one channel", "l2", 1, votes=1),
        _card("c006", "Rollback took 4 minutes 🎉", "l2", 2, votes=4),
        _card("c007", "", "l2", 3),  # an empty card
        _card("c008", "No canary stage for checkout", "l3", 1, votes=3),
        _card("c009", "Alert fired 12 min after errors began", "l3", 2, votes=5),
        _card("c00a", "Blame the DBA", "l3", 3, closed=True),  # archived in the meeting
        _card(
            "c00b",
            "Add a canary stage for checkout",
            "l4",
            1,
            members=["m1"],
            due="2026-12-04T17:00:00.000Z",
            labels=[p1, prevent],
        ),
        _card(
            "c00c",
            "Load test with prod-sized data",
            "l4",
            2,
            members=["m2", "m1"],
            due="2026-12-11T17:00:00.000Z",
        ),
        _card(
            "c00d",
            "Page on pool saturation",
            "l4",
            3,
            members=["m2"],
            due="2026-11-25T17:00:00.000Z",
            done=True,
        ),
        _card("c00e", "Document the rollback runbook", "l5", 1, labels=[action]),
        _card("c00f", "Should checkout have its own DB?", "l5", 2),
        _card("c010", "Rewrite checkout in Rust", "l6", 1),  # on an archived list
    ]
    return json.dumps(
        {
            "id": "6a1f00000000000000000001",
            "name": BOARD_TITLE,
            "desc": "",
            "closed": False,
            "idOrganization": "5f0000000000000000000001",
            "url": "https://trello.com/b/AbCd1234/checkout-retro",
            "shortUrl": "https://trello.com/b/AbCd1234",
            "prefs": {"permissionLevel": "org", "voting": "members", "comments": "members"},
            "labelNames": {"red": "P1", "blue": "prevent", "orange": "Action item"},
            "labels": [p1, prevent, action],
            "lists": lists,
            "cards": cards,
            "members": [
                {"id": "m1", "fullName": "Sam Okafor", "username": "samokafor"},
                {"id": "m2", "fullName": "Raj Patel", "username": "rajp"},
            ],
            "checklists": [],
            "actions": [
                {
                    "id": f"act{n}",
                    "type": "createCard",
                    "date": "2026-11-20T14:10:00.000Z",
                    "data": {
                        "card": {"id": card["id"], "name": card["name"]},
                        "list": {"id": card["idList"]},
                    },
                    "memberCreator": {
                        "id": "m1" if n % 2 else "m2",
                        "fullName": "Sam Okafor" if n % 2 else "Raj Patel",
                    },
                }
                for n, card in enumerate(cards)
            ],
        },
        ensure_ascii=False,
    )


# --- Parabol: the retrospective meeting summary's "Export to CSV" ----------------------------------------
# github.com/ParabolInc/parabol, packages/client/modules/email/components/SummaryEmail/ExportToCSV.tsx:
# json2csv with a BOM over rows {reflectionGroup, author, votes, type, createdAt, discussionThread, prompt,
# content}; reflections are 'Anonymous', comments and replies carry the thread, tasks are type 'Task'.


def parabol_csv() -> str:
    rows = [
        (
            "Speed of rollback",
            "Anonymous",
            4,
            "Reflection",
            "2026-11-20T14:21:09.000Z",
            "",
            "What went well?",
            "Rollback took 4 minutes 🎉",
        ),
        (
            "Speed of rollback",
            "Anonymous",
            4,
            "Reflection",
            "2026-11-20T14:21:40.000Z",
            "",
            "What went well?",
            "Support & on-call in one channel",
        ),
        (
            "Late detection",
            "Anonymous",
            6,
            "Reflection",
            "2026-11-20T14:22:02.000Z",
            "",
            "What didn't go well?",
            "Alert fired 12 min after errors began",
        ),
        (
            "Late detection",
            "Anonymous",
            6,
            "Reflection",
            "2026-11-20T14:22:31.000Z",
            "",
            "What didn't go well?",
            "No canary stage\nfor checkout",
        ),
        (
            "Questions",
            "Anonymous",
            0,
            "Reflection",
            "2026-11-20T14:23:00.000Z",
            "",
            "Parking lot",
            "Should checkout have its own DB?",
        ),
        (
            "Late detection",
            "Ana Lopez",
            6,
            "Comment",
            "2026-11-20T14:40:00.000Z",
            "the alert waits 10 min",
            "",
            "the alert waits 10 min",
        ),
        (
            "Late detection",
            "Ana Lopez",
            6,
            "Task",
            "2026-11-20T14:41:00.000Z",
            "the alert waits 10 min",
            "",
            "Alert on pool saturation @ana by Dec 4",
        ),
        ("Speed of rollback", "Raj Patel", 4, "Reply", "2026-11-20T14:45:00.000Z", "nice", "", "agreed"),
    ]
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerow(
        ["reflectionGroup", "author", "votes", "type", "createdAt", "discussionThread", "prompt", "content"]
    )
    writer.writerows(rows)
    return out.getvalue()


def board_csv() -> str:
    """A retro kept in a spreadsheet, one column per header (as notes come out of a whiteboard tool)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["What went well", "To improve", "Action items", "Kudos to"])
    writer.writerow(
        [
            "Rollback took 4 minutes",
            "No canary stage, so v2.3 reached everyone",
            "Add a canary stage @sam by Dec 4",
            "Raj, for the 2am rollback",
        ]
    )
    writer.writerow(
        [
            "Support & on-call in one channel",
            "Alert fired 12 min after errors began",
            "Load test with prod-sized data (Raj) by Dec 11",
            "",
        ]
    )
    writer.writerow(["", "", "", ""])
    return out.getvalue()


# --- Opsgenie: Alert API and Incident API responses ------------------------------------------------------
# docs.opsgenie.com/docs/alert-api ("Get Alert": data {id, tinyId, alias, message, status, acknowledged,
# createdAt, updatedAt, priority, report {ackTime, closeTime, acknowledgedBy, closedBy}, ...}, took,
# requestId; "List Alert Logs": data [{log, type, owner, createdAt, offset}], paging) and
# docs.opsgenie.com/docs/incident-api (incident: id, tinyId, message, status, priority, createdAt,
# impactStartDate, impactEndDate; timeline entries: id, group, type, eventTime, hidden, actor, title,
# description).


def opsgenie_alert() -> str:
    return json.dumps(
        {
            "data": {
                "id": "70413a06-38d6-4c85-92b8-5ebc900d42e2",
                "tinyId": "1791",
                "alias": "checkout-5xx",
                "message": "Checkout 5xx rate above 5%",
                "status": "closed",
                "acknowledged": True,
                "isSeen": True,
                "tags": ["checkout", "prometheus"],
                "snoozed": False,
                "count": 3,
                "lastOccurredAt": "2026-11-20T09:31:00.000Z",
                "createdAt": "2026-11-20T09:24:00.000Z",
                "updatedAt": "2026-11-20T10:31:00.000Z",
                "source": "Prometheus",
                "owner": "ana@example.com",
                "priority": "P1",
                "teams": [{"id": "8418d193-2dab-4490-b331-8c02cdd196b7"}],
                "responders": [{"type": "team", "id": "8418d193-2dab-4490-b331-8c02cdd196b7"}],
                "integration": {
                    "id": "4513b7ea-3b91-438f-b7e4-e3e54af9147c",
                    "name": "Prometheus",
                    "type": "Prometheus",
                },
                "report": {
                    "ackTime": 180000,
                    "closeTime": 3960000,
                    "acknowledgedBy": "ana@example.com",
                    "closedBy": "ana@example.com",
                },
                "actions": ["Restart"],
                "entity": "checkout",
                "description": "5xx ratio over 5% for 5 minutes",
                "details": {"service": "checkout"},
            },
            "took": 0.112,
            "requestId": "8bd6e8d8-6c8a-4f47-8a21-11d9a4b4e9b5",
        }
    )


def opsgenie_logs() -> str:
    entries = [
        ("Alert created via Prometheus", "system", "System", "2026-11-20T09:24:00.000Z"),
        (
            "Notified ana@example.com via mobile app",
            "alertRecipient",
            "ana@example.com",
            "2026-11-20T09:24:05.000Z",
        ),
        ("Alert acknowledged via web", "system", "ana@example.com", "2026-11-20T09:27:00.000Z"),
        ("Added note: rolling back to v2.2", "note", "ana@example.com", "2026-11-20T09:38:00.000Z"),
        ("Alert closed via web", "system", "ana@example.com", "2026-11-20T10:30:00.000Z"),
    ]
    return json.dumps(
        {
            "data": [
                {
                    "log": log,
                    "type": kind,
                    "owner": owner,
                    "createdAt": at,
                    "offset": f"{1763630640000 + n}_{n}",
                }
                for n, (log, kind, owner, at) in enumerate(entries)
            ],
            "paging": {
                "first": "https://api.opsgenie.com/v2/alerts/1791/logs?identifierType=tiny&order=asc&limit=20"
            },
            "took": 0.041,
            "requestId": "4a5ea8d1-c0fe-4e2b-9f4a-d1d1f54a7e6b",
        }
    )


def opsgenie_incident_timeline() -> str:
    entries = [
        (
            "IncidentCreated",
            "Incident created: Checkout errors after v2.3",
            "2026-11-20T09:26:00.000Z",
            False,
        ),
        ("ResponderAlertAcked", "Ana Lopez acknowledged the alert", "2026-11-20T09:27:00.000Z", False),
        ("Note", "Rolled back to v2.2", "2026-11-20T09:40:00.000Z", False),
        ("StatusPageUpdate", "internal: draft status page", "2026-11-20T09:45:00.000Z", True),
        ("IncidentResolved", "Error rate back to normal", "2026-11-20T10:30:00.000Z", False),
    ]
    return json.dumps(
        {
            "data": {
                "entries": [
                    {
                        "id": f"e{n}",
                        "group": "incident",
                        "type": kind,
                        "eventTime": at,
                        "hidden": hidden,
                        "actor": {"name": "Ana Lopez", "type": "user"},
                        "title": {"type": "text", "content": text},
                        "lastEdit": {"editTime": at, "actor": {"name": "Ana Lopez", "type": "user"}},
                    }
                    for n, (kind, text, at, hidden) in enumerate(entries)
                ],
                "nextOffset": "",
            },
            "took": 0.05,
            "requestId": "0c8f4a4d-4b34-4d0a-9a5c-7b7f2c1e9a11",
        }
    )


# --- Prometheus Alertmanager: webhook_config payloads, version 4 ------------------------------------------
# prometheus.io/docs/alerting/latest/configuration/#webhook_config: {version, groupKey, truncatedAlerts,
# status, receiver, groupLabels, commonLabels, commonAnnotations, externalURL, alerts: [{status, labels,
# annotations, startsAt, endsAt, generatorURL, fingerprint}]}; endsAt is Go's zero time while firing.


def _alertmanager_payload(status: str, alerts: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "receiver": "afterboard-log",
        "status": status,
        "alerts": alerts,
        "groupLabels": {"alertname": "CheckoutErrorRate"},
        "commonLabels": {"alertname": "CheckoutErrorRate", "service": "checkout", "severity": "critical"},
        "commonAnnotations": {"summary": "Checkout 5xx rate above 5%"},
        "externalURL": "http://alertmanager.example.org:9093",
        "version": "4",
        "groupKey": '{}/{severity="critical"}:{alertname="CheckoutErrorRate"}',
        "truncatedAlerts": 0,
    }


def _alert(
    status: str, ends: str, instance: str, fingerprint: str, starts: str = "2026-11-20T09:24:00.000Z"
) -> dict[str, Any]:
    return {
        "status": status,
        "labels": {
            "alertname": "CheckoutErrorRate",
            "instance": instance,
            "service": "checkout",
            "severity": "critical",
        },
        "annotations": {
            "summary": "Checkout 5xx rate above 5%",
            "runbook_url": "https://runbooks.example.org/checkout",
        },
        "startsAt": starts,
        "endsAt": ends,
        "generatorURL": "http://prometheus.example.org:9090/graph?g0.expr=checkout_5xx_ratio+%3E+0.05",
        "fingerprint": fingerprint,
    }


def alertmanager_log() -> str:
    """A webhook receiver's log: each POSTed payload on its own line (JSON Lines), firing then resolved."""
    zero = "0001-01-01T00:00:00Z"
    payloads = [
        _alertmanager_payload("firing", [_alert("firing", zero, "checkout-1:9090", "1a30ba71cca2921f")]),
        _alertmanager_payload(
            "firing",
            [
                _alert("firing", zero, "checkout-1:9090", "1a30ba71cca2921f"),
                _alert(
                    "firing", zero, "checkout-2:9090", "5b2c7d1e9f0a3b44", starts="2026-11-20T09:26:30.000Z"
                ),
            ],
        ),
        _alertmanager_payload(
            "resolved",
            [
                _alert("resolved", "2026-11-20T10:25:00.000Z", "checkout-1:9090", "1a30ba71cca2921f"),
                _alert(
                    "resolved",
                    "2026-11-20T10:27:00.000Z",
                    "checkout-2:9090",
                    "5b2c7d1e9f0a3b44",
                    starts="2026-11-20T09:26:30.000Z",
                ),
            ],
        ),
    ]
    return "\n".join(json.dumps(p) for p in payloads) + "\n"


def events_csv() -> str:
    return (
        "time (UTC),event,who\n"
        "2026-11-20 09:12,deploy v2.3 started,ci\n"
        "2026-11-20T09:24:00Z,checkout 5xx alert fired,prometheus\n"
        '09:40,"rolled back to v2.2, errors dropping",ana\n'
        "2026-11-20 10:30,all clear: resolved,ana\n"
    )
