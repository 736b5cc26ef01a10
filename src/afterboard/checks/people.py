"""Blame in sentences: a person as the subject of a failure, and a systems-focused rewrite of the sentence.

A person is a given name (`names.py`, plus the document's own authors, owners and @handles), a handle, a
pronoun for someone else ('he', 'she'), or a role ('the intern', 'the new hire', 'an engineer'). 'I' and
'we' are not flagged: owning a mistake is not blaming someone. A failure is one of the verbs and adverbs
below right after the subject ('Ana forgot', 'Bob accidentally deleted', 'the intern should have'), or the
subject's mistake named as a cause ('caused by Bob', "Bob's mistake"). 'Ana rolled back the deploy' names a
responder for what they did, which is fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from afterboard.checks.names import GIVEN_NAMES

_ROLES = (
    r"(?:the|an?|our|their|one|new)\s+(?:\w+\s+)?(?:intern|new hire|engineer|developer|dev|operator|admin|"
    r"administrator|sre|on-?call(?: engineer)?|contractor|employee|teammate|colleague|team member|junior|"
    r"person|deployer|release manager|manager|reviewer|dba|technician|staff member|owner)"
    r"|someone|somebody|he|she"
)
_AUX = (
    r"(?:\s+(?:had|has|have|was|were|did|then|also|just|simply|apparently|unfortunately|again|still|once))*"
)
_FAILURE = (
    r"forgot|forgets|forgotten|failed to|fails to|neglected|omitted|mistakenly|accidentally|inadvertently|"
    r"unintentionally|"
    r"carelessly|erroneously|wrongly|incorrectly|should(?:\s+not|n't)?\s+have|should've|"
    r"(?:didn't|did not)(?!\s+(?:have|know|receive|get|hear|see|need)\b)|"
    r"missed|overlooked|ignored|skipped|messed up|screwed up|botched|broke|caused|"
    r"made (?:a|an) (?:\w+ )?(?:mistake|error)|(?:was|were)(?:n't| not)? careful|(?:was|were) careless|"
    r"misconfigured|fat[- ]fingered"
)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z@\"'(])|\n+")
_IRREGULAR = {
    "ran": "run",
    "broke": "broken",
    "took": "taken",
    "wrote": "written",
    "gave": "given",
    "did": "done",
    "went": "gone",
    "made": "made",
    "forgot": "forgotten",
    "deleted": "deleted",
    "set": "set",
    "put": "put",
    "sent": "sent",
    "left": "left",
    "shut": "shut",
    "hit": "hit",
    "chose": "chosen",
}
_ADVERBS = frozenset(
    "mistakenly accidentally inadvertently unintentionally carelessly erroneously wrongly incorrectly".split()
)
_TAIL = re.compile(r"\s+(?:at|on|in|during|before|after|while|when|because|since|so|and|which|without)\b.*$")


@dataclass(frozen=True)
class Blame:
    sentence: str
    person: str
    failure: str
    rewrite: str


def find_blame(text: str, people: Iterable[str] = ()) -> list[Blame]:
    """Each sentence of `text` in which a person is the subject of a failure."""
    pattern = _pattern(tuple(sorted({p.lower() for p in people if len(p) > 1})))
    found: list[Blame] = []
    for written in _SENTENCE.split(text):
        sentence = written.strip()
        for match in pattern.finditer(sentence):
            person = match["person"] or match["person2"]
            if not _is_person(person, people):
                continue
            failure = match["failure"] or match["failure2"]
            found.append(Blame(sentence, person, failure, _rewrite(match)))
            break
    return found


@lru_cache(maxsize=256)
def _pattern(extra: tuple[str, ...]) -> re.Pattern[str]:
    known = "|".join(re.escape(p) for p in extra)
    names = r"@[\w.-]+|(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)" + (f"|{known}" if known else "")
    person = rf"(?P<person>{_ROLES}|{names})"
    return re.compile(
        rf"(?:^|(?<=[\s(\"',;:]))(?:{person}{_AUX}\s+(?P<failure>{_FAILURE})\b(?P<rest>[^.!?;]*)"
        rf"|(?P<failure2>caused by|mistake by|error by|due to)\s+{person.replace('person', 'person2')}\b)",
        re.IGNORECASE,
    )


def _is_person(person: str | None, people: Iterable[str]) -> bool:
    if person is None:
        return False
    word = person.strip()
    if word.startswith("@"):
        return True
    lowered = word.lower()
    if lowered in {p.lower() for p in people}:
        return True
    if re.fullmatch(_ROLES, word, re.IGNORECASE):
        return True
    first = lowered.split()[0]
    return word[:1].isupper() and first in GIVEN_NAMES


def _rewrite(match: re.Match[str]) -> str:
    """A sentence about the system instead of the person, built from the words of the original."""
    failure = (match["failure"] or "").lower()
    rest = (match["rest"] or "").strip()
    body = _TAIL.sub("", rest).strip(" ,")
    tail = rest[len(body) :].strip() if rest.startswith(body) else ""
    tail = f" {tail}" if tail else ""
    if failure.startswith(("forgot", "failed", "neglected", "omitted", "didn", "did not", "should")):
        step = re.sub(r"^(?:to|have)\s+", "", body)
        step = re.sub(r"^(?:not\s+)?(?:have\s+)?", "", step)
        return (
            f"Nothing in the process made sure to {step or 'do this'}{tail}: write what was missing, e.g. "
            f"'the runbook has no step to {step or 'do this'}, and no check catches it'."
        )
    verb, _, obj = body.partition(" ")
    if failure in _ADVERBS and obj:
        participle = _IRREGULAR.get(verb.lower(), verb)
        return (
            f"'{obj[:1].upper() + obj[1:]} was {participle}{tail}, and nothing stopped it' — then name the "
            "missing safeguard (a review, a validation, a confirmation step)."
        )
    if failure.startswith(("caused", "broke")) and body:
        return (
            f"Name the change and what let it through: e.g. 'a change with no review or test step {failure} "
            f"{body}{tail}'."
        )
    return (
        "Describe what in the system or process allowed this (a missing check, an unclear runbook, a risky "
        "default) instead of who did it."
    )
