"""Blocks → the document's outline: its title and its parts, each under the section its heading names.

A heading opens a part; what it names comes from the alias table in `sections.py` (exact, then fuzzy). Under a
known section, a sub-heading that names nothing ('### Immediate actions', '### 14:02') groups content inside
that section and stays a heading block there. Real documents also mark sections without a heading: a short
bold-only paragraph (`**What went well**`) acts as one, and a labelled field (`**Impact:** 3% of users`,
`Root cause: ...` on a line of its own) makes a small part of its own: headed when its label is bold, told
in prose when the label is plain text, as a status page copied as text reads (there a plain line that names
a section, 'Remediation Items', labels what follows it the same way, even when it ran into the list item
above it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from afterboard.extract.dates import DATE_PATTERN
from afterboard.parse.markdown import Block
from afterboard.sections import CANONICAL, Section, match_section, normalise

_CANONICAL_KEYS = frozenset(s.value for s in CANONICAL)
_TIME_HEADING = re.compile(
    rf"^\W*(?:(?:{DATE_PATTERN})\b|\d{{4}}/\d{{1,2}}/\d{{1,2}}|(?:[01]?\d|2[0-3])[:h][0-5]\d|1[0-2]\s*[ap]\.?m\b)",
    re.IGNORECASE,
)
_FIELD_LINE = re.compile(r"^(?P<label>[A-Za-z][\w ’'/&()-]{1,40}?)\s*:\s+(?P<rest>\S.*)$")
META_LABELS = frozenset(
    "date dates author authors owner owners status severity sev reviewers reviewer tags title kind type "
    "incident commander incident lead editor editors attendees participants".split()
)
"""Field labels that describe the document, never a section ('Owners: @ana' names the authors)."""
_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\ufe0f]")
_PSEUDO_LEVEL = 7
_LABEL_LEVEL = 8


@dataclass
class Part:
    """One section of the document as written: its heading and the blocks under it."""

    key: str | None
    """A `Section` value, or None for a heading no alias names (kept as an extra section)."""
    title: str
    line: int
    level: int
    blocks: list[Block] = field(default_factory=list)
    headed: bool = True
    """False for the text before the first heading."""
    labelled: bool = False
    """A labelled field ('**Impact:** ...') rather than a heading."""
    marked: bool = False
    """A labelled field whose label is set apart in bold: a reader takes it for a heading, not for prose."""


@dataclass(frozen=True)
class Outline:
    title: str | None
    parts: tuple[Part, ...]

    def of(self, key: str) -> list[Part]:
        """The parts of a section: those under its headings, else its labelled fields."""
        parts = [p for p in self.parts if p.key == key]
        headed = [p for p in parts if not p.labelled and p.blocks]
        return headed or [p for p in parts if p.labelled] or parts


def build_outline(blocks: list[Block], *, has_title: bool = False) -> Outline:
    """The outline of a document; `has_title` when its front matter already gave the title."""
    return _Builder(has_title=has_title).run(blocks)


@lru_cache(maxsize=4096)
def classify(title: str) -> tuple[Section | None, bool]:
    """The section a heading names, and whether it names it exactly (an alias) rather than fuzzily."""
    text = clean_title(title)
    if not text:
        return None, False
    key = normalise(text)
    section = match_section(text)
    if section is None:
        return None, False
    return section, key in _exact_aliases()


def is_time_heading(title: str) -> bool:
    return bool(_TIME_HEADING.match(title.strip(" _*")))


def clean_title(title: str) -> str:
    """'## **What Went Well** ✅' → 'What Went Well'."""
    text = _EMOJI.sub("", title).replace("*", "").replace("_", " ")
    return " ".join(text.split()).strip(" :?!.-–—")


@cache
def _exact_aliases() -> frozenset[str]:
    from afterboard.sections import ALIASES

    return frozenset(normalise(alias) for aliases in ALIASES.values() for alias in aliases)


class _Builder:
    def __init__(self, *, has_title: bool) -> None:
        self.parts: list[Part] = [Part(None, "", 1, 0, headed=False)]
        self.labelled: list[Part] = []
        self.pending: Part | None = None
        """A plain title line that ended its paragraph: the blocks after it are its content."""
        self.title: str | None = None
        self.has_title = has_title

    @property
    def current(self) -> Part:
        return self.parts[-1]

    def run(self, blocks: list[Block]) -> Outline:
        for block in blocks:
            heading = _as_heading(block)
            if heading is not None:
                self.pending = None
                self._heading(heading)
            else:
                self._attach(block)
                if block.kind == "paragraph":
                    self._fields(block)
                elif block.kind == "item":
                    self._closing_title(block)
                self.current.blocks.append(block)
        parts = [p for p in self.parts if p.headed or p.blocks] + self.labelled
        return Outline(self.title, tuple(sorted(parts, key=lambda p: p.line)))

    def _heading(self, block: Block) -> None:
        text = clean_title(block.text)
        if self._is_title(block, text):
            self.title = block.text.strip()
            return
        section, exact = classify(text)
        enclosing = self._enclosing(block.level)
        if enclosing is not None and _stays_inside(enclosing, section, exact, text):
            enclosing.blocks.append(block)
            return
        key = section.value if section is not None else None
        self.parts.append(Part(key, block.text.strip(), block.line, block.level))

    def _is_title(self, block: Block, text: str) -> bool:
        if (
            self.title is not None
            or len(self.parts) > 1
            or any(b.kind != "code" for b in self.parts[0].blocks)
        ):
            return False
        if block.level == 1:
            return True
        return not self.has_title and classify(text)[0] is None and not is_time_heading(text)

    def _enclosing(self, level: int) -> Part | None:
        """The open part that a heading of this level sits inside, if any."""
        part = self.current
        return part if part.headed and level > part.level else None

    def _fields(self, block: Block) -> None:
        """Labelled fields in a paragraph outside the canonical sections ('Impact: 3% of users') are noted as
        small parts of their own; the paragraph itself stays where it is."""
        if self.current.key in _CANONICAL_KEYS:
            return
        lines = block.text.split("\n")
        titles = [_title_line_section(line) for line in lines]
        for offset, line in enumerate(lines):
            if self._title_line(block, lines, titles, offset):
                continue
            match = _FIELD_LINE.match(line.strip())
            if match is None or normalise(match["label"]) in META_LABELS:
                continue
            section, exact = classify(match["label"])
            if section is None or not exact or section.value not in _CANONICAL_KEYS:
                continue
            line_no = block.line + offset
            marked = offset == 0 and normalise(block.bold_lead or "") == normalise(match["label"])
            part = Part(section.value, match["label"], line_no, _LABEL_LEVEL, labelled=True, marked=marked)
            part.blocks.append(replace(block, text=match["rest"], line=line_no, bold_lead=None))
            self.labelled.append(part)

    def _title_line(self, block: Block, lines: list[str], titles: list[Section | None], offset: int) -> bool:
        """A status page copied as text keeps its section titles as plain lines ('Remediation Items'): such a
        line, an exact name of a section, labels the lines after it, or the blocks after the paragraph."""
        section = titles[offset]
        if section is None:
            return False
        end = next((i for i in range(offset + 1, len(lines)) if titles[i] is not None), len(lines))
        part = Part(section.value, lines[offset].strip(), block.line + offset, _LABEL_LEVEL, labelled=True)
        if end > offset + 1:
            text = "\n".join(lines[offset + 1 : end])
            part.blocks.append(replace(block, text=text, line=block.line + offset + 1, bold_lead=None))
        elif offset == len(lines) - 1:
            self.pending = part
        self.labelled.append(part)
        return True

    def _closing_title(self, block: Block) -> None:
        """Text copied without blank lines runs a title line into the list item above it ('* last cause' then
        'Remediation:'): that line still labels the items after it."""
        lines = block.text.split("\n")
        if len(lines) < 2 or self.current.key in _CANONICAL_KEYS:
            return
        section = _title_line_section(lines[-1])
        if section is not None:
            self.pending = Part(
                section.value, lines[-1].strip(), block.line + len(lines) - 1, _LABEL_LEVEL, labelled=True
            )
            self.labelled.append(self.pending)

    def _attach(self, block: Block) -> None:
        if self.pending is None:
            return
        self.pending.blocks.append(block)
        if block.kind != "item":
            self.pending = None


_TITLE_LINE_WORDS = 4


def _title_line_section(line: str) -> Section | None:
    """The section a line alone names exactly, or nearly when written as a title ('Remediation Items')."""
    words = line.split()
    if (
        not words
        or len(words) > _TITLE_LINE_WORDS
        or not words[0][:1].isupper()
        or line.rstrip()[-1] in ".,;"
    ):
        return None  # not written as a title: spare the fuzzy match, which costs more than the line
    section, exact = classify(line)
    titled = all(word[:1].isupper() for word in words)
    return section if section is not None and (exact or titled) and section.value in _CANONICAL_KEYS else None


def _stays_inside(parent: Part, section: Section | None, exact: bool, text: str) -> bool:
    """Whether a sub-heading groups content inside its parent section rather than opening its own."""
    if parent.key == Section.TIMELINE.value and is_time_heading(text):
        return True
    if section is None:
        return parent.key is not None
    if section.value == parent.key:
        return True
    if parent.key in _CANONICAL_KEYS:
        # '### What went well' under 'Lessons learned' opens a section, but '### Scope' under 'What went
        # well' is a topic: inside a canonical section only an exact alias of two words or more, or the
        # section's own name ('### Timeline' under 'Technical details'), opens one.
        name = normalise(clean_title(text))
        return not (exact and (len(name.split()) >= 2 or name == section.value.replace("_", " ")))
    return False


def _as_heading(block: Block) -> Block | None:
    """A heading, or a paragraph that is one in disguise: short, all bold, not a sentence."""
    if block.kind == "heading":
        return block
    if block.kind != "paragraph" or not block.only_bold or "\n" in block.text:
        return None
    text = block.text.strip()
    if len(text.split()) > 10 or text.endswith((".", ",")) or len(text) < 2:
        return None
    return replace(block, kind="heading", level=_PSEUDO_LEVEL)
