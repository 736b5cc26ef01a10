"""`afterboard incident add|list`: record incidents, so `afterboard due` names those lacking a post-mortem."""

from __future__ import annotations

import click

from afterboard.cli._archive import (
    actor_option,
    actor_or_login,
    db_option,
    echo_json,
    open_archive,
    parse_time,
    table,
)
from afterboard.errors import InputError
from afterboard.extract.durations import parse_duration


@click.group("incident")
def command() -> None:
    """Incidents from your on-call tool: which needed a post-mortem, and which have one."""


@command.command("add")
@click.argument("ref")
@click.option("--title", help="What happened, in a few words.")
@click.option("--started", metavar="ISO-TIME", help="When it started, e.g. 2026-11-20T14:02Z.")
@click.option("--resolved", metavar="ISO-TIME", help="When it was resolved (starts the 72 h clock).")
@click.option(
    "--duration", metavar="DURATION", help="How long it lasted (45m, 1h20m) if not started→resolved."
)
@click.option("--users", metavar="SHARE", help="Share of users affected: 0.8%, or 0.008.")
@click.option("--on-call/--no-on-call", default=None, help="Whether it needed an emergency on-call response.")
@click.option("--postmortem", "postmortem_id", type=int, metavar="ID", help="The post-mortem that covers it.")
@actor_option
@db_option
def add(
    *,
    ref: str,
    title: str | None,
    started: str | None,
    resolved: str | None,
    duration: str | None,
    users: str | None,
    on_call: bool | None,
    postmortem_id: int | None,
    actor: str | None,
    db: str | None,
) -> None:
    """Record incident REF (the on-call tool's id), or update it if it is already recorded."""
    from afterboard.cli.required import _share

    minutes = None
    if duration is not None:
        delta = parse_duration(duration)
        if delta is None:
            raise InputError(f"--duration: '{duration}' is not a duration; write it like 45m or 1h20m.")
        minutes = delta.total_seconds() / 60
    record = {
        "ref": ref,
        "title": title,
        "started_at": parse_time(started, option="--started"),
        "resolved_at": parse_time(resolved, option="--resolved"),
        "duration_minutes": minutes,
        "users_share": _share(users) if users is not None else None,
        "emergency_on_call": on_call,
        "postmortem_id": postmortem_id,
    }
    store = open_archive(db, create=True)
    try:
        incident = store.record_incident(record, actor=actor_or_login(actor))
        requirement = store.policy.is_required(
            incident.duration, incident.users_share, incident.emergency_on_call
        )
    finally:
        store.close()
    click.echo(f"Recorded incident {incident.ref}. {requirement.explain()}")


@command.command("list")
@click.option("--missing", is_flag=True, help="Only incidents with no post-mortem linked.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
def list_(*, missing: bool, fmt: str, db: str | None) -> None:
    """List recorded incidents, most recently resolved first."""
    store = open_archive(db)
    try:
        found = store.incidents(without_postmortem=missing)
    finally:
        store.close()
    if fmt == "json":
        echo_json(found)
        return
    rows = [
        (
            i.ref,
            i.title or "",
            f"{i.resolved_at:%Y-%m-%d %H:%M}" if i.resolved_at else "-",
            f"#{i.postmortem_id}" if i.postmortem_id is not None else "none",
        )
        for i in found
    ]
    click.echo(table(["ref", "title", "resolved (UTC)", "post-mortem"], rows, widths={1: 50}), nl=False)
