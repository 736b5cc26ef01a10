"""Tables whose line breaks were lost on the way (copied from a web page or a wiki export), rebuilt."""

from __future__ import annotations

import re

_RULE_CELLS = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+")


def flattened_rows(text: str) -> tuple[tuple[str, ...], list[tuple[str, ...]]] | None:
    """A table whose line breaks were lost ('| A | B | |---|---| | 1 | 2 | | 3 | 4 |'), as header and rows.

    Once the header's rule gives the number of columns, the rest splits into rows of that many cells,
    each row closed by '|' and the next opened by '|'."""
    flat = " ".join(text.split())
    if not flat.startswith("|"):
        return None
    rule = re.search(r"\|\s*:?-{3,}", flat)
    if rule is None:
        return None
    header = tuple(c.strip() for c in flat[: rule.start()].strip().strip("|").split("|"))
    rest = flat[rule.start() :]
    rule_cells = _RULE_CELLS.match(rest)
    if rule_cells is None:
        return None
    width = rule_cells.group(0).count("-|") + rule_cells.group(0).count("- |")
    width = max(width, len(header))
    tokens = rest[rule_cells.end() :].split("|")
    rows: list[tuple[str, ...]] = []
    index = 1 if tokens and not tokens[0].strip() else 0
    while index + width <= len(tokens):
        cells = tuple(t.strip() for t in tokens[index : index + width])
        if any(cells):
            rows.append(cells)
        index += width + 1
    return (header, rows) if rows else None
