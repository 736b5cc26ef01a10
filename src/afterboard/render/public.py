"""The public version of a post-mortem: the same document, every section and technical fact kept, with
people called by their roles and internal detail removed, plus a report of every replacement for a person
to review before publishing.

Removed: secrets (found by detect-secrets), URLs, e-mail addresses, IP addresses, internal host names
(replaced by a stable label such as 'database host A'), ticket keys and chat channels. Names and @handles
become roles ('the on-call engineer', 'an engineer'). Item sources (note file names and lines) are dropped:
they point into the team's own files.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from afterboard.postmortem import Kind, PostMortem
from afterboard.render._people import ENGINEER, TEAM_MEMBER, Person, find_people, pattern
from afterboard.render._scrub import Scrubber
from afterboard.settings import Settings


@dataclass(frozen=True)
class Replacement:
    where: str
    """The field, e.g. 'timeline[2].text' or 'action_items[0].owner'."""
    kind: str
    """name, secret, link, e-mail, IP address, host, ticket or channel."""
    original: str
    replacement: str


@dataclass(frozen=True)
class PublicVersion:
    pm: PostMortem
    replacements: tuple[Replacement, ...]
    people: tuple[Person, ...]

    def report(self) -> str:
        """Every replacement, one a line, for a person to check before the document goes out."""
        title = self.pm.title or "the post-mortem"
        if not self.replacements:
            return (
                f"Public version of '{title}': nothing was replaced. "
                "Read it before publishing all the same: names in plain prose can slip through.\n"
            )
        lines = [
            f"Public version of '{title}': {len(self.replacements)} replacements. "
            "Review each before publishing:",
            "",
        ]
        width = max(len(r.where) for r in self.replacements)
        lines += [
            f"  {r.where:<{width}}  {r.kind:<10}  {r.original!r} -> {r.replacement!r}"
            for r in self.replacements
        ]
        if self.people:
            lines += ["", "People and their roles:"]
            lines += [f"  {' / '.join(p.names)} -> {p.role}" for p in self.people]
        lines += ["", "Names written only in prose may not have been recognised: read the whole document."]
        return "\n".join(lines) + "\n"


def make_public(pm: PostMortem, *, settings: Settings | None = None) -> PublicVersion:
    """The public version of `pm`, with the report of what was replaced."""
    settings = settings or Settings()
    data = pm.model_dump()
    texts = [text for _, text in _texts(data, "")]
    declared = [*pm.authors, *pm.reviewers, *(a.owner for a in pm.action_items if a.owner)]
    default = ENGINEER if pm.kind is Kind.INCIDENT else TEAM_MEMBER
    people = find_people(texts, declared=declared, configured=settings.people, default=default)
    redactor = _Redactor(people)
    public = _walk(data, "", redactor)
    public["authors"] = _unique(public["authors"])
    public["reviewers"] = _unique(public["reviewers"])
    return PublicVersion(
        pm=PostMortem.model_validate(public),
        replacements=tuple(redactor.replacements),
        people=tuple(people),
    )


class _Redactor:
    def __init__(self, people: list[Person]) -> None:
        self.scrubber = Scrubber()
        self.people = [(person, pattern(person)) for person in people]
        self.replacements: list[Replacement] = []

    def text(self, text: str, where: str) -> str:
        for hit in reversed(self.scrubber.hits(text)):
            self._note(where, hit.kind, text[hit.start : hit.end], hit.replacement)
            text = text[: hit.start] + hit.replacement + text[hit.end :]
        for person, named in self.people:
            text = named.sub(functools.partial(self._name, person=person, where=where), text)
        return text

    def _name(self, match: re.Match[str], *, person: Person, where: str) -> str:
        role = person.role
        before = match.string[: match.start()].rstrip()
        if not before or before.endswith((".", "!", "?")):
            role = role[:1].upper() + role[1:]
        self._note(where, "name", match.group(0), role)
        return role

    def _note(self, where: str, kind: str, original: str, replacement: str) -> None:
        self.replacements.append(Replacement(where, kind, original, replacement))


def _walk(value: Any, where: str, redactor: _Redactor) -> Any:
    """A copy of the dumped model with every free text redacted and every source dropped."""
    if isinstance(value, dict):
        return {
            key: None if key == "source" else _walk(item, f"{where}.{key}" if where else key, redactor)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_walk(item, f"{where}[{index}]", redactor) for index, item in enumerate(value)]
    if isinstance(value, str) and not isinstance(value, Enum):
        return redactor.text(value, where)
    return value


def _texts(value: Any, where: str) -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [pair for key, item in value.items() if key != "source" for pair in _texts(item, key)]
    if isinstance(value, list | tuple):
        return [pair for item in value for pair in _texts(item, where)]
    if isinstance(value, str) and not isinstance(value, Enum):
        return [(where, value)]
    return []


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))
