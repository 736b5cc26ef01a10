"""`afterboard check FILE...`: lint post-mortems; a text report, JSON, SARIF or GitHub annotations for CI."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from afterboard.cli._common import parse_today
from afterboard.errors import InputError

FORMATS = ("text", "json", "sarif", "github")


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(["incident", "project"]),
    default=None,
    help="Kind of post-mortem [default: what each document says, else incident].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for people; json for tools; sarif for code-scanning; github for workflow annotations.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only on errors.")
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="Check as if on this date (deadlines, publication window) [default: today].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file (replaced whole) instead of stdout.",
)
@click.option("--color/--no-color", default=None, help="Colour the text report [default: on a terminal].")
@click.option(
    "--estimate-pages",
    is_flag=True,
    help="Estimate the length from the word count instead of counting the pages of each document's PDF "
    "layout.",
)
def command(
    *,
    files: tuple[Path, ...],
    kind: str | None,
    fmt: str,
    strict: bool,
    today: str | None,
    output: Path | None,
    color: bool | None,
    estimate_pages: bool,
) -> None:
    """Check post-mortems (Markdown, or afterboard JSON; a folder means the Markdown files under it; '-'
    reads one from standard input) and say what keeps each from being a good one, with the fix beside each
    finding.

    \b
    Exit status: 0 no error-level finding (with --strict: no warning either),
                 1 findings at that level, 2 a file could not be read or a bad option.
    Switch rules off or re-tune them in afterboard.toml:  [checks.action-items-vague]
    enabled = false   (`afterboard rules` lists every rule and its parameters).
    """
    from afterboard.checks import check_document, configured, verdict
    from afterboard.checks.report import FileReport, render_report
    from afterboard.parse import parse_document, read_document
    from afterboard.render.pages import page_count
    from afterboard.settings import load_settings

    settings = load_settings()
    configured(settings)  # a bad [checks] table is reported before any file is read
    day = parse_today(today)
    now = dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC) if day else dt.datetime.now(dt.UTC)
    reports: list[FileReport] = []
    unreadable = False
    for path in _expanded(files):
        try:
            if str(path) == "-":
                doc = parse_document(_stdin(), name="<stdin>", today=now.date(), kind=kind, settings=settings)
            else:
                doc = read_document(path, today=now.date(), kind=kind, settings=settings)
        except InputError as exc:
            click.echo(f"afterboard: {exc}", err=True)
            unreadable = True
            continue
        # the length rule counts the pages of the document rendered to PDF, unless told to estimate
        pages = None if estimate_pages else page_count(doc.postmortem, settings=settings)
        findings = check_document(doc, settings=settings, now=now, pages=pages)
        reports.append(FileReport(doc.name, doc, findings, verdict(findings, strict=strict)))
    styled = color if color is not None else (output is None and sys.stdout.isatty())
    text = render_report(reports, fmt, strict=strict, color=styled)
    if output is not None:
        from afterboard.output import write_atomic

        write_atomic(output, text)
    elif text:
        click.echo(text, nl=False, color=styled)
    if unreadable:
        sys.exit(2)
    if any(r.verdict == "fail" for r in reports):
        sys.exit(1)


def _stdin() -> str:
    """A post-mortem pasted or piped in (`afterboard check -`), decoded as safely as a file."""
    from afterboard.ingest.files import decode_text

    return decode_text(sys.stdin.buffer.read(), name="<stdin>", what="post-mortem")


def _expanded(files: tuple[Path, ...]) -> list[Path]:
    """The files to check: a folder stands for the Markdown files under it (a post-mortems repository)."""
    found: list[Path] = []
    for path in files:
        if path.is_dir():
            inside = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in {".md", ".markdown"} and p.is_file()
            )
            found.extend(inside or [path])
        else:
            found.append(path)
    return found
