"""Read existing post-mortems: Markdown as teams write it (and afterboard's own drafts), or afterboard's JSON.

pm = parse_postmortem(text)                 # Markdown text → PostMortem
pm = read_postmortem(Path("pm.md"))         # a file: Markdown, or JSON written by `render/json.py`
doc = read_document(Path("pm.md"))          # the PostMortem plus its outline, for `check`
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from afterboard.errors import InputError
from afterboard.ingest.files import read_text_file
from afterboard.parse.content import all_texts, filled_sections
from afterboard.parse.document import ParsedDocument, parse_document
from afterboard.postmortem import Kind, PostMortem
from afterboard.settings import Settings

__all__ = ["ParsedDocument", "parse_document", "parse_postmortem", "read_document", "read_postmortem"]


def parse_postmortem(text: str, *, name: str = "<text>", today: dt.date | None = None) -> PostMortem:
    """The PostMortem a Markdown document describes; `today` resolves relative dates it leaves open."""
    return parse_document(text, name=name, today=today).postmortem


def read_postmortem(path: Path, *, today: dt.date | None = None) -> PostMortem:
    """The PostMortem in a Markdown or afterboard JSON file; InputError when the file cannot be used."""
    return read_document(path, today=today).postmortem


def read_document(
    path: Path,
    *,
    today: dt.date | None = None,
    kind: Kind | str | None = None,
    settings: Settings | None = None,
) -> ParsedDocument:
    """A post-mortem file read whole: Markdown, or the JSON `afterboard draft --format json` writes."""
    path = Path(path)
    text = read_text_file(path, what="post-mortem")
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return _from_json(text, path, kind=kind)
    return parse_document(text, name=str(path), today=today, kind=kind, settings=settings)


def _from_json(text: str, path: Path, *, kind: Kind | str | None) -> ParsedDocument:
    from pydantic import ValidationError

    from afterboard.parse.headed import Found
    from afterboard.parse.outline import Outline

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path} is not valid JSON (line {exc.lineno}: {exc.msg}).") from None
    if isinstance(data, dict) and isinstance(data.get("postmortem"), dict):
        data = data["postmortem"]
    try:
        pm = PostMortem.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the document"
        raise InputError(
            f"{path} is JSON but not an afterboard post-mortem ({where}: {first['msg']}); "
            "give a file written by `afterboard draft --format json`, or Markdown."
        ) from None
    if kind:
        pm = pm.model_copy(update={"kind": Kind(kind)})
    found = Found(headed=dict.fromkeys(filled_sections(pm), 0))
    words = len(" ".join(all_texts(pm)).split())
    return ParsedDocument(pm, Outline(pm.title, ()), found, str(path), words, status_stated=True)
