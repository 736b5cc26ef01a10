"""A person's corrections to the notes read from a photo, before drafting: edit, move to another section,
split, merge, delete. Each is a pure function Board → Board; an edited note is confirmed (confidence 1),
and the engine's reading it replaced is kept (`Note.read_as`), the note marked as corrected in review
(`Note.corrected`): a correction recalled from the team's earlier review that the person edits is theirs
from then on."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Literal

from afterboard.board import Board, Box, Note
from afterboard.errors import InputError
from afterboard.sections import CANONICAL, Section

SECTION_TITLES = {
    Section.IMPACT: "Impact",
    Section.TIMELINE: "Timeline",
    Section.ROOT_CAUSE: "Root cause",
    Section.CONTRIBUTING_FACTORS: "Contributing factors",
    Section.WENT_WELL: "What went well",
    Section.ACTION_ITEMS: "Action items",
    Section.SUMMARY: "Summary",
    Section.LESSONS_LEARNED: "Lessons learned",
    Section.LUCKY: "Where we got lucky",
}
UNPLACED = ""
OPERATIONS = ("split", "merge", "delete", "confirm")


def section_choices(board: Board) -> list[tuple[str, str]]:
    """(value, label) for the section picker: the known sections, then headers the board has as written."""
    choices = [(s.value, title) for s, title in SECTION_TITLES.items()]
    known = {value for value, _ in choices}
    extra = [(n.section, n.section) for n in board.notes if n.section and n.section not in known]
    return [*choices, *OrderedDict.fromkeys(extra), (UNPLACED, "No section (left out of the draft)")]


def grouped(board: Board) -> list[tuple[str, str, list[tuple[int, Note]]]]:
    """(section, title, [(index, note)]) in the draft's order, canonical sections first."""
    groups: OrderedDict[str, list[tuple[int, Note]]] = OrderedDict((s.value, []) for s in CANONICAL)
    for index, note in enumerate(board.notes):
        groups.setdefault(note.section or UNPLACED, []).append((index, note))
    titles = {s.value: t for s, t in SECTION_TITLES.items()}
    return [(key, titles.get(key, key or "No section"), notes) for key, notes in groups.items() if notes]


def apply_edits(board: Board, indices: list[str], texts: list[str], sections: list[str]) -> Board:
    """The board with every note's text and section as the form holds them: one entry per note, each
    with the note's index on the board, in the order the page shows them (by section, not the board's
    order). A note emptied by the person is dropped; an unread note left empty stays, to be typed later."""
    count = len(board.notes)
    if (
        sorted(indices) != sorted(str(i) for i in range(count))
        or len(texts) != count
        or len(sections) != count
    ):
        raise InputError("The notes changed since this page was loaded; reload it and edit again.")
    by_index = {int(i): (text, section) for i, text, section in zip(indices, texts, sections, strict=True)}
    notes = []
    for index, note in enumerate(board.notes):
        text, section = by_index[index]
        cleaned = text.replace("\r\n", "\n").strip()
        changes: dict[str, object] = {}
        if cleaned != note.text:
            changes.update(text=cleaned, confidence=1.0, corrected="review")
            if note.read_as is None:
                changes.update(read_as=note.text)  # the first reading, kept beside the person's
        if (section or None) != note.section:
            changes.update(section=section or None, header=None)
        notes.append(note.model_copy(update=changes) if changes else note)
    kept = [n for n, old in zip(notes, board.notes, strict=True) if n.text or not old.text]
    return board.model_copy(update={"notes": tuple(kept)})


def operate(board: Board, operation: str) -> Board:
    """Apply 'split:3', 'merge:3' (with the next note of its section), 'delete:3' or 'confirm:3'."""
    name, _, number = operation.partition(":")
    if name not in OPERATIONS or not number.isdigit() or int(number) >= len(board.notes):
        raise InputError(f"'{operation}' is not something that can be done to a note; reload the page.")
    index = int(number)
    notes = list(board.notes)
    note = notes[index]
    if name == "delete":
        del notes[index]
    elif name == "confirm":
        notes[index] = note.model_copy(update={"confidence": 1.0})
    elif name == "split":
        parts = [p.strip() for p in note.text.splitlines() if p.strip()]
        if len(parts) < 2:
            raise InputError("This note is one line; put each part on its own line, then split it.")
        notes[index : index + 1] = [
            note.model_copy(update={"text": part, "source": _part(note.source, n)})
            for n, part in enumerate(parts, 1)
        ]
    else:
        following = next((i for i in range(index + 1, len(notes)) if notes[i].section == note.section), None)
        if following is None:
            raise InputError("This is the last note of its section; there is no next note to merge it with.")
        other = notes.pop(following)
        notes[index] = note.model_copy(
            update={
                "text": f"{note.text} {other.text}",
                "confidence": min(note.confidence, other.confidence),
                "box": _union(note.box, other.box),
                "read_as": _joined_reading(note, other),
                "corrected": _joined_correction(note, other),
            }
        )
    return board.model_copy(update={"notes": tuple(notes)})


def _joined_reading(first: Note, second: Note) -> str | None:
    """What the engine read of two merged notes, when either was corrected: the merged note's correction
    is then of both readings, not of the first alone."""
    if first.read_as is None and second.read_as is None:
        return None
    readings = (n.read_as if n.read_as is not None else n.text for n in (first, second))
    return " ".join(r for r in readings if r)


def _joined_correction(first: Note, second: Note) -> Literal["review", "team"] | None:
    """Merged notes are a person's correction if either was; else the team's if either was."""
    marks = {first.corrected, second.corrected}
    return "review" if "review" in marks else "team" if "team" in marks else None


def api_edits(before: Board, notes: Sequence[Note]) -> Board:
    """The notes an API client sent for the board read as `before`, kept as the review form keeps them: a
    note whose text differs from the note of the same source is a person's correction of its reading,
    and one sent back unchanged keeps its reading and who corrected it."""
    by_source = {n.source: n for n in before.notes if n.source}
    kept = []
    for sent in notes:
        old = by_source.get(sent.source) if sent.source else None
        if old is not None and sent.text != old.text:
            reading = old.read_as if old.read_as is not None else old.text
            kept.append(sent.model_copy(update={"read_as": reading, "corrected": "review"}))
        elif old is not None and sent.read_as is None:
            kept.append(sent.model_copy(update={"read_as": old.read_as, "corrected": old.corrected}))
        else:
            kept.append(sent)
    return before.model_copy(update={"notes": tuple(kept)})


def _part(source: str | None, number: int) -> str | None:
    return None if source is None else f"{source}.{number}"


def _union(a: Box | None, b: Box | None) -> Box | None:
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
