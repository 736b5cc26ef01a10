"""What sits above a document's Markdown: YAML/TOML front matter and an MDX page's `import`/`export` header.

Both are cut out before the Markdown is parsed (replaced by blank lines, so line numbers stay true), and
their simple `key: value` fields are kept as metadata. Only flat fields and lists of strings are read: the
title, date, authors and tags are all a check needs, and no YAML library is required for that.
"""

from __future__ import annotations

import re

Fields = dict[str, list[str]]

_KEY_VALUE = re.compile(r"""^\s*["']?(?P<key>[A-Za-z][\w -]{0,30}?)["']?\s*[:=]\s*(?P<value>.*?)\s*,?\s*$""")
_LIST_ITEM = re.compile(r"^\s*-\s+(?P<value>.+?)\s*$")
_MDX_STATEMENT = re.compile(r"^(?:import|export)\s")
_TOML_TABLE = re.compile(r"^\s*\[[\w.\- \"']+\]\s*$")


def split_front(text: str) -> tuple[Fields, str]:
    """The front matter's fields, and the text with the front matter blanked out."""
    lines = text.split("\n")
    fields: Fields = {}
    end = _front_matter_end(lines)
    if end:
        _read_fields(lines[1 : end - 1], fields)
        lines[:end] = [""] * end
    _blank_mdx(lines, fields)
    return fields, "\n".join(lines)


def _front_matter_end(lines: list[str]) -> int:
    """The number of lines the front matter takes (fences included), 0 when there is none."""
    if not lines or lines[0].strip() not in {"---", "+++"}:
        return 0
    fence = lines[0].strip()
    for index in range(1, min(len(lines), 200)):
        if lines[index].strip() == fence:
            return index + 1 if _looks_like_fields(lines[1:index]) else 0
    return 0


def _looks_like_fields(lines: list[str]) -> bool:
    """Whether the lines between two fences are front matter: a page may open with a `---` rule and
    use another later, and the Markdown between them must not be taken for metadata."""
    filled = [line for line in lines if line.strip()]
    if not filled:
        return True
    return all(_is_field_line(line) for line in filled) and any(_KEY_VALUE.match(line) for line in filled)


def _is_field_line(line: str) -> bool:
    """A key/value, list item, TOML table, or an indented line (a multi-line value or a comment). A `#` at
    the margin is taken for a Markdown heading, not a YAML comment: that is what gives a rule away."""
    return bool(
        line[:1] in {" ", "\t"} or _KEY_VALUE.match(line) or _LIST_ITEM.match(line) or _TOML_TABLE.match(line)
    )


def _blank_mdx(lines: list[str], fields: Fields) -> None:
    """Blank the JavaScript statements of an MDX page (each runs to the next blank line) and keep the
    string fields of its object literals (`title: 'Relay outage'`), which are the page's metadata."""
    index = 0
    while index < len(lines):
        if not _MDX_STATEMENT.match(lines[index]):
            index += 1
            continue
        start = index
        while index < len(lines) and lines[index].strip():
            index += 1
        _read_fields(lines[start + 1 : index], fields)
        lines[start:index] = [""] * (index - start)


def _read_fields(lines: list[str], fields: Fields) -> None:
    key: str | None = None
    for line in lines:
        item = _LIST_ITEM.match(line)
        if item and key is not None:
            fields.setdefault(key, []).append(_unquote(item["value"]))
            continue
        found = _KEY_VALUE.match(line)
        if found is None:
            continue
        key = found["key"].strip().lower()
        value = found["value"].strip()
        if key in fields:
            continue
        if value.startswith("[") and value.endswith("]"):
            fields[key] = [_unquote(v) for v in value[1:-1].split(",") if v.strip()]
        elif value and value not in {"|", ">", "{"}:
            fields[key] = [_unquote(value)]


def _unquote(value: str) -> str:
    return value.strip().strip(",").strip().strip("\"'").strip()
