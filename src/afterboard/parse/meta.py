"""A document's metadata, wherever it is written: front matter, a key/value table (afterboard's own drafts),
`Key: value` lines or `**Key:** value` before the first section, or a section of its own (`## Date`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from afterboard.parse.front import Fields
from afterboard.parse.outline import META_LABELS, Outline, Part, clean_title
from afterboard.parse.pieces import pieces
from afterboard.postmortem import Status
from afterboard.sections import Section, normalise

_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z][\w /’'&()-]{0,40}?)\s*:\s*(?P<value>.*)$")
_PUBLISHED = re.compile(r"\b(?:complete[d]?|final|published|done|closed|resolved)\b", re.IGNORECASE)
_IN_REVIEW = re.compile(r"\b(?:in review|review|under review|reviewing)\b", re.IGNORECASE)
_DRAFT = re.compile(r"\b(?:draft|wip|in progress|incomplete|todo)\b", re.IGNORECASE)
_UNSET = re.compile(r"^\s*_?(?:not set|not stated|n/?a|tbd|unknown|none|-+|\?+)?_?\s*$", re.IGNORECASE)
_DRAFT_META = {
    "kind",
    "status",
    "severity",
    "date",
    "started detected mitigated resolved",
    "time to detect mitigate resolve",
    "publication due",
    "post mortem required",
    "authors",
    "reviewers",
    "tags",
}
"""The rows of afterboard's own metadata table (normalised)."""


@dataclass
class Meta:
    fields: dict[str, list[str]] = field(default_factory=dict)
    """Normalised key → values as written, first source winning."""

    def first(self, *keys: str) -> str | None:
        """The first stated value of the first of `keys` the document states; '_not set_' is not a value."""
        for key in keys:
            values = self.fields.get(key)
            if values and not _UNSET.match(values[0]):
                return values[0].strip()
        return None

    def add(self, key: str, value: str) -> None:
        key = normalise(key)
        value = value.strip()
        if not key or not value or key in self.fields:
            return
        self.fields[key] = [value]

    def add_list(self, key: str, values: list[str]) -> None:
        key = normalise(key)
        values = [v.strip() for v in values if v.strip()]
        if key and values and key not in self.fields:
            self.fields[key] = values


def read_meta(outline: Outline, front: Fields) -> Meta:
    """Every metadata field the document states."""
    meta = Meta()
    for key, values in front.items():
        meta.add_list(key, values)
    for part in outline.parts:
        if not part.headed or part.key in {Section.METADATA.value, None}:
            _fields_in(part, meta, head=not part.headed or part.key == Section.METADATA.value)
        title = normalise(clean_title(part.title))
        if part.headed and not part.labelled and title in META_LABELS:
            values = [p.text for p in pieces([part])]
            if values:
                meta.add_list(title, values)
    return meta


def status_of(meta: Meta) -> Status | None:
    stated = meta.first("status", "state")
    if stated is None:
        draft = meta.first("draft")
        return Status.DRAFT if draft and draft.lower() == "true" else None
    if _DRAFT.search(stated) and not _PUBLISHED.match(stated):
        return Status.DRAFT
    if _IN_REVIEW.search(stated):
        return Status.IN_REVIEW
    if _PUBLISHED.search(stated):
        return Status.PUBLISHED
    return None


def people(meta: Meta, *keys: str) -> tuple[str, ...]:
    """'Ana, Raj and @sam' → ('Ana', 'Raj', 'sam'), from the first of `keys` the document states."""
    for key in keys:
        values = meta.fields.get(key)
        if not values:
            continue
        names: list[str] = []
        for value in values:
            for written in re.split(r",|;|\band\b|&|\s/\s", value):
                name = written.strip().lstrip("@").strip("*_ ")
                if name and not name.startswith("_") and name.lower() not in {"not set", "tbd", "none"}:
                    names.append(name)
        return tuple(dict.fromkeys(names))
    return ()


def _fields_in(part: Part, meta: Meta, *, head: bool) -> None:
    """Key/value table rows (any part), and `Key: value` lines or bold labels (before the first section)."""
    for block in part.blocks:
        if block.kind == "row" and len(block.cells) == 2:
            key = normalise(block.cells[0])
            if key in _DRAFT_META or head:
                meta.add(block.cells[0], block.cells[1])
            continue
        if not head or block.kind not in {"paragraph", "item"}:
            continue
        for line in block.text.split("\n"):
            found = _KEY_VALUE.match(line.strip().strip("*_"))
            if found is None:
                continue
            key = normalise(found["key"])
            value = found["value"].strip().strip("*_ ").strip()
            if key in META_LABELS or key in _DRAFT_META or len(key.split()) <= 2:
                meta.add(key, value)
