"""An action item's parts: its text, owner, deadline, priority, status and tracker link."""

from __future__ import annotations

import datetime as dt
import re

from afterboard.extract._text import cut, tidy
from afterboard.extract.dates import DateOrder
from afterboard.extract.deadlines import find_deadline
from afterboard.extract.owners import find_owner
from afterboard.postmortem import ActionItem, ActionStatus

_LINK = re.compile(
    r"\[(?P<label>[^\]]*)\]\((?P<mdurl>https?://[^)\s]+)\)|(?P<url>https?://[^\s)>\]]+)"
    r"|(?P<key>\b[A-Z][A-Z0-9]{1,9}-\d+\b)|(?P<gh>(?<![\w/])(?:[\w.-]+/[\w.-]+)?#\d+\b)"
)
_STATUS = (
    (
        re.compile(
            r"^\s*\[[xX✓✔]\]\s*|[✅✔☑]\ufe0f?|\(\s*done\s*\)|^\s*done\s*[:\-–—]\s*|\s*[-–—]\s*done\s*$"
            r"|\bDONE\b|\bCOMPLETED?\b|^~~(?=.*~~$)|~~$",
            re.IGNORECASE,
        ),
        ActionStatus.DONE,
    ),
    (re.compile(r"\(\s*(?:wip|in progress|ongoing)\s*\)|\b(?:WIP|IN PROGRESS)\b"), ActionStatus.IN_PROGRESS),
    (re.compile(r"\(\s*(?:won'?t do|wontfix|dropped|cancell?ed)\s*\)|\bWON'?T DO\b"), ActionStatus.WONT_DO),
    (re.compile(r"^\s*\[\s\]\s*|\(\s*(?:todo|to do|open)\s*\)|\bTODO\b|⬜|🔲"), ActionStatus.OPEN),
)
_PRIORITY = re.compile(
    r"[(\[]\s*(?P<p1>p[0-4]|high|medium|low|urgent)\s*[)\]]|\b(?P<p2>P[0-4])\b"
    r"|\bprio(?:rity)?\s*[:=]?\s*(?P<p3>p?[0-4]|high|medium|low|urgent)\b",
    re.IGNORECASE,
)
_CATEGORY = re.compile(
    r"[(\[]\s*(?P<c1>prevent(?:ive|ion)?|detect(?:ion)?|mitigat(?:e|ion)|process)\s*[)\]]"
    r"|\btype\s*[:=]\s*(?P<c2>prevent|detect|mitigate|process)\b",
    re.IGNORECASE,
)


def parse_action(text: str, *, today: dt.date, order: DateOrder = "MDY", sprint_days: int = 14) -> ActionItem:
    """Split an action item as written into its parts; what it does not state stays None. The caller
    adds provenance (`source`, `confidence`) with `model_copy`."""
    rest = text.strip()
    status = ActionStatus.OPEN
    for pattern, value in _STATUS:
        if pattern.search(rest):
            status = value
            rest = tidy(pattern.sub(" ", rest))
            break
    link = None
    if found := _LINK.search(rest):
        link = found["mdurl"] or found["url"] or found["key"] or found["gh"]
        replacement = found["label"] if found["mdurl"] and found["label"] else ""
        rest = tidy(rest[: found.start()] + replacement + rest[found.end() :])
    priority = None
    if found := _PRIORITY.search(rest):
        priority = (found["p1"] or found["p2"] or found["p3"]).upper()
        priority = priority.capitalize() if not priority[-1].isdigit() else priority
        priority = f"P{priority}" if priority.isdigit() else priority
        rest = cut(rest, found.start(), found.end())
    category = None
    if found := _CATEGORY.search(rest):
        category = _category_name(found["c1"] or found["c2"])
        rest = cut(rest, found.start(), found.end())
    deadline = owner = None
    # Owner and deadline may come in either order ('(Omar) Jan 15', 'by Fri — @ana'): each found part is
    # cut out, which can leave the other at the end of the text, so look twice.
    for _ in range(2):
        if deadline is None and (
            deadline := find_deadline(rest, today=today, order=order, sprint_days=sprint_days)
        ):
            rest = deadline.rest
        if owner is None and (owner := find_owner(rest)):
            rest = owner.rest
    rest = tidy(rest)
    return ActionItem(
        text=rest[:1].upper() + rest[1:] if rest else text.strip(),
        owner=owner.name if owner else None,
        due=deadline.due if deadline else None,
        due_text=deadline.text if deadline else None,
        priority=priority,
        status=status,
        link=link,
        category=category,
    )


def _category_name(word: str) -> str:
    word = word.lower()
    for name in ("prevent", "detect", "mitigate", "process"):
        if word.startswith(name[:6]):
            return name
    return word
