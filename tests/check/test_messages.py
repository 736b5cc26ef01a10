"""Every rule's message reads as a correct English sentence, whatever section or kind it names: the messages
about each of the six sections are rendered for both kinds, together with the findings on documents that
set off most rules."""

from __future__ import annotations

import re

import pytest
from check_fixtures import GOOD, NOW, findings
from test_blameless import BLAMING

from afterboard.checks import Finding, check, check_document
from afterboard.parse import parse_document
from afterboard.parse.headed import Found
from afterboard.postmortem import Kind, PostMortem
from afterboard.sections import CANONICAL

SECTIONS = [s.value for s in CANONICAL]
_WRONG = [
    re.compile(r"\b(?:items|factors|milestones|causes|outcome|differences)\s+(?:is|has|was)\b"),
    re.compile(r"\b(?:impact|timeline|root cause|well|planned)\s+(?:are|have|were)\b(?! been)"),
    re.compile(r"\bthe (?:what|What)\b"),
    re.compile(r"\bno what\b", re.IGNORECASE),
    re.compile(r"\s[.,;:]|\s{2}"),
    re.compile(r"\b(?:are|were|have)\b[^.]*\bits own\b"),
]


def assert_sentence(message: str) -> None:
    assert re.match(r"[A-Z0-9\"'‘“]", message), message
    assert re.search(r"[.?!][\"'’”)]?$", message), message
    for wrong in _WRONG:
        assert not wrong.search(message), f"{wrong.pattern!r} in {message!r}"


@pytest.mark.parametrize("kind", list(Kind))
def test_a_missing_section_reads_as_a_sentence_for_every_section_and_kind(kind: Kind) -> None:
    found = check(PostMortem(kind=kind, title="Review"), now=NOW)
    missing = [f for f in found if f.rule.endswith("-missing")]
    assert {f.where for f in missing} == set(SECTIONS)
    for finding in found:
        assert_sentence(finding.message)
        assert_sentence(finding.fix)


@pytest.mark.parametrize("kind", list(Kind))
def test_a_section_stated_in_passing_reads_as_a_sentence_for_every_section_and_kind(kind: Kind) -> None:
    doc = parse_document(GOOD, name="pm.md", today=NOW.date(), kind=kind)
    everywhere = Found(implicit=dict.fromkeys(SECTIONS, 3))
    doc = type(doc)(doc.postmortem, doc.outline, everywhere, doc.name, doc.words)
    implicit = [f for f in check_document(doc, now=NOW) if f.rule == "structure-implicit-section"]
    assert {f.where for f in implicit} == set(SECTIONS)
    for finding in implicit:
        assert_sentence(finding.message)
        assert_sentence(finding.fix)


def _every_finding() -> list[Finding]:
    retro = "# Release retrospective\n\n## What went well\n\n- The release went out on time.\n"
    weak = GOOD.replace("by 2026-12-05", "").replace("@raj", "").replace("(all times UTC)", "")
    documents = [GOOD, BLAMING, retro, weak, "# Notes\n\n???\n"]
    return [finding for document in documents for finding in findings(document)]


def test_every_finding_on_real_shaped_documents_is_a_sentence() -> None:
    found = _every_finding()
    assert len({f.rule for f in found}) >= 15
    for finding in found:
        assert_sentence(finding.message)
        assert_sentence(finding.fix)
