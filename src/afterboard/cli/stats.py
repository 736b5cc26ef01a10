"""`afterboard stats`: what the archive says about how incidents go and how reviews follow up."""

from __future__ import annotations

import datetime as dt
import json

import click

from afterboard.cli._archive import db_option, open_archive


@click.command("stats")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
def command(*, fmt: str, db: str | None) -> None:
    """Post-mortems by kind, severity and month; median time to detect, mitigate and resolve; the share
    published within the deadline; action-item completion; the most frequent contributing factors."""
    store = open_archive(db)
    try:
        result = store.stats()
    finally:
        store.close()
    if fmt == "json":
        data = result.model_dump(mode="json")
        data["published_on_time_share"] = result.published_on_time_share
        data["completion_rate"] = result.completion_rate
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    lines = [f"Post-mortems: {result.postmortems}"]
    lines.append("  by kind:      " + _counts(result.by_kind))
    lines.append("  by severity:  " + _counts(result.by_severity))
    lines.append("  by month:     " + _counts(result.by_month))
    lines.append("Median time to detect:   " + _duration(result.median_time_to_detect))
    lines.append("Median time to mitigate: " + _duration(result.median_time_to_mitigate))
    lines.append("Median time to resolve:  " + _duration(result.median_time_to_resolve))
    lines.append(
        f"Published within {store.policy.publish_deadline_hours:g} h of resolution: "
        + _share(result.published_on_time, result.published)
    )
    lines.append(
        "Action items done: "
        + _share(result.action_items_done, result.action_items)
        + f"; overdue: {result.action_items_overdue}"
    )
    top = ", ".join(f"{name} ({n})" for name, n in result.factor_categories) or "none categorised"
    lines.append(f"Most frequent contributing factors: {top}")
    if result.uncategorised_factors:
        n = result.uncategorised_factors
        lines.append(f"  ({n} {'factor has' if n == 1 else 'factors have'} no category)")
    click.echo("\n".join(lines))


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "-"


def _duration(delta: dt.timedelta | None) -> str:
    from afterboard.extract.durations import format_duration

    return "-" if delta is None else format_duration(delta)


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({part / whole:.0%})" if whole else "-"
