"""Golden files for `afterboard check`: each tests/check/samples/<case>/postmortem.md checks to exactly
expected.json (the JSON report: kind, sections with their reasons, findings with their fixes).

The cases: an incident written to the template, a security incident, a project retrospective, and a
post-mortem with no section headings at all. After an intended change to parsing or to a rule, run
`pytest tests/check/test_check_samples.py --update-golden` and review the diff before committing.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from afterboard.checks import check_document, verdict
from afterboard.checks.report import FileReport, as_json
from afterboard.parse import parse_document
from helpers import assert_golden

SAMPLES = Path(__file__).parent / "samples"
CASES = sorted(p.name for p in SAMPLES.iterdir() if (p / "postmortem.md").is_file())
NOW = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)


def report(case: str) -> str:
    name = f"{case}/postmortem.md"
    doc = parse_document((SAMPLES / name).read_text(encoding="utf-8"), name=name, today=NOW.date())
    findings = check_document(doc, now=NOW)
    result = as_json(FileReport(name, doc, findings, verdict(findings)))
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"


def test_there_is_a_sample_of_each_kind_of_document() -> None:
    assert {"incident", "security-incident", "project-retro", "prose-only"} <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_sample_checks_to_its_expected_report(case: str, update_golden: bool) -> None:
    assert_golden(SAMPLES / case / "expected.json", report(case), update=update_golden)
