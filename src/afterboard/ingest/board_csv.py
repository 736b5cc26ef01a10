"""A board written as a spreadsheet, one column per header → Board: the first row holds the headers ('What
went well', 'To improve', 'Action items'), every cell below is a note of its column. This is how sticky
notes come out of a whiteboard into a sheet (Miro: select the notes, export or copy them as a table) and how
teams without a board tool keep a retro. A header that names no known section keeps its notes as written.
"""

from __future__ import annotations

from afterboard.board import Board, Note
from afterboard.errors import EmptyBoardError
from afterboard.ingest.headers import Vocabulary, default_vocabulary
from afterboard.ingest.table import Table
from afterboard.ingest.values import one_line
from afterboard.sections import match_section, normalise


def looks_like_board_csv(table: Table, vocabulary: Vocabulary | None = None) -> bool:
    """A table is a board when at least one of its headers names a section a post-mortem has, or is one of
    the team's own headers (`board_sections`)."""
    team = vocabulary.team_headers if vocabulary is not None else frozenset()
    return any(h.strip() and (match_section(h) is not None or normalise(h) in team) for h in table.header)


def read_board_csv(table: Table, *, name: str, vocabulary: Vocabulary | None = None) -> Board:
    known = vocabulary or default_vocabulary()
    notes = []
    for column, raw_header in enumerate(table.header):
        header = one_line(raw_header) or None
        section = known.section_key(header) if header else None
        notes += [
            Note(text=text, section=section, header=header, source=f"{name}:{line}:{column + 1}")
            for line, cells in table.rows
            if (text := one_line(cells[column]))
        ]
    if not notes:
        raise EmptyBoardError(f"{name} has headers ({', '.join(table.header)}) but no notes under them.")
    return Board(notes=tuple(notes), sources=(name,))
