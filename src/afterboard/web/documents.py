"""The post-mortem as the web edits it: Markdown in, a checked revision out; the preview, sanitised; the
action items as rows; the publication clock. Each function is the library's own call, composed."""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from afterboard.errors import InputError
from afterboard.postmortem import ActionItem, ActionStatus, PostMortem, Status

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from afterboard.checks.finding import Finding
    from afterboard.policy import Policy
    from afterboard.store.records import Saved, Stored
    from afterboard.web.deps import Context

MAX_MARKDOWN = 400_000
"""A post-mortem of 1-3 pages is a few kB; the editor refuses more than this in one document."""

_ALLOWED_TAGS = {
    *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "blockquote"),
    *("ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "del", "s"),
}


def editor_text(pm: PostMortem, ctx: Context) -> str:
    from afterboard.render import render

    return render(pm, "md", settings=ctx.settings)


def read_markdown(text: str, ctx: Context, *, name: str) -> tuple[PostMortem, list[Finding]]:
    """The document the editor holds, and its findings (each with the line it is about)."""
    from afterboard.checks import check_document
    from afterboard.parse import parse_document

    if len(text) > MAX_MARKDOWN:
        raise InputError(
            f"The document is over {MAX_MARKDOWN // 1000} kB; a post-mortem should fit 1-3 pages."
        )
    doc = parse_document(text.replace("\r\n", "\n"), name=name, today=ctx.today(), settings=ctx.settings)
    return doc.postmortem, check_document(doc, settings=ctx.settings, now=ctx.now())


def findings_of(pm: PostMortem, ctx: Context) -> list[Finding]:
    from afterboard.checks import check

    return check(pm, settings=ctx.settings, now=ctx.now())


def save_revision(
    ctx: Context,
    pm: PostMortem,
    *,
    id: int | None,
    message: str,
    findings: list[Finding] | None = None,
    restricted_to: list[str] | None = None,
) -> Saved:
    """Save `pm` (a new post-mortem, or the next revision of `id`) and record its check's findings;
    `restricted_to`: a new one visible only to those people, its author and admins from its first save."""
    saved = ctx.store.save(pm, id=id, actor=ctx.actor, message=message, restricted_to=restricted_to)
    if saved.changed:
        found = findings if findings is not None else findings_of(pm, ctx)
        ctx.store.record_findings(saved.id, found, revision=saved.revision)
    return saved


def preview_html(text: str) -> str:
    """Markdown → HTML for the preview, passed through nh3 so nothing a document says can run."""
    import nh3

    html = _markdown().render(text)
    return nh3.clean(html, tags=_ALLOWED_TAGS, attributes={"a": {"href"}}, link_rel="noopener noreferrer")


_RENDERED: OrderedDict[tuple[str, int, int, Status], str] = OrderedDict()
_RENDERED_LOCK = threading.Lock()
RENDERED_KEPT = 256


def document_html(stored: Stored, ctx: Context) -> str:
    """A stored revision as sanitised HTML; revisions never change, so each is rendered once per status."""
    key = (ctx.store.url, stored.id, stored.revision, stored.status)
    html = _RENDERED.get(key)
    if html is None:
        html = preview_html(editor_text(stored.postmortem, ctx))
        with _RENDERED_LOCK:
            _RENDERED[key] = html
            while len(_RENDERED) > RENDERED_KEPT:
                _RENDERED.popitem(last=False)
    return html


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # html=False: raw HTML in the document is shown as text, then nh3 cleans whatever else gets through
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


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
