"""The post-mortem as the web edits it: Markdown in, a checked revision out; the preview, sanitised; the
action items as rows; the publication clock. Each function is the library's own call, composed."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Generic, TypeVar

from afterboard.errors import InputError
from afterboard.postmortem import ActionItem, ActionStatus, PostMortem, Status

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

    from afterboard.checks.finding import Finding
    from afterboard.policy import Policy
    from afterboard.store.records import Hit, Saved, Stored
    from afterboard.web.deps import Context

K = TypeVar("K")
V = TypeVar("V")
MAX_MARKDOWN = 400_000
"""A post-mortem of 1-3 pages is a few kB; the editor refuses more than this in one document."""

_ALLOWED_TAGS = {
    *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "blockquote"),
    *("ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "del", "s", "span"),
}


class _Kept(Generic[K, V]):
    """The last `size` results of a computation, by key (the least recently used goes first); shared by
    the request threads. What a page shows of a revision is computed once, not on every request."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, make: Callable[[], V], *, keep: bool = True) -> V:
        if not keep:
            return make()
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


KEPT = 256
"""Revisions (their Markdown, their HTML) and edited texts kept per web process: a few MB."""
KEPT_TEXT = 64_000
"""An edited text is kept only up to this size (a long post-mortem is 20 kB): a stream of large documents
must not fill the memory."""
_TEXTS: _Kept[tuple[int, str, int, int, Status], str] = _Kept(KEPT)
_RENDERED: _Kept[tuple[str, int, int, Status], str] = _Kept(KEPT)
_READ: _Kept[tuple[int, str, str, dt.date, dt.datetime], tuple[PostMortem, tuple[Finding, ...]]] = _Kept(KEPT)
_PREVIEWS: _Kept[str, str] = _Kept(KEPT)
_SIMILAR: _Kept[tuple[str, str | None, bool, int, int, int, int], list[Hit]] = _Kept(KEPT)


def editor_text(pm: PostMortem, ctx: Context) -> str:
    from afterboard.render import render

    return render(pm, "md", settings=ctx.settings)


def stored_text(stored: Stored, ctx: Context) -> str:
    """A stored revision as the editor shows it (rendered once: revisions never change)."""
    key = (id(ctx.settings), ctx.store.url, stored.id, stored.revision, stored.status)
    return _TEXTS.get(key, lambda: editor_text(stored.postmortem, ctx))


def read_markdown(text: str, ctx: Context, *, name: str) -> tuple[PostMortem, list[Finding]]:
    """The document the editor holds, and its findings (each with the line it is about). The same text
    is read once a minute at most: the editor's preview, its autosave and the page after it send it
    again and again."""
    from afterboard.checks import check_document
    from afterboard.parse import parse_document

    if len(text) > MAX_MARKDOWN:
        raise InputError(
            f"The document is over {MAX_MARKDOWN // 1000} kB; a post-mortem should fit 1-3 pages."
        )
    minute = ctx.now().replace(second=0, microsecond=0)

    def read() -> tuple[PostMortem, tuple[Finding, ...]]:
        doc = parse_document(text.replace("\r\n", "\n"), name=name, today=ctx.today(), settings=ctx.settings)
        return doc.postmortem, tuple(check_document(doc, settings=ctx.settings, now=ctx.now()))

    key = (id(ctx.settings), name, text, ctx.today(), minute)
    pm, findings = _READ.get(key, read, keep=len(text) <= KEPT_TEXT)
    return pm, list(findings)


def findings_of(pm: PostMortem, ctx: Context) -> list[Finding]:
    """The findings the archive keeps for a revision: those of the document as the editor shows it, so
    each carries the line of the editor's text it is about (the post-mortem's page and its editor show
    them; `record_findings` keeps them)."""
    return read_markdown(editor_text(pm, ctx), ctx, name="postmortem.md")[1]


def save_revision(
    ctx: Context,
    pm: PostMortem,
    *,
    id: int | None,
    message: str,
    restricted_to: list[str] | None = None,
) -> Saved:
    """Save `pm` (a new post-mortem, or the next revision of `id`) and record its check's findings, once
    for the revision; `restricted_to`: a new one visible only to those people, its author and admins from
    its first save."""
    saved = ctx.store.save(pm, id=id, actor=ctx.actor, message=message, restricted_to=restricted_to)
    if saved.changed:
        ctx.store.record_findings(saved.id, findings_of(pm, ctx), revision=saved.revision)
    return saved


def kept_findings(stored: Stored, ctx: Context) -> list[Finding]:
    """The findings of a stored revision: those recorded when it was saved, else (an older revision, or a
    revision saved by the command line) computed now."""
    check = ctx.store.last_check(stored.id)
    if check is not None and check.revision == stored.revision:
        return list(check.findings)
    return findings_of(stored.postmortem, ctx)


def similar_to(stored: Stored, ctx: Context, *, limit: int) -> list[Hit]:
    """Past post-mortems like this revision, as its viewer may see them. Kept until the archive has a new
    revision; a kept list is checked against what the viewer may see now before it is shown."""
    viewer, newest = ctx.store.viewer, ctx.store.newest_revision()
    key = (ctx.store.url, viewer.name, viewer.is_admin, stored.id, stored.revision, limit, newest)
    hits = _SIMILAR.get(key, lambda: ctx.store.similar(stored.postmortem, limit=limit, exclude=stored.id))
    visible = ctx.store.visible_ids([hit.id for hit in hits]) if hits else set()
    return [hit for hit in hits if hit.id in visible]


def preview_html(text: str) -> str:
    """Markdown → HTML for the preview, passed through nh3 so nothing a document says can run; the same
    text is rendered once."""
    import nh3

    def render() -> str:
        return nh3.clean(
            _markdown().render(text),
            tags=_ALLOWED_TAGS,
            attributes={"a": {"href"}},
            allowed_classes={"span": {"nowrap"}, "table": {"keys"}},
            link_rel="noopener noreferrer",
        )

    return _PREVIEWS.get(text, render, keep=len(text) <= KEPT_TEXT)


def document_html(stored: Stored, ctx: Context) -> str:
    """A stored revision as sanitised HTML; revisions never change, so each is rendered once per status."""
    key = (ctx.store.url, stored.id, stored.revision, stored.status)
    return _RENDERED.get(key, lambda: preview_html(stored_text(stored, ctx)))


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # html=False: raw HTML in the document is shown as text, then nh3 cleans whatever else gets through
    parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    parser.core.ruler.push("narrow_screens", _for_narrow_screens)
    return parser


_DATE_OR_TIME = re.compile(r"\d{4}-\d{2}-\d{2}|\b\d{1,2}:\d{2}(?::\d{2})?\b")
NOWRAP = '<span class="nowrap">'
"""What a date or a time in a table cell is wrapped in: a browser would break '2026-11-21' at its hyphens
in a narrow column (the stylesheet keeps the span's text on one line)."""


def _for_narrow_screens(state: StateCore) -> None:
    """markdown-it core rule, after inline parsing: each date and time in a table cell wrapped in NOWRAP,
    and a table whose header cells are all empty (the title block: labels and values) marked `keys`, which
    the stylesheet stacks label above value on a phone."""
    tokens = state.tokens
    in_cell = False
    for index, token in enumerate(tokens):
        if token.type == "table_open" and _header_is_empty(tokens, index):
            token.attrSet("class", "keys")
        elif token.type in {"td_open", "th_open"}:
            in_cell = True
        elif token.type in {"td_close", "th_close"}:
            in_cell = False
        elif in_cell and token.type == "inline" and token.children:
            token.children = [piece for child in token.children for piece in _dates_kept_whole(child)]


def _header_is_empty(tokens: list[Token], table: int) -> bool:
    header = []
    for token in tokens[table + 1 :]:
        if token.type == "thead_close":
            break
        if token.type == "inline":
            header.append(token.content.strip())
    return bool(header) and not any(header)


def _dates_kept_whole(child: Token) -> list[Token]:
    from markdown_it.token import Token

    if child.type != "text" or not _DATE_OR_TIME.search(child.content):
        return [child]
    pieces, at = [], 0
    for found in _DATE_OR_TIME.finditer(child.content):
        pieces += [
            Token("text", "", 0, content=child.content[at : found.start()]),
            Token("html_inline", "", 0, content=NOWRAP),
            Token("text", "", 0, content=found.group()),
            Token("html_inline", "", 0, content="</span>"),
        ]
        at = found.end()
    return [*pieces, Token("text", "", 0, content=child.content[at:])]


@dataclass(frozen=True)
class ActionRow:
    text: str
    owner: str
    due: str
    status: str


def with_action_rows(pm: PostMortem, rows: list[ActionRow]) -> PostMortem:
    """`pm` with its action items as the rows of the form say (blank rows dropped); the rest unchanged."""
    items: list[ActionItem] = []
    old = {i.text.strip().lower(): i for i in pm.action_items}
    for number, row in enumerate(rows, 1):
        if not row.text.strip():
            continue
        due = _date(row.due, number)
        try:
            status = ActionStatus(row.status or "open")
        except ValueError:
            raise InputError(f"Action item {number}: '{row.status}' is not a status.") from None
        base = old.get(row.text.strip().lower(), ActionItem(text=row.text.strip()))
        items.append(
            base.model_copy(
                update={
                    "text": row.text.strip(),
                    "owner": row.owner.strip().lstrip("@") or None,
                    "due": due,
                    "due_text": base.due_text if due == base.due else None,
                    "status": status,
                    "confidence": 1.0,
                }
            )
        )
    return pm.model_copy(update={"action_items": tuple(items)})


def _date(value: str, number: int) -> dt.date | None:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(
            f"Action item {number}: '{value}' is not a date; pick one or write YYYY-MM-DD."
        ) from None


@dataclass(frozen=True)
class PublicationClock:
    """Where a post-mortem stands against its publication window (48 h target, 72 h deadline)."""

    state: str
    """none (no resolution time, or a project), published, on_time, late, overdue (unpublished, past)."""
    text: str
    target: dt.datetime | None = None
    deadline: dt.datetime | None = None


def publication_clock(stored: Stored, policy: Policy, now: dt.datetime) -> PublicationClock:
    from afterboard.extract.durations import format_duration
    from afterboard.web.pages import when

    pm = stored.postmortem
    if pm.resolved_at is None:
        return PublicationClock("none", "No publication clock: the document gives no resolution time.")
    target, deadline = policy.publication_window(pm.resolved_at)
    if stored.status is Status.PUBLISHED and stored.published_at is not None:
        took = format_duration(stored.published_at - pm.resolved_at)
        if stored.published_at <= deadline:
            return PublicationClock(
                "published", f"Published {took} after resolution, on time.", target, deadline
            )
        return PublicationClock(
            "late", f"Published {took} after resolution, after the deadline.", target, deadline
        )
    if now > deadline:
        late = format_duration(now - deadline)
        return PublicationClock("overdue", f"Not published: {late} past the deadline.", target, deadline)
    left = format_duration(deadline - now)
    state = "on_time" if now <= target else "late"
    return PublicationClock(state, f"Publish within {left} (target {when(target)}).", target, deadline)
