"""GitHub Actions workflow commands: one `::error file=...,line=...::message` line per finding, so the
findings show on the pull request's diff."""

from __future__ import annotations

from afterboard.checks.finding import Severity
from afterboard.checks.report import FileReport

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render_github(reports: list[FileReport]) -> str:
    lines = []
    for report in reports:
        for finding in report.findings:
            props = [f"file={_property(report.file)}"]
            if finding.line:
                props.append(f"line={finding.line}")
            props.append(f"title={_property(finding.rule)}")
            message = _data(f"{finding.message} Fix: {finding.fix}")
            lines.append(f"::{_COMMAND[finding.severity]} {','.join(props)}::{message}")
    return "\n".join(lines) + ("\n" if lines else "")


def _data(text: str) -> str:
    """Escaping GitHub's runner applies to a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escaping for a command's properties, where ':' and ',' are separators."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")
