"""Owners inside action items: '@ana', '(Ana)', '— Ana', 'owner: ana', '[ana]', 'Ana to ...'.

Only a short name-like phrase counts: words that are statuses, priorities, dates or placeholders
('done', 'P1', 'Fri', 'TBD', '???') are not owners. A placeholder means the owner is unknown (None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from afterboard.extract._text import cut, tidy

_NAME = r"[A-Za-z][\w.'’-]*(?:\s+[A-Za-z][\w.'’-]*){0,2}"
_LABELLED = re.compile(
    rf"\b(?:owners?|assignee|assigned\s+to|dri|responsible)\s*[:=\-]?\s*(?P<name>\?+|tbd\b|@?{_NAME}(?=\s*(?:$|[,;.)\]|—–-])))",
    re.IGNORECASE,
)
_HANDLES = re.compile(r"(?<![\w.])@(?P<name>[A-Za-z0-9][\w.-]*[\w])")
_TRAILING = re.compile(
    rf"(?:\s*[(\[{{]\s*(?P<bracketed>{_NAME})\s*[)\]}}]|\s+(?:[—–]|--?|:)\s*(?P<dashed>{_NAME}))\s*[.!]?\s*$"
)
# 'Sam to add canary' names Sam, but 'Upgrade to v1.2' names nobody: the word after 'to' must be one of
# the verbs that start a task, and the word before it not an imperative itself (see _NOT_NAMES).
_LEADING = re.compile(
    r"^(?P<name>[A-Z][a-z]+(?:\s+(?:and|&)\s+[A-Z][a-z]+)?)\s+to\s+(?=(?:add|write|fix|check|follow|look|"
    r"investigate|review|update|create|document|talk|ping|set|send|schedule|draft|own|lead|provide|share|"
    r"ask|contact|file|open|book|organi[sz]e|prepare|run|test|verify|confirm|call|e-?mail|sync|reach|"
    r"raise|build|implement|remove|move|migrate|monitor|audit|train|publish|announce|coordinate|clean)\b)"
)

_NOT_NAMES = frozenset(
    (
        "done todo to-do open closed wip doing blocked in progress complete completed fixed shipped merged "
        "n/a na high medium low urgent critical asap tbd tbc unknown none nobody someone anyone team all "
        "everyone p0 p1 p2 p3 p4 sev1 sev2 sev3 prevent detect mitigate process preventive mitigation "
        "detection mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday "
        "sun sunday today tomorrow eod eow eom eoq eoy next week month quarter sprint year later soon "
        "ongoing optional new plan need needs want try time way ways step steps we it this that there they "
        "you i remember decide start stop continue make ensure agree going have keep move switch upgrade "
        "migrate add go"
    ).split()
)


@dataclass(frozen=True)
class Owner:
    name: str | None
    """None when the note says the owner is unknown ('owner: ???', 'TBD')."""
    text: str
    rest: str
    """The note without the owner."""


def find_owner(text: str) -> Owner | None:
    """The owner an action item names, or None when it names none."""
    labelled = _LABELLED.search(text)
    if labelled:
        name = labelled["name"].lstrip("@")
        known = None if _is_placeholder(name) else name
        return Owner(known, labelled.group(0).strip(), cut(text, labelled.start(), labelled.end()))
    handles = list(_HANDLES.finditer(text))
    if handles:
        names = ", ".join(m["name"] for m in handles)
        rest = text
        for match in reversed(handles):
            rest = cut(rest, match.start(), match.end())
        return Owner(names, ", ".join(m.group(0) for m in handles), tidy(rest))
    trailing = _TRAILING.search(text)
    if trailing:
        name = (trailing["bracketed"] or trailing["dashed"]).strip()
        if _looks_like_name(name) and trailing.start() > 0:
            return Owner(name, trailing.group(0).strip(), cut(text, trailing.start(), trailing.end()))
    leading = _LEADING.match(text)
    if leading and _looks_like_name(leading["name"]):
        rest = text[leading.end() :]
        return Owner(leading["name"], leading.group(0).strip(), rest[:1].upper() + rest[1:])
    return None


def _looks_like_name(name: str) -> bool:
    """One word (a name or handle), capitalised words ('Ana Lopez'), or a team ('db team'); a lowercase
    phrase such as '(see issue)' is an aside, not an owner."""
    words = [w.lower().strip(".'’") for w in name.split()]
    if not words or len(words) > 3:
        return False
    is_team = words[-1] in {"team", "squad", "group", "oncall", "on-call"}
    if len(words) > 1 and not is_team and not all(w[:1].isupper() for w in name.split()):
        return False
    return not any(w in _NOT_NAMES or any(c.isdigit() for c in w) for w in words if w not in {"team", "and"})


def _is_placeholder(name: str) -> bool:
    return name.strip("?") == "" or name.lower() in {"tbd", "tbc", "unknown", "none", "nobody", "n/a"}
