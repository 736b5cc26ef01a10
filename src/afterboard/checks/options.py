"""`[checks.<rule-id>]` tables → each rule's options; a table naming no rule or no parameter is refused."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from afterboard.checks.finding import Severity
from afterboard.checks.registry import Options, Rule, all_rules
from afterboard.errors import ConfigError

_GENERAL = {"enabled", "severity"}


def configured_options(tables: Mapping[str, Mapping[str, Any]]) -> list[Options]:
    rules = all_rules()
    known = {r.id: r for r in rules}
    for rule_id in tables:
        if rule_id not in known:
            raise ConfigError(
                f"[checks.{rule_id}] names no rule{_suggest(rule_id, known)}; `afterboard rules` lists them."
            )
    result = []
    for item in rules:
        table = dict(tables.get(item.id, {}))
        if table.get("enabled", True) is False:
            continue
        result.append(_options(item, table))
    return result


def _options(rule: Rule, table: dict[str, Any]) -> Options:
    values = rule.defaults()
    for name, value in table.items():
        if name in _GENERAL:
            continue
        if name not in values:
            names = ", ".join(sorted(values)) or "none"
            raise ConfigError(
                f"[checks.{rule.id}] has no parameter '{name}' (it has: {names}; and enabled, severity)."
            )
        values[name] = _coerce(rule, name, values[name], value)
    severity = rule.severity
    if "severity" in table:
        try:
            severity = Severity(str(table["severity"]).lower())
        except ValueError:
            raise ConfigError(
                f"[checks.{rule.id}] severity = '{table['severity']}': use error, warning or info."
            ) from None
    if not isinstance(table.get("enabled", True), bool):
        raise ConfigError(f"[checks.{rule.id}] enabled must be true or false.")
    return Options(rule=rule, severity=severity, values=values)


def _coerce(rule: Rule, name: str, default: Any, value: Any) -> Any:
    kind = type(default)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    if kind is list and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ConfigError(f"[checks.{rule.id}] {name} = {value!r}: expected {kind.__name__}, like {default!r}.")


def _suggest(rule_id: str, known: Mapping[str, Rule]) -> str:
    from rapidfuzz import process

    best = process.extractOne(rule_id, list(known), score_cutoff=70)
    return f" (did you mean '{best[0]}'?)" if best else ""
