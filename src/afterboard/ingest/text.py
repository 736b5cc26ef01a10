"""Typed notes (Markdown or plain text, as copied from a board) → Board.

What people write: headings (`## Timeline`, setext, `**Timeline**`) or label lines (`Timeline:`,
`What went well`, `5 whys`) open sections; bullets, numbered lines, table rows and plain lines are notes;
an indented line continues the note above. A heading that names no known section keeps its notes under its
own name; a sub-heading inside a known section ('### Short term' under 'Action items') stays in that section.
Metadata lines before the first section (`Title:`, `Date:`, `Severity:`, `Kind:`, `Timezone:`) and YAML-style
front matter describe the board; 'all times UTC' anywhere states the zone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from afterboard.board import Board, Note
from afterboard.errors import EmptyBoardError
from afterboard.extract.dates import find_date, parse_date
from afterboard.extract.impact import find_severity
from afterboard.extract.times import zone_named, zone_statement
from afterboard.ingest.files import read_text_file
from afterboard.sections import Section, match_section

_ATX = re.compile(r"^\s{0,3}(?P<level>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(?P<char>=+|-+)\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?P<text>[^*_]+?)(?:\*\*|__)\s*:?\s*$")
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+•·▪◦‣]|\d{1,3}[.)]|[a-z][.)])\s+(?P<text>.*)$")
_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z0-9][\w /&'’()-]{0,60}?)\s*:\s*(?P<rest>.*)$")
_LEADING_TIME = re.compile(r"^\s*\d{1,2}[:h.]\d{2}|^\s*\d{1,2}\s*[ap]\.?m\b", re.IGNORECASE)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_META_KEYS = {
    "title": "title",
    "incident": "title",
    "name": "title",
    "date": "date",
    "incident date": "date",
    "severity": "severity",
    "sev": "severity",
    "kind": "kind",
    "type": "kind",
    "timezone": "timezone",
    "time zone": "timezone",
    "tz": "timezone",
}


def read_notes(path: str | Path, *, today: dt.date | None = None) -> Board:
    """Read a notes file typed from a board; InputError for an unusable file, EmptyBoardError if empty."""
    path = Path(path)
    return parse_notes(read_text_file(path), name=path.name, today=today)


def parse_notes(text: str, *, name: str = "notes", today: dt.date | None = None) -> Board:
    """Read notes given as text; `name` is used in provenance ('notes.md:12') and messages."""
    reader = _Reader(name=name, today=today or dt.date.today())
    reader.feed(text.replace("\r\n", "\n").split("\n"))
    board = reader.board()
    if board.is_empty:
        raise EmptyBoardError(
            f"{name} holds no notes: write one note per line under headings such as "
            "'Timeline', 'Root cause', 'What went well' and 'Action items'."
        )
    return board


@dataclass
class _Open:
    """The section notes currently go to."""

    key: str | None = None
    header: str | None = None
    level: int = 0
    path: tuple[str, ...] = ()


@dataclass
class _Reader:
    name: str
    today: dt.date
    notes: list[Note] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    open: _Open = field(default_factory=_Open)
    timezone: str | None = None
    last_line: int = 0
    continues_at: int | None = None
    """Column where the last bulleted note's text starts: a plain line right below it, indented at least
    that far, continues it. None after a plain-line note, which never continues."""

    def feed(self, lines: list[str]) -> None:
        index = self._front_matter(lines)
        while index < len(lines):
            line = lines[index].rstrip()
            following = lines[index + 1] if index + 1 < len(lines) else ""
            number = index + 1
            index += 1
            if not line.strip() or line.strip().startswith(("```", "~~~", "<!--")):
                continue
            if self._states_zone(line):
                continue
            if (setext := _SETEXT.match(following)) and not _BULLET.match(line) and "|" not in line:
                self._heading(line.strip(), 1 if setext["char"][0] == "=" else 2)
                index += 1
                continue
            if (atx := _ATX.match(line)) is not None:
                self._heading(atx["text"], len(atx["level"]))
            elif (bold := _BOLD_LINE.match(line)) is not None and match_section(bold["text"]):
                self._heading(bold["text"], 7)
            elif self._label(line, number):
                continue
            elif self._is_title(line):
                self.meta["title"] = _strip_markup(line.strip())
            elif _opens_block(line, _next_text_line(lines, index), after_blank=not lines[index - 2].strip()):
                self._heading(line.strip(), 7)
            else:
                self._note(line, number)

    def board(self) -> Board:
        title = _strip_markup(self.meta.get("title", "")) or None
        date = None
        if "date" in self.meta:
            date = parse_date(self.meta["date"], today=self.today, prefer="past")
        if date is None and title:
            date = find_date(title, today=self.today)
        severity = self.meta.get("severity") or (find_severity(title) if title else None)
        kind = self.meta.get("kind", "").strip().lower() or None
        if kind not in {None, "incident", "project"}:
            kind = "project" if "project" in kind or "launch" in kind else "incident"
        return Board(
            notes=tuple(self.notes),
            title=title,
            date=date,
            timezone=self.meta.get("timezone") or self.timezone,
            kind=kind,
            severity=severity,
            sources=(self.name,),
        )

    def _front_matter(self, lines: list[str]) -> int:
        if not lines or lines[0].strip() not in {"---", "+++"}:
            return 0
        fence = lines[0].strip()
        for index in range(1, min(len(lines), 60)):
            if lines[index].strip() == fence:
                for line in lines[1:index]:
                    key, sep, value = line.partition("=" if fence == "+++" else ":")
                    if sep:
                        self._meta(key, value.strip().strip("\"'"))
                return index + 1
        return 0

    def _is_title(self, line: str) -> bool:
        """The first plain line of the file, before any note or section, names the board."""
        return (
            "title" not in self.meta
            and not self.notes
            and self.open.key is None
            and not _BULLET.match(line)
            and len(line.split()) <= 14
        )

    def _meta(self, key: str, value: str) -> bool:
        field_name = _META_KEYS.get(key.strip().lower())
        if field_name is None or not value:
            return False
        if field_name == "timezone" and zone_named(value) is None:
            return False
        self.meta.setdefault(field_name, value)
        return True

    def _heading(self, text: str, level: int) -> None:
        text = _strip_markup(text).rstrip(":").strip()
        section = match_section(text)
        if section is None and self.open.key is None and not self.notes and "title" not in self.meta:
            self.meta["title"] = text
            return
        if section == Section.METADATA:
            section = None
        parent = self.open
        if section is None and parent.key in {s.value for s in Section} and level > parent.level:
            self.open = _Open(parent.key, parent.header, parent.level, (*parent.path, text))
            return
        key = section.value if section else text
        self.open = _Open(key, text, level, (text,))

    def _label(self, line: str, number: int) -> bool:
        """'Timeline:' or 'Root cause: missing canary' opens a section; 'Date: ...' is metadata."""
        stripped = _strip_markup(line.strip())
        bare = match_section(stripped) if len(stripped.split()) <= 5 and not _BULLET.match(line) else None
        if bare is not None and not stripped.endswith((".", "?", "!")):
            self._heading(stripped, 7)
            return True
        label = _LABEL.match(stripped)
        if label is None or _BULLET.match(line):
            return False
        if self.open.key is None and self._meta(label["label"], label["rest"]):
            return True
        section = match_section(label["label"])
        if section is None or section == Section.METADATA:
            return False
        self._heading(label["label"], 7)
        if label["rest"].strip():
            self._note(label["rest"], number)
        return True

    def _note(self, line: str, number: int) -> None:
        bullet = _BULLET.match(line)
        indent = len(line) - len(line.lstrip())
        if "|" in line and line.strip().startswith("|"):
            if _TABLE_RULE.match(line):
                return
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            text = " — ".join(c for c in cells if c)
        elif bullet is not None:
            text = bullet["text"]
        elif self.continues_at is not None and indent >= self.continues_at and self.last_line == number - 1:
            last = self.notes[-1]
            self.notes[-1] = last.model_copy(update={"text": f"{last.text} {_strip_markup(line)}"})
            self.last_line = number
            return
        else:
            text = line.strip()
        self.continues_at = bullet.start("text") if bullet is not None else None
        text = _strip_markup(text)
        if not text:
            return
        self.last_line = number
        self.notes.append(
            Note(
                text=text,
                section=self.open.key,
                header=self.open.header,
                region=" / ".join(self.open.path) or None,
                source=f"{self.name}:{number}",
            )
        )

    def _states_zone(self, line: str) -> bool:
        """Note the zone a line states ('all times UTC'); True when stating it is all the line does."""
        stated = zone_statement(line)
        if stated is None:
            return False
        if self.timezone is None:
            self.timezone = stated.zone
        return stated.alone and not _ATX.match(line)


def _next_text_line(lines: list[str], start: int) -> str:
    return next((line for line in lines[start:] if line.strip()), "")


def _opens_block(line: str, following: str, *, after_blank: bool) -> bool:
    """A short plain line heads a block, even when its name is no known section ('Questions', 'Parking
    lot'), when the next line is indented deeper, or when it starts a paragraph and bullets follow it."""
    words = len(line.split())
    if _BULLET.match(line) or _LEADING_TIME.match(line) or not following or words > 6:
        return False
    if line.rstrip().endswith((".", ",", ";")):
        return False
    indent = len(line) - len(line.lstrip())
    next_indent = len(following) - len(following.lstrip())
    return next_indent > indent or (after_blank and bool(_BULLET.match(following)) and next_indent >= indent)


def _strip_markup(text: str) -> str:
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    return text.strip()
