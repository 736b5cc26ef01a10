"""Telling a CSV table from typed notes, and reading it: a header row, then rows of the same width."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

_DELIMITERS = (",", ";", "\t")
"""Spreadsheets write commas, or semicolons where the comma is the decimal mark, or tabs."""


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]
    """(line number where the row starts, its cells), blank rows left out."""

    def column(self, *names: str) -> int | None:
        """The index of the first column whose header is one of `names` (case and spaces aside)."""
        wanted = {n.lower() for n in names}
        return next((i for i, h in enumerate(self.header) if h.strip().lower() in wanted), None)


def read_table(text: str) -> Table | None:
    """The text as a table when it is one: a header of at least two cells and every row as wide. Typed
    notes with a comma here and there are not (their lines differ in width)."""
    first = text.split("\n", 1)[0]
    widths = {d: len(next(csv.reader([first], delimiter=d), [])) for d in _DELIMITERS}
    delimiter = max(_DELIMITERS, key=lambda d: widths[d])
    if widths[delimiter] < 2:
        return None
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [cell.strip() for cell in next(reader)]
        rows = []
        start = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if len(cells) != len(header):
                    return None
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error:
        return None
    return Table(header, rows)
