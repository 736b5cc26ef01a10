"""The people a post-mortem names, and the role each one is called by in the public version.

Known names are those the document itself gives (authors, reviewers, owners of action items, @handles,
names written in notes such as 'on-call (Ana) paged' or 'IC: Bob') plus the names a team lists in the
`people` setting. A person's role comes from the words around their name: 'on-call' or 'paged' makes them
the on-call engineer, 'IC' or 'incident commander' the incident commander; anyone else is 'an engineer'
('a team member' in a project post-mortem).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

ON_CALL = "the on-call engineer"
COMMANDER = "the incident commander"
COMMS = "the communications lead"
ENGINEER = "an engineer"
TEAM_MEMBER = "a team member"
"""The default role in a project post-mortem, where people are not all engineers."""

_ROLE_WORDS = (
    (COMMANDER, re.compile(r"\b(?:IC|incident (?:commander|lead|manager))\b")),
    (COMMS, re.compile(r"\b(?:comms|communications?) (?:lead|owner)\b", re.IGNORECASE)),
    (ON_CALL, re.compile(r"\b(?:on[- ]?call|paged|pager)\b", re.IGNORECASE)),
)
_NAME = r"[A-Z][a-zà-ÿ]+(?:[-'][A-Z][a-zà-ÿ]+)?(?: [A-Z][a-zà-ÿ]+)?"
_WRITTEN = (
    re.compile(rf"\((?P<name>{_NAME})\)"),
    re.compile(
        r"\b(?:IC|(?i:incident commander|incident lead|on-?call|comms lead|scribe|reviewer|author))s?"
        rf"\s*[:=]\s*@?(?P<name>{_NAME})"
    ),
    re.compile(rf"\b(?i:paged|pinged|called|escalated to|handed over to|cc)\s+@?(?P<name>{_NAME})\b"),
    re.compile(
        rf"(?:^|[.;]\s+)(?P<name>{_NAME})\s+(?:paged|declared|rolled|restarted|noticed|escalated|joined|took|"
        r"opened|posted|confirmed|reverted|merged|ran|asked|failed|identified|found|called|acked|acknowledged)\b"
    ),
)
_HANDLE = re.compile(r"(?<![\w.@])@(?P<name>[A-Za-z0-9][\w.-]*\w)")
_NOT_NAMES = frozenset(
    "The A An We They It This That Support Customers Customer Users Deploy Rollback Alert Alerts Incident "
    "Pager Monitoring Team Everyone Nobody Someone Engineering On-call Oncall SRE Ops DevOps Security "
    "Status Sales Product Infra Platform Database Legal Management Leadership Finance Marketing Mobile "
    "Web Api API Backend Frontend Staging Production Prod Canary Release Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday January February March April May June July August September "
    "October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec UTC CET PST EST Owner "
    "Owners TBD Unknown None Both All Nobody".split()
)


@dataclass(frozen=True)
class Person:
    names: tuple[str, ...]
    """Every form the document writes them in, longest first ('Ana Lima', 'Ana', 'ana')."""
    role: str


def find_people(
    texts: Iterable[str],
    *,
    declared: Iterable[str] = (),
    configured: Iterable[str] = (),
    default: str = ENGINEER,
) -> list[Person]:
    """The people `texts` name, with their roles.

    `declared` are names the document's own fields give (authors, reviewers, owners), taken as they are;
    `configured` come from the team's settings. Names merely spotted in prose ('(Ana)', 'paged Bob') are
    kept only when the same word never appears in lower case as an ordinary word of the document.
    """
    texts = list(texts)
    # 'dana.whitfield@example.com' must not make 'Dana' look like an ordinary lower-case word
    prose = re.sub(r"\S+@\S+|\w+://\S+", " ", "\n".join(texts))
    found: dict[str, set[str]] = {}

    def add(name: str) -> None:
        name = " ".join(name.strip().lstrip("@").split())
        if len(name) < 2 or name.lower() in {"tbd", "n/a", "none", "unknown"}:
            return
        found.setdefault(name.split()[0].lower(), set()).add(name)

    for name in [*declared, *configured]:
        for part in re.split(r",|\band\b|&|/", name):
            add(part)
    for text in texts:
        for m in _HANDLE.finditer(text):
            add(m["name"])
        for pattern in _WRITTEN:
            for m in pattern.finditer(text):
                name = m["name"]
                if name.split()[0] not in _NOT_NAMES and not _ordinary_word(name.split()[0], prose):
                    add(name)
    people = []
    for names in found.values():
        forms = _forms(names)
        people.append(Person(names=forms, role=_role(forms, texts, default)))
    return people


def pattern(person: Person) -> re.Pattern[str]:
    """Any form of the person's name as a whole word, and their @handle in any case."""
    forms = "|".join(map(re.escape, person.names))
    return re.compile(rf"(?<![\w.@])(?:@(?i:{forms})|(?:{forms}))(?![\w@])")


def _forms(names: set[str]) -> tuple[str, ...]:
    """Each name as written, the first word of a full name ('Ana' of 'Ana Lima'), and the capitalised twin
    of a name written in lower case ('Priya' of 'priya'); longest first, so full names win."""
    forms = set(names) | {n.split()[0] for n in names}
    forms |= {f[:1].upper() + f[1:] for f in forms}
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


def _ordinary_word(word: str, prose: str) -> bool:
    return re.search(rf"(?<![@\w]){re.escape(word.lower())}\b", prose) is not None


def _role(forms: tuple[str, ...], texts: list[str], default: str) -> str:
    """The role the words next to the name give, in the first sentence that gives one."""
    named = pattern(Person(forms, default))
    sentences = [s for text in texts for s in re.split(r"(?<=[.;!?])\s+|\n", text) if named.search(s)]
    for role, words in _ROLE_WORDS:
        if any(words.search(sentence) for sentence in sentences):
            return role
    return default
