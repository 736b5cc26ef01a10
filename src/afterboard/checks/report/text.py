"""The report for people: findings grouped by section, the fix under each, one verdict line per file."""

from __future__ import annotations

from collections import defaultdict

import click

from afterboard.checks.finding import Finding, Severity
from afterboard.checks.report import FileReport

_STYLE = {
    Severity.ERROR: ("error", "red"),
    Severity.WARNING: ("warning", "yellow"),
    Severity.INFO: ("note", "cyan"),
}
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_VERDICTS = {"pass": ("PASS", "green"), "warn": ("PASS with warnings", "yellow"), "fail": ("FAIL", "red")}
_GROUPS = {
    "impact": "Impact",
    "timeline": "Timeline",
    "root_cause": "Root cause",
    "contributing_factors": "Contributing factors",
    "went_well": "What went well",
    "action_items": "Action items",
    "publication": "Publication",
}


def render_text(reports: list[FileReport], *, strict: bool, color: bool) -> str:
    lines: list[str] = []
    for report in reports:
        lines.extend(_file(report, color=color))
        lines.append("")
    if len(reports) > 1:
        failed = sum(1 for r in reports if r.verdict == "fail")
        warned = sum(1 for r in reports if r.verdict == "warn")
        passed = f"{len(reports) - failed} passed" + (f" ({warned} with warnings)" if warned else "")
        lines.append(f"{len(reports)} files checked: {failed} failed, {passed}.")
    return "\n".join(lines).rstrip("\n") + "\n" if lines else ""


def _file(report: FileReport, *, color: bool) -> list[str]:
    pm = report.document.postmortem
    title = f"{report.file} — {pm.kind.value} post-mortem" + (f": {pm.title}" if pm.title else "")
    lines = [_style(title, bold=True, color=color)]
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in sorted(report.findings, key=lambda f: (f.line or 0, _RANK[f.severity])):
        groups[_group(finding)].append(finding)
    order = ["Document", *_GROUPS.values()]
    for group, findings in sorted(groups.items(), key=lambda g: order.index(g[0]) if g[0] in order else 99):
        lines.append(f"  {_style(group, bold=True, color=color)}")
        for finding in findings:
            label, fg = _STYLE[finding.severity]
            where = f"line {finding.line}: " if finding.line else ""
            lines.append(f"    {_style(label, fg=fg, color=color)} {where}{finding.message} [{finding.rule}]")
            lines.append(f"      fix: {finding.fix}")
    lines.append(_verdict(report, color=color))
    return lines


def _group(finding: Finding) -> str:
    where = (finding.where or "").split("[")[0].split(".")[0]
    if where.startswith("extra:"):
        return where.removeprefix("extra:")
    return _GROUPS.get(where, "Document")


def _verdict(report: FileReport, *, color: bool) -> str:
    counts = {s: sum(1 for f in report.findings if f.severity is s) for s in Severity}
    parts = [
        f"{counts[Severity.ERROR]} error{'s' if counts[Severity.ERROR] != 1 else ''}",
        f"{counts[Severity.WARNING]} warning{'s' if counts[Severity.WARNING] != 1 else ''}",
        f"{counts[Severity.INFO]} note{'s' if counts[Severity.INFO] != 1 else ''}",
    ]
    word, fg = _VERDICTS[report.verdict]
    sections = len(report.document.found.sections_found)
    summary = f"{', '.join(parts)}; {sections} of 6 sections."
    return f"{_style(word, fg=fg, bold=True, color=color)} {report.file}: {summary}"


def _style(text: str, *, color: bool, fg: str | None = None, bold: bool = False) -> str:
    return click.style(text, fg=fg, bold=bold) if color else text
