"""The registry of rules: each rule's id, family, default severity, explanation and parameters.

Built-in rules register themselves with the `rule` decorator when their family module is imported; a third
party's package does exactly the same in a module named by an `afterboard.checks` entry point:

    # pyproject.toml of the plugin:  [project.entry-points."afterboard.checks"]  mine = "mypkg.rules"
    from afterboard.checks import Param, Severity, rule

    @rule("mine-no-jira", family="mine", severity=Severity.WARNING,
          explanation="Every action item links a Jira ticket.")
    def no_jira(ctx, opts):
        return [opts.finding(f"Action item {i + 1} links no ticket.", "Add its key, e.g. OPS-12.",
                             where=f"action_items[{i}]")
                for i, a in enumerate(ctx.pm.action_items) if not a.link]

`afterboard rules` lists them all; `[checks.<rule-id>]` in afterboard.toml switches one off
(`enabled = false`), changes its severity (`severity = "error"`) or sets its parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from afterboard.checks.finding import Finding, Severity
from afterboard.postmortem import Kind

if TYPE_CHECKING:
    from afterboard.checks.context import Context

ParamValue = int | float | str | bool | list[str]


@dataclass(frozen=True)
class Param:
    name: str
    default: ParamValue
    help: str


@dataclass(frozen=True)
class Options:
    """What a rule runs with: its parameters as configured, and the severity its findings get."""

    rule: Rule
    severity: Severity
    values: Mapping[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def finding(
        self,
        message: str,
        fix: str,
        *,
        where: str | None = None,
        line: int | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule; `severity` only for a note milder than the rule's (e.g. INFO)."""
        return Finding(
            rule=self.rule.id,
            severity=severity or self.severity,
            message=message,
            fix=fix,
            where=where,
            line=line or None,
        )


RuleFunc = Callable[["Context", Options], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    severity: Severity
    explanation: str
    run: RuleFunc
    params: tuple[Param, ...] = ()
    kinds: frozenset[Kind] = frozenset(Kind)
    """The kinds of post-mortem the rule applies to."""

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}


_RULES: dict[str, Rule] = {}
_LOADED: list[bool] = []
"""Non-empty once the built-in rules and the plugins' entry points were imported."""


def rule(
    rule_id: str,
    *,
    family: str,
    severity: Severity,
    explanation: str,
    params: Iterable[Param] = (),
    kinds: Iterable[Kind] = tuple(Kind),
) -> Callable[[RuleFunc], RuleFunc]:
    """Register the decorated function as the rule `rule_id`."""

    def decorate(func: RuleFunc) -> RuleFunc:
        register(Rule(rule_id, family, severity, explanation, func, tuple(params), frozenset(kinds)))
        return func

    return decorate


def register(new: Rule) -> None:
    if new.id in _RULES and _RULES[new.id].run is not new.run:
        raise ValueError(f"A rule with the id '{new.id}' is already registered.")
    _RULES[new.id] = new


def unregister(rule_id: str) -> None:
    """Remove a rule (a plugin's tests use it to clean up after themselves)."""
    _RULES.pop(rule_id, None)


def all_rules() -> list[Rule]:
    """Every registered rule, built-in and from plugins, by family, each family in registration order."""
    _load()
    order = {rule_id: index for index, rule_id in enumerate(_RULES)}
    return sorted(_RULES.values(), key=lambda r: (_FAMILY_ORDER.get(r.family, 99), r.family, order[r.id]))


def get_rule(rule_id: str) -> Rule | None:
    _load()
    return _RULES.get(rule_id)


_FAMILY_ORDER = {
    name: i
    for i, name in enumerate(
        (
            "structure",
            "impact",
            "timeline",
            "root-cause",
            "contributing-factors",
            "went-well",
            "action-items",
            "blameless",
            "length",
            "publication",
        )
    )
}


def _load() -> None:
    if _LOADED:
        return
    _LOADED.append(True)
    from importlib.metadata import entry_points

    import afterboard.checks.builtin  # noqa: F401  (importing registers the built-in rules)

    for point in entry_points(group="afterboard.checks"):
        point.load()
