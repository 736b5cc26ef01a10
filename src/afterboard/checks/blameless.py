"""Blameless language: a person as the cause of a failure, counterfactuals about people, words that judge
people, and action items aimed at one person — each finding quotes the sentence and proposes a rewrite about
the system (`people.py` finds them). Naming responders for what they did is fine."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

from afterboard.checks.context import Context
from afterboard.checks.finding import Finding, Severity
from afterboard.checks.people import Blame, Form, find_blame, human_error
from afterboard.checks.registry import Options, rule
from afterboard.checks.texts import located_texts, short
from afterboard.checks.vocabulary import document_people


@rule(
    "blameless-person-failure",
    family="blameless",
    severity=Severity.WARNING,
    explanation="A person (a name, a handle, 'the new hire', 'the on-call engineer') is not the cause of "
    "a failure: not the subject of 'forgot', 'failed to', 'accidentally', 'should have', not the one who did "
    "it 'by mistake' or 'because X restarted it', not its agent ('caused by Bob') or its owner (\"Bob's "
    "typo\"). Ask what in the system allowed it. Naming people for what they did in the response ('Ana "
    "rolled back the deploy') is fine.",
)
def person_failure(ctx: Context, opts: Options) -> Iterator[Finding]:
    return _findings(
        ctx,
        opts,
        "cause",
        lambda b: f"\"{short(b.sentence)}\" makes {_who(b)} the cause of the failure ('{b.failure}').",
    )


@rule(
    "blameless-counterfactual",
    family="blameless",
    severity=Severity.WARNING,
    explanation="'If Sarah had reviewed the PR…', 'Had the on-call engineer checked…': a counterfactual "
    "about a person judges them by hindsight. Say what the system lacked instead (a counterfactual about a "
    "system, 'had the canary been in place', is fine).",
)
def counterfactual(ctx: Context, opts: Options) -> Iterator[Finding]:
    return _findings(
        ctx,
        opts,
        "counterfactual",
        lambda b: f'"{short(b.sentence)}" judges {_who(b)} by what might have been done.',
    )


@rule(
    "blameless-blame-words",
    family="blameless",
    severity=Severity.WARNING,
    explanation="Words that judge people ('human error', 'careless', 'sloppy', 'lazy', 'could not be "
    "bothered', 'clearly did not read', 'should have known better', 'at fault') have no place in a blameless "
    "post-mortem.",
)
def blame_words(ctx: Context, opts: Options) -> Iterator[Finding]:
    return _findings(ctx, opts, "judging", lambda b: f"'{b.failure}' judges people: \"{short(b.sentence)}\".")


@rule(
    "blameless-action-at-person",
    family="blameless",
    severity=Severity.WARNING,
    explanation="An action item changes the system, not a person: 'Train Bob', 'Remind Alice to…', 'Jenny "
    "must be more careful', a performance plan — aim it at the process or the tooling instead (training a "
    "whole team is fine).",
)
def action_at_person(ctx: Context, opts: Options) -> Iterator[Finding]:
    return _findings(
        ctx, opts, "action", lambda b: f'"{short(b.sentence)}" is aimed at {_who(b)}, not at the system.'
    )


def _findings(ctx: Context, opts: Options, form: Form, message: Callable[[Blame], str]) -> Iterator[Finding]:
    """A finding for each sentence that blames in the given form, each sentence once (an impact or cause
    stated in the summary also fills its section), with the rewrite as its fix."""
    people = tuple(document_people(ctx.pm))
    seen: set[str] = set()
    for located in located_texts(ctx):
        if located.text in seen:
            continue
        seen.add(located.text)
        for blame in _found(located.text, people):
            if blame.form != form or (located.section == "root_cause" and human_error(blame.failure)):
                continue  # root-cause-human-error reports 'human error' there, with a fix for the cause
            yield opts.finding(message(blame), blame.rewrite, where=located.where, line=located.line)


@lru_cache(maxsize=4096)
def _found(text: str, people: tuple[str, ...]) -> tuple[Blame, ...]:
    """Every rule of the family reads the same sentences: find their blame once."""
    return tuple(find_blame(text, people))


def _who(blame: Blame) -> str:
    """'The on-call engineer' at the start of a sentence reads 'the on-call engineer' inside one."""
    first, _, rest = blame.person.partition(" ")
    if rest and first in {"The", "A", "An", "Our", "Their", "One", "Someone", "Somebody"}:
        return f"{first.lower()} {rest}"
    return (
        blame.person.lower()
        if blame.person in {"Someone", "Somebody", "He", "She", "Nobody"}
        else blame.person
    )
