"""`afterboard rules`: every check rule, its family, severity, explanation and parameters."""

from __future__ import annotations

import json

import click


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(fmt: str) -> None:
    """List every rule `afterboard check` applies, with what it looks for and how to tune it.

    \b
    In afterboard.toml (or [tool.afterboard.checks.<rule-id>] in pyproject.toml):
      [checks.action-items-count]      # a rule id
      enabled = false                  # switch it off
      severity = "error"               # or change what it counts as
      [checks.timeline-gaps]
      max_gap_minutes = 120            # or set one of its parameters
    """
    from afterboard.checks import all_rules

    rules = all_rules()
    if fmt == "json":
        data = [
            {
                "id": r.id,
                "family": r.family,
                "severity": r.severity.value,
                "kinds": sorted(k.value for k in r.kinds),
                "explanation": r.explanation,
                "parameters": [{"name": p.name, "default": p.default, "help": p.help} for p in r.params],
            }
            for r in rules
        ]
        click.echo(json.dumps(data, indent=2))
        return
    family = None
    for rule in rules:
        if rule.family != family:
            family = rule.family
            click.echo(("\n" if family != rules[0].family else "") + click.style(family, bold=True))
        only = "" if len(rule.kinds) > 1 else f" ({next(iter(rule.kinds)).value} only)"
        click.echo(f"  {rule.id}  [{rule.severity.value}]{only}")
        click.echo(f"      {rule.explanation}")
        for param in rule.params:
            click.echo(f"      {param.name} = {json.dumps(param.default)}: {param.help}")
