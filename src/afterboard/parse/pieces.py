"""The content of a part, piece by piece: one per paragraph, list item or table row, with its line and the
sub-heading it sits under (an action-item group such as 'Immediate actions (completed)', a timeline day)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from afterboard.parse.markdown import Block
from afterboard.parse.outline import Part

_SENTENCE_END = re.compile(r"[.!?:)\]]$")
_DOUBT = re.compile(r"\s*\(\?\)$")
DOUBTFUL = 0.5
"""The confidence given to a line a draft marked '(?)' (read with low confidence) when its 'To confirm'
list does not say how sure the reader was."""


def doubt(text: str) -> tuple[str, float]:
    """'rollback done (?)' → ('rollback done', DOUBTFUL); a line without the mark is sure (1.0)."""
    if _DOUBT.search(text):
        return _DOUBT.sub("", text), DOUBTFUL
    return text, 1.0


@dataclass(frozen=True)
class Piece:
    text: str
    """One line of text."""
    line: int
    block: Block
    group: str | None = None
    """The sub-heading the piece sits under inside its section, if any."""


def pieces(parts: Iterable[Part], *, sentences: bool = False, every_line: bool = False) -> list[Piece]:
    """Every paragraph, list item and table row of the parts, in order; code blocks and a draft's hints
    (a section holding only an italic line) are left out. With `sentences`, a paragraph whose lines each end
    a sentence gives one piece per line; with `every_line`, every line is a piece (afterboard's drafts
    write their summary one item a line)."""
    found: list[Piece] = []
    for part in parts:
        if is_placeholder(part):
            continue
        group: str | None = None
        for block in part.blocks:
            if block.kind == "heading":
                group = block.flat
                continue
            if block.kind == "code":
                continue
            if block.kind == "paragraph" and (sentences or every_line):
                lines = _lines(block.text, joined=not every_line)
                found.extend(Piece(t, block.line + i, block, group) for i, t in lines)
            elif block.flat:
                found.append(Piece(block.flat, block.line, block, group))
    return found


def is_placeholder(part: Part) -> bool:
    """A section that holds nothing but an italic hint ('_Add the responses or systems that worked._')."""
    content = [b for b in part.blocks if b.kind != "heading"]
    return bool(content) and all(b.kind == "paragraph" and b.only_em for b in content)


def _lines(text: str, *, joined: bool) -> list[tuple[int, str]]:
    """A paragraph's lines with their offsets; `joined`: where a line breaks mid-sentence (wrapped prose),
    with the line before."""
    out: list[tuple[int, str]] = []
    for offset, raw in enumerate(text.split("\n")):
        line = " ".join(raw.split())
        if not line:
            continue
        if joined and out and not _SENTENCE_END.search(out[-1][1]):
            out[-1] = (out[-1][0], f"{out[-1][1]} {line}")
        else:
            out.append((offset, line))
    return out


@lru_cache(maxsize=4096)
def sentences(text: str) -> list[str]:
    """A text's sentences, with typographic apostrophes (U+2019) read as straight ones, so that every cue is
    written once; each section's test reads the same ones."""
    return _SENTENCE.split(text.replace("’", "'"))


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")
