"""SARIF 2.1.0 (the OASIS static-analysis format GitHub code scanning reads): one run, every rule, every
finding as a result located at its file and line."""

from __future__ import annotations

import json
from typing import Any

from afterboard import __version__
from afterboard.checks.finding import Severity
from afterboard.checks.registry import all_rules
from afterboard.checks.report import FileReport

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(reports: list[FileReport]) -> str:
    rules = all_rules()
    index = {rule.id: i for i, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for report in reports:
        for finding in report.findings:
            location: dict[str, Any] = {"artifactLocation": {"uri": _uri(report.file)}}
            if finding.line:
                location["region"] = {"startLine": finding.line}
            result: dict[str, Any] = {
                "ruleId": finding.rule,
                "level": _LEVEL[finding.severity],
                "message": {"text": f"{finding.message} Fix: {finding.fix}"},
                "locations": [{"physicalLocation": location}],
            }
            if finding.rule in index:
                result["ruleIndex"] = index[finding.rule]
            if finding.where:
                result["properties"] = {"where": finding.where}
            results.append(result)
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "afterboard",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/afterboard/",
                        "rules": [
                            {
                                "id": rule.id,
                                "name": "".join(w.capitalize() for w in rule.id.split("-")),
                                "shortDescription": {"text": rule.explanation.split(": ")[0][:120]},
                                "fullDescription": {"text": rule.explanation},
                                "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                                "properties": {"tags": [rule.family]},
                            }
                            for rule in rules
                        ],
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _uri(path: str) -> str:
    """A relative path as a URI reference, with the characters a URI may not hold escaped."""
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/:._-~")
