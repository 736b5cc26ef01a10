"""`afterboard render FILE`: a post-mortem (Markdown or afterboard JSON) → PDF, Word, HTML, Markdown or
JSON; `--public` for the external version, with a report of every replacement to review."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from afterboard.cli._common import emit, format_option, output_format, output_option

if TYPE_CHECKING:
    from afterboard.postmortem import PostMortem
    from afterboard.render.public import PublicVersion
    from afterboard.settings import Settings


@click.command("render")
@click.argument("file", type=click.Path(path_type=Path))
@format_option
@output_option
@click.option(
    "--public",
    is_flag=True,
    help="The external version: people become roles; secrets, URLs, e-mails, IPs, internal hosts, "
    "tickets and channels are removed. The list of replacements goes beside the output "
    "(FILE.redactions.txt), or to stderr.",
)
@click.option(
    "--paper",
    type=click.Choice(["A4", "Letter"], case_sensitive=False),
    default=None,
    help="Page size of PDF and Word output [default: the paper setting, A4].",
)
@click.option(
    "--pictures",
    "pictures_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write the pictures (timeline, fishbone, five whys) as SVG and PNG into this folder.",
)
def command(
    *,
    file: Path,
    fmt: str | None,
    output: Path | None,
    public: bool,
    paper: str | None,
    pictures_dir: Path | None,
) -> None:
    """Render FILE, a post-mortem in Markdown or the JSON `afterboard draft --format json` writes,
    as PDF, Word (docx), HTML, Markdown or JSON.

    \b
    afterboard render postmortem.md -o postmortem.pdf
    afterboard render postmortem.md --public -o public.pdf   # review public.pdf.redactions.txt
    """
    from afterboard.parse import read_postmortem
    from afterboard.render import render_bytes
    from afterboard.settings import load_settings

    fmt_name = output_format(fmt, output)
    settings = load_settings(overrides={"paper": _paper(paper)})
    pm = read_postmortem(file)
    if public:
        from afterboard.render.public import make_public

        version = make_public(pm, settings=settings)
        pm = version.pm
        _report(version, output)
    if pictures_dir is not None:
        _write_pictures(pm, settings, pictures_dir)
    emit(render_bytes(pm, fmt_name, settings=settings), output)
    if output is not None:
        click.echo(f"Wrote {output}" + (" (public version)." if public else "."), err=True)


def _paper(value: str | None) -> str | None:
    return None if value is None else ("Letter" if value.lower() == "letter" else "A4")


def _report(version: PublicVersion, output: Path | None) -> None:
    """The replacements beside the output, where a reviewer finds them; else on stderr."""
    from afterboard.output import write_atomic

    if output is None:
        click.echo(version.report(), err=True, nl=False)
        return
    beside = output.with_name(output.name + ".redactions.txt")
    write_atomic(beside, version.report())
    count = len(version.replacements)
    click.echo(f"Public version: {count} replacements; review them in {beside} before publishing.", err=True)


def _write_pictures(pm: PostMortem, settings: Settings, folder: Path) -> None:
    from afterboard.output import write_atomic
    from afterboard.render.pictures import draw_pictures

    pictures = draw_pictures(pm, settings=settings)
    for name, picture in pictures.items():
        if picture.svg is not None:
            write_atomic(folder / f"{name}.svg", picture.svg)
        if picture.png is not None:
            write_atomic(folder / f"{name}.png", picture.png)
    listed = ", ".join(sorted(pictures)) or "none: the document has no timeline, causes or why-chain to draw"
    click.echo(f"Pictures in {folder}: {listed}.", err=True)
