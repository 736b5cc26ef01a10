"""A Parabol retrospective's CSV export (the meeting summary's "Export to CSV") → Board.

Parabol is open source and its export is defined in its code (github.com/ParabolInc/parabol,
packages/client/modules/email/components/SummaryEmail/ExportToCSV.tsx): one row per reflection, comment,
reply or task, with the columns reflectionGroup, author, votes, type, createdAt, discussionThread, prompt,
content. A reflection is a note under its prompt (the column it was written in, 'What went well?'), with
its group's votes and its group as the place on the board; a task created while discussing is an action
item. Comments and replies are the discussion, not the board, and are left out.
"""

from __future__ import annotations

from afterboard.board import Board, Note
from afterboard.errors import EmptyBoardError
from afterboard.ingest.headers import Vocabulary, default_vocabulary
from afterboard.ingest.table import Table
from afterboard.ingest.values import number, one_line
from afterboard.sections import Section

COLUMNS = ("reflectionGroup", "author", "votes", "type", "createdAt", "discussionThread", "prompt", "content")
_TASKS = "Tasks"
"""The header Parabol's tasks go under: its summary lists them as the meeting's tasks."""


def looks_like_parabol(table: Table) -> bool:
    return all(table.column(name) is not None for name in ("reflectionGroup", "type", "prompt", "content"))


def read_parabol(table: Table, *, name: str, vocabulary: Vocabulary | None = None) -> Board:
    known = vocabulary or default_vocabulary()
    cell = {column: table.column(column) for column in COLUMNS}

    def get(cells: list[str], column: str) -> str:
        index = cell[column]
        return one_line(cells[index]) if index is not None else ""

    notes = []
    for line, cells in table.rows:
        kind, text = get(cells, "type").lower(), get(cells, "content")
        if not text or kind not in {"reflection", "task"}:
            continue
        header = get(cells, "prompt") or None if kind == "reflection" else _TASKS
        author = get(cells, "author")
        notes.append(
            Note(
                text=text,
                section=Section.ACTION_ITEMS.value
                if kind == "task"
                else known.section_key(header)
                if header
                else None,
                header=header,
                region=get(cells, "reflectionGroup") or None,
                source=f"{name}:{line}",
                author=author if author and author != "Anonymous" else None,
                votes=int(number(get(cells, "votes"))) or None if kind == "reflection" else None,
            )
        )
    if not notes:
        raise EmptyBoardError(
            f"{name} is a Parabol retrospective export with no reflections or tasks; "
            "export the CSV after the meeting has ended."
        )
    return Board(notes=tuple(notes), sources=(name,))
