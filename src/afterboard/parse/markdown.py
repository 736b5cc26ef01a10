"""Markdown → a flat list of blocks (headings, paragraphs, list items, table rows, code), markup removed.

markdown-it-py does the parsing (CommonMark plus tables and strikethrough), so escapes, setext headings,
nested lists and tables are read the way a renderer reads them. What it leaves to us are the habits of real
documents: HTML headings (`<h2>`), `<br>` used as a line break, bold text used as a heading, and a leading
bold label (`**Severity:** high`). Each block keeps its 1-based source line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Literal

from afterboard.parse.tables import flattened_rows

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

BlockKind = Literal["heading", "paragraph", "item", "row", "code"]

_HTML_HEADING = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)</h\1>\s*$", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SHOUTED_TAG = re.compile(r"<[A-Z][A-Z ]+[A-Z]>")


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    """Plain text; a line break the author made (a new source line, `<br>`) is kept as '\\n'."""
    line: int
    level: int = 0
    """Heading level (1-6); for list items the nesting depth (0 = top level)."""
    bold_lead: str | None = None
    """The bold text the block opens with ('Severity:' in '**Severity:** high')."""
    only_bold: bool = False
    """The whole block is bold (with at most a trailing colon): a heading in disguise."""
    struck: bool = False
    """The whole block is struck through (~~done~~)."""
    only_em: bool = False
    """The whole block is in italics: in a draft, the hint left in a section still to fill."""
    links: tuple[str, ...] = ()
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    """For table rows: the header cells of the table."""
    ordered: bool = False
    parent_text: str | None = None
    """For nested list items: the text of the item they hang under."""

    @property
    def flat(self) -> str:
        """The text on one line."""
        return " ".join(self.text.split())


def parse_blocks(text: str) -> list[Block]:
    """The blocks of a Markdown document, in order."""
    tokens = _parser().parse(text)
    return _Walker(tokens).blocks


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    parser.core.ruler.at("inline", _inline)
    return parser


_INLINE_MARKUP = re.compile(r"[\\`~*_\[!<&]")
"""The characters at which one of the parser's inline rules can act (escape, code, strikethrough, emphasis,
link, image, autolink, HTML, entity); without any, a block's inline content is its text as it stands."""


def _inline(state: StateCore) -> None:
    """markdown-it's inline step, which is a third of the parse, skipped for the blocks it could not change
    (most of a post-mortem's lines): their one child is their text, whose line breaks and spaces
    `render_inline` evens out as it does those of parsed text."""
    from markdown_it.token import Token

    for token in state.tokens:
        if token.type != "inline":
            continue
        if _INLINE_MARKUP.search(token.content) is None:
            token.children = [Token("text", "", 0, content=token.content)]
        else:
            token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)


@dataclass
class _Inline:
    text: str = ""
    bold_lead: str | None = None
    only_bold: bool = False
    struck: bool = False
    only_em: bool = False
    links: list[str] = field(default_factory=list)


_DEPTH_TOKENS = {
    "strong_open": ("bold", 1),
    "strong_close": ("bold", -1),
    "em_open": ("em", 1),
    "em_close": ("em", -1),
    "s_open": ("struck", 1),
    "s_close": ("struck", -1),
}


@dataclass
class _InlineReader:
    """Walks an inline token's children once, counting how much of the text each kind of markup covers."""

    parts: list[str] = field(default_factory=list)
    depth: dict[str, int] = field(default_factory=lambda: {"bold": 0, "em": 0, "struck": 0})
    covered: dict[str, int] = field(default_factory=lambda: {"bold": 0, "em": 0, "struck": 0})
    lead: list[str] | None = None
    lead_done: bool = False
    plain_outside_bold: bool = False
    links: list[str] = field(default_factory=list)

    def child(self, child: Token) -> None:
        kind = child.type
        if kind in _DEPTH_TOKENS:
            markup, step = _DEPTH_TOKENS[kind]
            self.depth[markup] += step
            if kind == "strong_open" and self.lead is None and not "".join(self.parts).strip():
                self.lead = []
            if kind == "strong_close" and self.depth["bold"] == 0 and self.lead is not None:
                self.lead_done = True
            return
        if kind == "link_open":
            href = child.attrs.get("href")
            if isinstance(href, str):
                self.links.append(href)
            return
        self.piece(_piece_of(child))

    def piece(self, piece: str) -> None:
        if not piece:
            return
        self.parts.append(piece)
        size = len(piece.strip())
        for markup, depth in self.depth.items():
            if depth:
                self.covered[markup] += size
        if self.depth["bold"]:
            if self.lead is not None and not self.lead_done:
                self.lead.append(piece)
        elif piece.strip(" \t\n:") != "":
            self.plain_outside_bold = True

    def result(self) -> _Inline:
        text = "".join(self.parts)
        text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()
        visible = len(text.replace("\n", "").replace(" ", ""))
        covered = self.covered
        return _Inline(
            text=text,
            bold_lead=" ".join("".join(self.lead).split()) if self.lead and self.lead_done else None,
            only_bold=bool(covered["bold"]) and not self.plain_outside_bold,
            struck=bool(covered["struck"]) and covered["struck"] >= visible,
            only_em=bool(covered["em"]) and covered["em"] >= visible,
            links=self.links,
        )


def _piece_of(child: Token) -> str:
    if child.type in {"text", "code_inline"}:
        return child.content
    if child.type in {"softbreak", "hardbreak"}:
        return "\n"
    if child.type == "html_inline":
        if _BR.fullmatch(child.content.strip()):
            return "\n"
        # '<START OF OUTAGE>' written unescaped is a marker people wrote, not a tag
        return child.content if _SHOUTED_TAG.fullmatch(child.content) else ""
    return ""


def render_inline(token: Token) -> _Inline:
    """The plain text of an inline token, with what its markup said (bold lead, links, strikethrough)."""
    reader = _InlineReader()
    for child in token.children or []:
        reader.child(child)
    return reader.result()


class _Walker:
    """Turns markdown-it's token stream into blocks, tracking list depth and table headers."""

    def __init__(self, tokens: list[Token]) -> None:
        self.blocks: list[Block] = []
        self._list_depth = -1
        self._ordered: list[bool] = []
        self._item_parent: list[str | None] = []
        self._in_item_first_para: list[bool] = []
        self._header: tuple[str, ...] = ()
        self._row: list[str] = []
        self._row_line = 0
        self._in_head = False
        self._walk(tokens)

    def _walk(self, tokens: list[Token]) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            line = token.map[0] + 1 if token.map else 0
            kind = token.type
            if kind == "heading_open":
                inline = render_inline(tokens[index + 1])
                self._add("heading", inline, line, level=int(token.tag[1]))
                index += 3
                continue
            if kind in {"bullet_list_open", "ordered_list_open"}:
                self._list_depth += 1
                self._ordered.append(kind == "ordered_list_open")
            elif kind in {"bullet_list_close", "ordered_list_close"}:
                self._list_depth -= 1
                self._ordered.pop()
            elif kind == "list_item_open":
                parent = self._last_item_text()
                self._item_parent.append(parent)
                self._in_item_first_para.append(True)
            elif kind == "list_item_close":
                self._item_parent.pop()
                self._in_item_first_para.pop()
            elif kind == "paragraph_open":
                self._paragraph(render_inline(tokens[index + 1]), line)
                index += 3
                continue
            elif kind == "code_block" and _prose(token.content):
                # paragraphs indented by habit ('      It took nearly five hours…') are text, not code
                for offset, paragraph in _paragraphs(token.content):
                    self._paragraph(_Inline(text=paragraph), line + offset)
            elif kind in {"fence", "code_block"}:
                self.blocks.append(
                    Block("code", token.content.rstrip("\n"), line, level=self._list_depth + 1)
                )
            elif kind == "html_block":
                self._html(token.content, line)
            else:
                self._table(token, tokens, index, line)
            index += 1

    def _table(self, token: Token, tokens: list[Token], index: int, line: int) -> None:
        kind = token.type
        if kind == "thead_open":
            self._in_head = True
        elif kind == "thead_close":
            self._in_head = False
        elif kind == "tr_open":
            self._row = []
            self._row_line = line
        elif kind in {"th_open", "td_open"}:
            self._row.append(render_inline(tokens[index + 1]).text.replace("\n", " "))
        elif kind == "tr_close":
            if self._in_head:
                self._header = tuple(self._row)
            else:
                cells = tuple(self._row)
                text = " — ".join(c for c in cells if c)
                self.blocks.append(Block("row", text, self._row_line, cells=cells, header=self._header))

    def _paragraph(self, inline: _Inline, line: int) -> None:
        if not inline.text and not inline.links:
            return
        if flattened := flattened_rows(inline.text):
            header, rows = flattened
            self.blocks.extend(
                Block("row", " — ".join(c for c in cells if c), line, cells=cells, header=header)
                for cells in rows
            )
            return
        if self._in_item_first_para and self._in_item_first_para[-1]:
            self._in_item_first_para[-1] = False
            self._add(
                "item",
                inline,
                line,
                level=self._list_depth,
                ordered=self._ordered[-1] if self._ordered else False,
                parent=self._item_parent[-1] if self._item_parent else None,
            )
            return
        self._add("paragraph", inline, line, level=max(self._list_depth, 0))

    def _html(self, content: str, line: int) -> None:
        heading = _HTML_HEADING.match(content)
        if heading:
            text = " ".join(_TAG.sub(" ", heading[2]).split())
            self.blocks.append(Block("heading", text, line, level=int(heading[1])))
            return
        text = _TAG.sub(" ", _BR.sub("\n", content))
        text = "\n".join(" ".join(part.split()) for part in text.split("\n")).strip()
        if text:
            self.blocks.append(Block("paragraph", text, line))

    def _add(
        self,
        kind: BlockKind,
        inline: _Inline,
        line: int,
        *,
        level: int = 0,
        ordered: bool = False,
        parent: str | None = None,
    ) -> None:
        self.blocks.append(
            Block(
                kind,
                inline.text,
                line,
                level=level,
                bold_lead=inline.bold_lead,
                only_bold=inline.only_bold,
                struck=inline.struck,
                only_em=inline.only_em,
                links=tuple(inline.links),
                ordered=ordered,
                parent_text=parent,
            )
        )

    def _last_item_text(self) -> str | None:
        if self._list_depth <= 0:
            return None
        for block in reversed(self.blocks):
            if block.kind == "item" and block.level == self._list_depth - 1:
                return block.flat
            if block.kind == "heading":
                return None
        return None


_CODE_MARKS = re.compile(r"[{}\[\]();=<>$`\\|#]|::")


def _prose(text: str) -> bool:
    """Whether an indented block reads as sentences rather than code or a log: words, few code marks."""
    words = text.split()
    if len(words) < 6:
        return False
    letters = sum(c.isalpha() or c.isspace() for c in text)
    return letters / len(text) > 0.85 and len(_CODE_MARKS.findall(text)) <= len(words) / 25


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """The paragraphs of a block, with the offset of the line each starts on."""
    found: list[tuple[int, str]] = []
    lines: list[str] = []
    start = 0
    for offset, raw in enumerate([*text.split("\n"), ""]):
        if raw.strip():
            if not lines:
                start = offset
            lines.append(raw.strip())
        elif lines:
            found.append((start, " ".join(lines)))
            lines = []
    return found
