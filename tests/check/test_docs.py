"""docs/rules.md stays true: it documents every rule with its severity and parameters, and every alias."""

from __future__ import annotations

import json
from pathlib import Path

from afterboard.checks import all_rules
from afterboard.sections import ALIASES

DOC = (Path(__file__).parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")


def test_every_rule_is_documented_with_its_severity_and_parameters() -> None:
    for rule in all_rules():
        row = next((line for line in DOC.splitlines() if line.startswith(f"| `{rule.id}` |")), None)
        assert row is not None, rule.id
        kinds = "both kinds" if len(rule.kinds) > 1 else f"{next(iter(rule.kinds)).value} only"
        assert f"| {rule.severity.value} | {kinds} | {rule.explanation} |" in row
        for param in rule.params:
            assert f"`{param.name}` = `{json.dumps(param.default)}`" in row


def test_every_section_alias_is_documented() -> None:
    for section, aliases in ALIASES.items():
        row = next(line for line in DOC.splitlines() if line.startswith(f"| `{section.value}` |"))
        assert all(alias in row for alias in aliases), section
