"""Action-item sections → action items with owner, deadline, status, priority and tracker link.

Items come as tables (columns named Action / Owner / Due / Status / Type / Bug...), task lists (`- [ ]`),
bullets with `@owner`, `(owner)`, `owner: x`, `by Fri`, status marks (✅, DONE, ~~struck~~) and links, or
prose paragraphs when a section has no list. A sub-heading groups items and may say something of all of
them: 'Immediate actions (completed)' (done), 'Prevention' (their category), 'Long-term (Q4 2025 - Q1 2026)'
(a window that serves as their deadline).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from afterboard.extract.action import parse_action
from afterboard.extract.dates import DateOrder
from afterboard.extract.deadlines import resolve
from afterboard.parse.markdown import Block
from afterboard.parse.outline import Part
from afterboard.parse.pieces import doubt, is_placeholder
from afterboard.postmortem import ActionItem, ActionStatus

_COLUMNS = {
    "text": re.compile(
        r"\b(?:action|item|task|description|title|what|follow[- ]?up|remediation|todo)\b", re.I
    ),
    "owner": re.compile(r"\b(?:owners?|assignees?|who|dri|responsible|assigned)\b", re.I),
    "due": re.compile(r"\b(?:due|deadline|date|when|target|eta|by)\b", re.I),
    "status": re.compile(r"\b(?:status|state|done|progress)\b", re.I),
    "priority": re.compile(r"\b(?:priority|prio|pri|severity)\b", re.I),
    "category": re.compile(r"\b(?:type|category|kind)\b", re.I),
    "link": re.compile(r"\b(?:bug|issue|ticket|link|tracking|jira|pr|notes?)\b", re.I),
}
_UNSET = re.compile(r"^(?:(?:owner|due)\s*:\s*)?(?:not set|tbd|tbc|\?+|-+|n/?a|none|unknown|—)?$", re.I)
_STATUS_WORDS = (
    (
        re.compile(r"\b(?:done|complete[d]?|closed|fixed|shipped|merged|resolved)\b|[✅✔☑]", re.I),
        ActionStatus.DONE,
    ),
    (re.compile(r"\b(?:in progress|wip|ongoing|started|doing)\b", re.I), ActionStatus.IN_PROGRESS),
    (re.compile(r"\b(?:wont do|won't do|wontfix|dropped|cancell?ed)\b", re.I), ActionStatus.WONT_DO),
    (re.compile(r"\b(?:open|todo|to do|planned|not started)\b", re.I), ActionStatus.OPEN),
)
_CATEGORIES = ("prevent", "detect", "mitigate", "process")
_DRAFT_DUE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})(?:\s*\((?P<text>.*)\))?$")
_DRAFT_SUFFIX = re.compile(
    r"(?:\s+\((?P<priority>P[0-4]|High|Medium|Low|Urgent)\))?(?:\s+\[(?P<link>[^\]\s]+)\])?$"
)
_WINDOW = re.compile(
    r"\b(?:q[1-4]\s*['’]?\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4})", re.I
)
_OWNER_LABEL = re.compile(r"\b(?:owners?|assignee|assigned to|dri|responsible)\b", re.IGNORECASE)
_LABELLED_ITEM = re.compile(r"^(?:action items?|action points?|todo|follow[- ]?up)\s*:\s*", re.I)


@dataclass(frozen=True)
class Context:
    today: dt.date
    order: DateOrder = "MDY"
    sprint_days: int = 14
    name: str = "<text>"


@dataclass(frozen=True)
class _Group:
    status: ActionStatus | None = None
    category: str | None = None
    due: dt.date | None = None
    due_text: str | None = None


def read_actions(parts: list[Part], ctx: Context) -> list[ActionItem]:
    items: list[ActionItem] = []
    for part in parts:
        if not is_placeholder(part):
            items.extend(_part_items(part, ctx))
    return items


def read_labelled_actions(blocks: list[Block], ctx: Context) -> list[ActionItem]:
    """'Action point: ...' paragraphs written anywhere, for a document with no action-item section."""
    items = []
    for block in blocks:
        labelled = _LABELLED_ITEM.match(block.flat) if block.kind in {"paragraph", "item"} else None
        if labelled and block.flat[labelled.end() :].strip():
            items.append(_from_text(block.flat[labelled.end() :], block, _Group(), ctx))
    return items


def _part_items(part: Part, ctx: Context) -> list[ActionItem]:
    listed = any(b.kind in {"item", "row"} for b in part.blocks)
    group = _Group()
    items: list[ActionItem] = []
    title_item: Block | None = None
    in_step = False
    """Inside a numbered step with a bold title ('1. **Migrate the table**'): bullets below it are its
    details, not items of their own."""
    for block in part.blocks:
        if block.kind == "heading":
            group, in_step = _group_of(block.flat, ctx), False
            continue
        if block.kind == "row":
            items.append(_from_row(block, group, ctx))
        elif block.kind == "item":
            if block.level == 0 and block.ordered:
                in_step = block.bold_lead is not None
            elif block.level == 0 and in_step:
                continue
            if block.level == 0:
                titled_step = block.ordered and block.bold_lead is not None
                title_item = block if _is_group_title(block) and not titled_step else None
                if title_item is None:
                    items.append(_from_text(block.flat, block, group, ctx))
            elif title_item is not None and block.level == 1:
                items.append(_from_text(block.flat, block, group, ctx))
        elif block.kind == "paragraph" and block.flat:
            text = block.flat
            labelled = _LABELLED_ITEM.match(text)
            if labelled or (not listed and not text.endswith(":") and not block.only_bold):
                items.append(_from_text(text[labelled.end() :] if labelled else text, block, group, ctx))
    return items


def _plausible_owner(owner: str, text: str) -> bool:
    """A handle, a labelled owner or a capitalised name; not a lowercase aside such as '(see issue)'."""
    first = owner.split(",", maxsplit=1)[0].strip()
    if len(first) < 2:
        return False
    if f"@{first}" in text or _OWNER_LABEL.search(text):
        return True
    return all(word[:1].isupper() for word in first.split() if word.lower() not in {"and", "team"})


def _is_group_title(block: Block) -> bool:
    """A top-level item that only names the group of sub-items below it ('**Process**', 'Short term:')."""
    text = block.flat
    return (block.only_bold and len(text.split()) <= 8) or text.endswith(":")


def _group_of(heading: str, ctx: Context) -> _Group:
    lowered = heading.lower()
    status = ActionStatus.DONE if re.search(r"\b(?:completed?|done|finished)\b", lowered) else None
    category = next((c for c in _CATEGORIES if c[:6] in lowered), None)
    windows = _WINDOW.findall(heading)
    due = resolve(windows[-1], today=ctx.today, order=ctx.order) if windows else None
    due_text = windows[-1] if due else None
    return _Group(status, category, due, due_text)


def _from_text(text: str, block: Block, group: _Group, ctx: Context) -> ActionItem:
    text, confidence = doubt(text)
    parsed = parse_action(text, today=ctx.today, order=ctx.order, sprint_days=ctx.sprint_days)
    if parsed.owner and not _plausible_owner(parsed.owner, text):
        parsed = parsed.model_copy(update={"owner": None})
    status = ActionStatus.DONE if block.struck else parsed.status
    link = parsed.link or _first(block.links)
    return _item(parsed, block, group, ctx, status=status, link=link, confidence=confidence)


def _from_row(block: Block, group: _Group, ctx: Context) -> ActionItem:
    columns = _columns(block.header, len(block.cells))
    cell = {role: block.cells[i] for role, i in columns.items()}
    text = cell.get("text", "")
    suffix = _DRAFT_SUFFIX.search(text)
    priority = suffix["priority"] if suffix and suffix["priority"] else None
    link = suffix["link"] if suffix and suffix["link"] else None
    text = text[: suffix.start()] if suffix and (priority or link) else text
    text, confidence = doubt(text)
    if "owner" in columns or "due" in columns:
        parsed = ActionItem(text=text.strip())
    else:
        parsed = parse_action(text, today=ctx.today, order=ctx.order, sprint_days=ctx.sprint_days)
    owner = _owner(cell["owner"]) if "owner" in cell else parsed.owner
    due, due_text = _due(cell["due"], ctx) if "due" in cell else (parsed.due, parsed.due_text)
    besides_text = " ".join(c for i, c in enumerate(block.cells) if i != columns["text"])
    status = _status(cell.get("status") or besides_text) or parsed.status
    category = _category(cell.get("category", "")) or parsed.category
    link = link or parsed.link or _link(cell.get("link", "")) or _first(block.links)
    parsed = parsed.model_copy(
        update={
            "owner": owner,
            "due": due,
            "due_text": due_text,
            "priority": priority or parsed.priority or (cell.get("priority") or None),
            "status": status,
            "link": link,
            "category": category,
        }
    )
    return _item(parsed, block, group, ctx, status=status, link=link, confidence=confidence)


def _item(
    parsed: ActionItem,
    block: Block,
    group: _Group,
    ctx: Context,
    *,
    status: ActionStatus,
    link: str | None,
    confidence: float = 1.0,
) -> ActionItem:
    if status is ActionStatus.OPEN and group.status is not None:
        status = group.status
    due, due_text = parsed.due, parsed.due_text
    if due is None and due_text is None and group.due is not None:
        due, due_text = group.due, group.due_text
    return parsed.model_copy(
        update={
            "due": due,
            "due_text": due_text,
            "status": status,
            "link": link,
            "category": parsed.category or group.category,
            "source": f"{ctx.name}:{block.line}",
            "confidence": confidence,
        }
    )


def _columns(header: tuple[str, ...], width: int) -> dict[str, int]:
    """Which column holds what, by the header's words; the action text defaults to the widest guess."""
    found: dict[str, int] = {}
    for index, name in enumerate(header[:width]):
        for role, pattern in _COLUMNS.items():
            if role not in found and pattern.search(name):
                found[role] = index
                break
    if "text" not in found:
        # a header may be shorter than its rows (a table opening with its separator line has none)
        named = [name.strip() for name in header[:width]] + [""] * max(0, width - len(header))
        free = [i for i in range(width) if i not in found.values() and named[i] not in {"#", ""}]
        found["text"] = free[0] if free else 0
    return found


def _owner(cell: str) -> str | None:
    value = cell.strip()
    if _UNSET.match(value):
        return None
    return ", ".join(name.strip().lstrip("@") for name in re.split(r",|\s/\s", value) if name.strip())


def _due(cell: str, ctx: Context) -> tuple[dt.date | None, str | None]:
    value = cell.strip()
    if _UNSET.match(value):
        return None, None
    draft = _DRAFT_DUE.match(value)
    if draft:
        return dt.date.fromisoformat(draft["date"]), draft["text"] or None
    return resolve(value, today=ctx.today, order=ctx.order, sprint_days=ctx.sprint_days), value


def _status(text: str) -> ActionStatus | None:
    for pattern, status in _STATUS_WORDS:
        if pattern.search(text):
            return status
    return None


def _category(cell: str) -> str | None:
    lowered = cell.strip().lower()
    return next((c for c in _CATEGORIES if lowered.startswith(c[:6])), None)


def _link(cell: str) -> str | None:
    value = _STATUS_WORDS[0][0].sub("", _STATUS_WORDS[3][0].sub("", cell)).strip()
    return None if _UNSET.match(value) else value


def _first(links: tuple[str, ...]) -> str | None:
    return links[0] if links else None
