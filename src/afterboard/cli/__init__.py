"""The command line: a thin shell over the library, one small module per command.

Errors are translated here, once: an `AfterboardError` becomes one sentence on stderr and exit status 2;
click's usage errors also exit 2; a bug becomes one sentence and exit 3 (AFTERBOARD_DEBUG=1 shows the
traceback). Exit 1 is kept for "ran fine, and found problems" (a check with error-level findings).

A command's module is imported only when that command runs (or when `--help` lists them all), so that
`afterboard check` in a pre-commit hook does not pay for the archive, the web app or the photo reader.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from afterboard import __version__
from afterboard.errors import AfterboardError

EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3


class Failure(click.ClickException):
    """One sentence for the user: the input could not be used (exit 2)."""

    exit_code = EXIT_INPUT

    def show(self, file: Any = None) -> None:
        click.echo(f"afterboard: {self.format_message()}", err=True)


class InternalFailure(Failure):
    """One sentence for the user about a bug (exit 3)."""

    exit_code = EXIT_INTERNAL


COMMANDS = (
    *("draft", "snap", "check", "rules", "render", "required", "demo"),
    *("save", "show", "search", "publish", "actions", "due", "incident", "stats", "migrate"),
    *("serve", "worker"),
    # team mode: accounts and restricted post-mortems
    *("users", "access"),
)
"""Every command, named as its module in `afterboard.cli` (which exposes it as `command`)."""


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(importlib.import_module(f"afterboard.cli.{cmd_name}").command)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AfterboardError as exc:
            raise Failure(str(exc)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # the reader went away (`afterboard draft notes.md | head`): nothing more to say
            sys.stderr.close()
            raise click.exceptions.Exit(0) from None
        except Exception as exc:  # the edge: even a bug ends in one sentence, not a traceback
            if os.environ.get("AFTERBOARD_DEBUG"):
                raise
            raise InternalFailure(
                f"internal error ({type(exc).__name__}: {exc}); "
                "rerun with AFTERBOARD_DEBUG=1 to see where, and please report it."
            ) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="afterboard")
def cli() -> None:
    """afterboard turns a post-mortem whiteboard (a photo or typed notes) into a first draft,
    checks it, and keeps track of it.

    \b
    Start with:  afterboard demo
    Then:        afterboard snap board.jpg -o postmortem.md
    Or:          afterboard draft notes.md -o postmortem.md
    """


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point (`afterboard`, `python -m afterboard`)."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="afterboard")
