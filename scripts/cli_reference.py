"""Write docs/cli.md from the commands' own --help, so the reference never drifts from the code.

Usage: python scripts/cli_reference.py   (tests/test_package.py fails when docs/cli.md is stale)
"""

from __future__ import annotations

from pathlib import Path

import click

from afterboard.cli import cli

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def reference() -> str:
    parts = [
        "# Command-line reference\n",
        "Generated from `--help` by `scripts/cli_reference.py`; do not edit by hand.\n",
        "Exit status: 0 success; 1 ran and found problems (check findings); 2 unusable input or usage; "
        "3 internal error (set `AFTERBOARD_DEBUG=1` for the traceback).\n",
    ]
    parts += _sections(cli, "afterboard", None)
    return "\n".join(parts)


def _sections(command: click.Command, name: str, parent: click.Context | None) -> list[str]:
    # a context built as click builds it, so inherited settings (-h) show as they do in a terminal
    settings = {"terminal_width": 100, **command.context_settings}
    ctx = click.Context(command, info_name=name, parent=parent, **settings)
    out = [f"## `{ctx.command_path}`\n", "```", command.get_help(ctx), "```\n"]
    if isinstance(command, click.Group):
        for sub_name in sorted(command.list_commands(ctx)):
            sub = command.get_command(ctx, sub_name)
            if sub is not None and not sub.hidden:
                out += _sections(sub, sub_name, ctx)
    return out


if __name__ == "__main__":
    DOC.write_text(reference(), encoding="utf-8")
    print(f"wrote {DOC}")
