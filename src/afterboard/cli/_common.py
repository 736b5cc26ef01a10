"""Options and output handling shared by the commands."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from afterboard.errors import InputError
from afterboard.render import BINARY_FORMATS, FORMATS, Format

if TYPE_CHECKING:
    from afterboard.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])

_SUFFIX_FORMATS: dict[str, Format] = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".pdf": "pdf",
    ".docx": "docx",
}


output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the result to this file (replaced whole, never half-written) instead of stdout.",
)
"""-o/--output, as every command that writes a document takes it."""

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format [default: from the --output suffix, else md].",
)
"""--format for commands that write a post-mortem document (md, html, json, pdf, docx)."""


def draft_options(func: F) -> F:
    """--kind, -o/--output, --format, --today and --tz, as `draft` and `snap` take them."""
    options = [
        click.option(
            "--kind",
            type=click.Choice(["incident", "project"]),
            default=None,
            help="Kind of post-mortem [default: what the notes say (a retro board: project), else incident].",
        ),
        output_option,
        format_option,
        click.option(
            "--today",
            metavar="YYYY-MM-DD",
            help="Reference date for 'by Fri' or 'EOW' when the notes give no date of their own.",
        ),
        click.option("--tz", metavar="ZONE", help="Time zone of times the notes write without one [UTC]."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def settings_for(tz: str | None) -> Settings:
    from afterboard.extract.times import zone_named
    from afterboard.settings import load_settings

    if tz is not None and zone_named(tz) is None:
        raise InputError(f"--tz: '{tz}' is not a time zone; use a name like UTC, Europe/Berlin or +02:00.")
    return load_settings(overrides={"timezone": tz})


def parse_today(value: str | None) -> dt.date | None:
    return parse_date(value, option="--today")


def parse_date(value: str | None, *, option: str) -> dt.date | None:
    """A date option's value, or one sentence naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"{option}: '{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-27."
        ) from None


def output_format(fmt: str | None, output: Path | None) -> Format:
    """The format asked for, else the one the output's suffix names, else Markdown.

    A binary format (PDF, DOCX) printed to a terminal would only fill it with noise: that is refused
    before any work is done, with the way to get the file.
    """
    chosen: Format = "md"
    if fmt is not None:
        chosen = cast(Format, fmt)
    elif output is not None:
        chosen = _SUFFIX_FORMATS.get(output.suffix.lower(), "md")
    if chosen in BINARY_FORMATS and output is None and sys.stdout.isatty():
        raise InputError(
            f"--format {chosen} makes a binary file; write it with -o FILE (e.g. -o postmortem.{chosen}) "
            "or redirect the output to a file."
        )
    return chosen


def emit(data: str | bytes, output: Path | None) -> None:
    """Print to stdout (click writes bytes to the binary stream as they are), or write the file atomically."""
    if output is None:
        click.echo(data, nl=False)
    else:
        from afterboard.output import write_atomic  # tempfile and shutil, only when writing a file

        write_atomic(output, data)
