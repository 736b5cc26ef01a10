"""JSON for tools: the notes as read and the draft, in one document."""

from __future__ import annotations

import json
from typing import Any

from afterboard.board import Board, Note
from afterboard.postmortem import PostMortem


def render_json(pm: PostMortem, *, board: Board | None = None) -> str:
    """`{"notes": [...], "postmortem": {...}}`; each note with text, section, confidence, box and colour,
    and, for a note whose text is not what the engine read, that reading and who corrected it ("review":
    a person here; "team": the team's earlier review; null: the reader itself)."""
    document: dict[str, Any] = {}
    if board is not None:
        document["notes"] = [_note(note) for note in board.notes]
    document["postmortem"] = pm.model_dump(mode="json")
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _note(note: Note) -> dict[str, Any]:
    fields = {"text", "section", "header", "confidence", "box", "colour", "source"}
    if note.read_as is not None:
        fields |= {"read_as", "corrected"}
    return note.model_dump(mode="json", include=fields)
