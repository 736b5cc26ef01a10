"""The command line: a thin shell over the library, one small module per command.

Errors are translated here, once: an `AfterboardError` becomes one sentence on stderr and exit status 2;
click's usage errors also exit 2; a bug becomes one sentence and exit 3 (AFTERBOARD_DEBUG=1 shows the
traceback). Exit 1 is kept for "ran fine, and found problems" (a check with error-level findings).
"""

from __future__ import annotations

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


class _Group(click.Group):
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


def _register() -> None:
    from afterboard.cli import (
        actions,
        check,
        demo,
        draft,
        due,
        incident,
        migrate,
        publish,
        render,
        required,
        rules,
        save,
        search,
        serve,
        show,
        snap,
        stats,
        worker,
    )

    for module in (draft, snap, check, rules, render, required, demo):
        cli.add_command(module.command)
    for module in (save, show, search, publish, actions, due, incident, stats, migrate):
        cli.add_command(module.command)
    cli.add_command(serve.command)
    cli.add_command(worker.command)
    # team mode: accounts and restricted post-mortems
    from afterboard.cli import access, users

    cli.add_command(users.command)
    cli.add_command(access.command)


_register()


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point (`afterboard`, `python -m afterboard`)."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="afterboard")
