"""Blameless language: a person as the subject of a failure, and blame words — each with a rewrite that
puts the system, not the person, at the centre. Naming responders for what they did is fine."""

from __future__ import annotations

from collections.abc import Iterator

from afterboard.checks.context import Context
from afterboard.checks.finding import Finding, Severity
from afterboard.checks.people import find_blame
from afterboard.checks.registry import Options, rule
from afterboard.checks.texts import Located, located_texts, short
from afterboard.checks.vocabulary import BLAME_WORDS, HUMAN_ERROR, NOT_BLAME, document_people


@rule(
    "blameless-person-failure",
    family="blameless",
    severity=Severity.WARNING,
    explanation="A person (a name, a handle, 'the new hire') is not the subject of a failure ('forgot', "
    "'failed to', 'mistakenly', 'should have', 'didn't', 'caused'): ask what in the system allowed it. "
    "Naming people for what they did in the response ('Ana rolled back the deploy') is fine.",
)
def person_failure(ctx: Context, opts: Options) -> Iterator[Finding]:
    people = document_people(ctx.pm)
    for located in _once(located_texts(ctx)):
        for blame in find_blame(located.text, people):
            yield opts.finding(
                f"\"{short(blame.sentence)}\" makes {blame.person} the cause ('{blame.failure}').",
                f"Rewrite it around the system: {blame.rewrite}",
                where=located.where,
                line=located.line,
            )


_CUES = (
    "error",
    "careless",
    "negligen",
    "sloppi",
    "sloppy",
    "incompeten",
    "fault",
    "blame",
    "known better",
    "mistake",
)


@rule(
    "blameless-blame-words",
    family="blameless",
    severity=Severity.WARNING,
    explanation="Words that judge people ('human error', 'careless', 'at fault', 'negligent', 'sloppy') "
    "have no place in a blameless post-mortem.",
)
def blame_words(ctx: Context, opts: Options) -> Iterator[Finding]:
    for located in _once(located_texts(ctx)):
        if located.section == "root_cause" and HUMAN_ERROR.search(located.text):
            continue  # root-cause-human-error reports it, with a fix for the cause itself
        lowered = located.text.lower()
        if not any(word in lowered for word in _CUES):
            continue  # most sentences hold none of the words: skip the costly patterns
        text = NOT_BLAME.sub(" ", located.text)
        found = HUMAN_ERROR.search(text) or BLAME_WORDS.search(text)
        if found:
            yield opts.finding(
                f"'{found.group(0)}' judges people: \"{short(located.text)}\".",
                "Say what happened and what allowed it, without judging anyone, e.g. 'the command ran "
                "against production because the prompt did not show the environment'.",
                where=located.where,
                line=located.line,
            )


def _once(texts: Iterator[Located]) -> Iterator[Located]:
    """Each sentence once: an impact or cause stated in the summary also fills its section."""
    seen: set[str] = set()
    for located in texts:
        if located.text not in seen:
            seen.add(located.text)
            yield located
