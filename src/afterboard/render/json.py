"""JSON for tools: the notes as read and the draft, in one document."""

from __future__ import annotations

import json
from typing import Any

from afterboard.board import Board
from afterboard.postmortem import PostMortem


def render_json(pm: PostMortem, *, board: Board | None = None) -> str:
    """`{"notes": [...], "postmortem": {...}}`; each note with text, section, confidence, box and colour."""
    document: dict[str, Any] = {}
    if board is not None:
        document["notes"] = [
            note.model_dump(
                mode="json", include={"text", "section", "header", "confidence", "box", "colour", "source"}
            )
            for note in board.notes
        ]
    document["postmortem"] = pm.model_dump(mode="json")
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
