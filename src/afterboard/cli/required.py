"""`afterboard required`: does this incident need a post-mortem under the team's policy?"""

from __future__ import annotations

import json

import click

from afterboard.errors import InputError
from afterboard.extract.durations import parse_duration


@click.command("required")
@click.option("--duration", metavar="DURATION", help="How long it lasted: 45m, 1h20m, 90 min.")
@click.option("--users", metavar="SHARE", help="Share of users affected: 0.8%, or 0.008.")
@click.option("--on-call/--no-on-call", default=None, help="Whether it needed an emergency on-call response.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(duration: str | None, users: str | None, on_call: bool | None, fmt: str) -> None:
    """Say whether an incident requires a post-mortem, and why.

    By default one is required when the incident lasted over 30 minutes, affected over 1% of users, or
    needed an emergency on-call response; a team changes these in the [policy] table of afterboard.toml.
    """
    from afterboard.settings import load_settings

    policy = load_settings().policy
    delta = None
    if duration is not None:
        delta = parse_duration(duration)
        if delta is None:
            raise InputError(
                f"--duration: '{duration}' is not a duration; write it like 45m, 1h20m or 90 min."
            )
    share = _share(users) if users is not None else None
    result = policy.is_required(delta, share, on_call)
    if fmt == "json":
        click.echo(json.dumps(result.model_dump(mode="json"), indent=2))
    else:
        click.echo(("Required: yes" if result.required else "Required: no") + f"\n{result.explain()}")


def _share(text: str) -> float:
    value = text.strip().rstrip("%").strip()
    try:
        number = float(value)
    except ValueError:
        raise InputError(f"--users: '{text}' is not a share; write it like 0.8% or 0.008.") from None
    share = number / 100 if text.strip().endswith("%") else number
    if not 0 <= share <= 1:
        raise InputError(f"--users: '{text}' is not between 0% and 100%.")
    return share
