"""Action items in the shapes other tools take: afterboard's own CSV/JSON, and the import formats of Jira
(CSV importer), GitHub Issues (REST "create an issue" bodies) and Linear (its CSV importer).

Which columns each tool reads, and how to import, is in docs/archive.md; the column names here follow them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from afterboard.postmortem import ActionStatus
from afterboard.store.records import Action

EXPORTS = ("csv", "json", "jira", "github", "linear")

_JIRA_STATUS = {
    ActionStatus.DONE: "Done",
    ActionStatus.IN_PROGRESS: "In Progress",
    ActionStatus.WONT_DO: "Done",
}
_LINEAR_STATUS = {
    ActionStatus.DONE: "Done",
    ActionStatus.IN_PROGRESS: "In Progress",
    ActionStatus.WONT_DO: "Canceled",
}
_LINEAR_PRIORITIES = {"urgent": "Urgent", "high": "High", "medium": "Medium", "low": "Low"}
_PRIORITY_WORDS = {"p0": "urgent", "p1": "high", "p2": "medium", "p3": "low"}
LABEL = "postmortem"


def export(actions: Sequence[Action], fmt: str) -> str:
    """`actions` as text in one of `EXPORTS`."""
    return _EXPORTERS[fmt](actions)


def _plain_rows(actions: Sequence[Action]) -> list[dict[str, Any]]:
    return [a.model_dump(mode="json") for a in actions]


def _csv(rows: list[dict[str, Any]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _afterboard_csv(actions: Sequence[Action]) -> str:
    rows = _plain_rows(actions)
    return _csv(rows, list(Action.model_fields))


def _afterboard_json(actions: Sequence[Action]) -> str:
    return json.dumps(_plain_rows(actions), indent=2, ensure_ascii=False) + "\n"


def _description(action: Action) -> str:
    lines = [f"Action item from post-mortem {action.postmortem_id}: {action.postmortem_title}."]
    if action.due is not None:
        lines.append(f"Due: {action.due.isoformat()}")
    if action.category:
        lines.append(f"Category: {action.category}")
    lines.append(f"afterboard action item {action.id}")
    return "\n".join(lines)


def _jira(actions: Sequence[Action]) -> str:
    columns = ("Summary", "Description", "Issue Type", "Assignee", "Due Date", "Priority", "Labels", "Status")
    rows = [
        {
            "Summary": a.text,
            "Description": _description(a),
            "Issue Type": "Task",
            "Assignee": a.owner or "",
            "Due Date": a.due.isoformat() if a.due else "",
            "Priority": a.priority or "",
            "Labels": LABEL,
            "Status": _JIRA_STATUS.get(a.status, "To Do"),
        }
        for a in actions
    ]
    return _csv(rows, columns)


def _github(actions: Sequence[Action]) -> str:
    issues = [
        {
            "title": a.text,
            "body": _description(a),
            "assignees": [a.owner] if a.owner else [],
            "labels": [LABEL] + ([a.category] if a.category else []),
        }
        for a in actions
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _linear(actions: Sequence[Action]) -> str:
    columns = ("Title", "Description", "Priority", "Status", "Assignee", "Labels")
    rows = [
        {
            "Title": a.text,
            "Description": _description(a),
            "Priority": _linear_priority(a.priority),
            "Status": _LINEAR_STATUS.get(a.status, "Todo"),
            "Assignee": a.owner or "",
            "Labels": LABEL,
        }
        for a in actions
    ]
    return _csv(rows, columns)


def _linear_priority(priority: str | None) -> str:
    if not priority:
        return "No priority"
    word = priority.strip().lower()
    return _LINEAR_PRIORITIES.get(_PRIORITY_WORDS.get(word, word), "No priority")


_EXPORTERS: dict[str, Callable[[Sequence[Action]], str]] = {
    "csv": _afterboard_csv,
    "json": _afterboard_json,
    "jira": _jira,
    "github": _github,
    "linear": _linear,
}
