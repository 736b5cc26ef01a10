"""Reports of `afterboard check`: text for people, JSON for tools, SARIF 2.1.0, GitHub annotations."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from afterboard.checks.finding import Finding
from afterboard.sections import CANONICAL

if TYPE_CHECKING:
    from afterboard.checks import Verdict
    from afterboard.parse.document import ParsedDocument
    from afterboard.parse.headed import Found


@dataclass(frozen=True)
class FileReport:
    file: str
    document: ParsedDocument
    findings: list[Finding]
    verdict: Verdict


def render_report(reports: list[FileReport], fmt: str, *, strict: bool = False, color: bool = False) -> str:
    if fmt == "json":
        return json.dumps([as_json(r) for r in reports], indent=2, ensure_ascii=False) + "\n"
    if fmt == "sarif":
        from afterboard.checks.report.sarif import render_sarif

        return render_sarif(reports)
    if fmt == "github":
        from afterboard.checks.report.github import render_github

        return render_github(reports)
    from afterboard.checks.report.text import render_text

    return render_text(reports, strict=strict, color=color)


def as_json(report: FileReport) -> dict[str, Any]:
    """One file's result for tools: exactly the fields `afterboard check --format json` documents."""
    found = report.document.found
    return {
        "file": report.file,
        "kind": report.document.postmortem.kind.value,
        "sections_found": found.sections_found,
        "sections_headed": found.sections_headed,
        "sections": sections_json(found),
        "findings": [f.model_dump(mode="json") for f in report.findings],
        "verdict": report.verdict,
    }


def sections_json(found: Found) -> dict[str, dict[str, Any]]:
    """Each canonical section: headed, stated in prose or absent — and for prose, why and where."""
    out: dict[str, dict[str, Any]] = {}
    for section in (s.value for s in CANONICAL):
        if section in found.headed:
            out[section] = {"state": "headed", "line": found.headed[section]}
        elif section in found.implicit:
            out[section] = {
                "state": "prose",
                "line": found.implicit[section],
                "why": found.reasons.get(section),
                "evidence": [{"line": p.line, "text": p.text} for p in found.evidence.get(section, [])[:5]],
            }
        else:
            out[section] = {"state": "absent"}
    return out
