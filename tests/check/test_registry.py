"""The rule registry: a third party's rule registers like a built-in one; settings switch rules off,
change their severity and set their parameters, and refuse tables that name nothing real."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from check_fixtures import GOOD, findings

from afterboard.checks import Finding, Options, Param, Severity, all_rules, rule, unregister
from afterboard.checks.context import Context
from afterboard.errors import ConfigError
from afterboard.settings import Settings


@pytest.fixture
def plugin_rule() -> Iterator[str]:
    @rule(
        "acme-ticket-link",
        family="acme",
        severity=Severity.WARNING,
        explanation="Every action item links a ticket.",
        params=(Param("prefix", "OPS-", "The ticket key prefix."),),
    )
    def ticket_link(ctx: Context, opts: Options) -> list[Finding]:
        return [
            opts.finding(f"Action item {i + 1} links no {opts['prefix']} ticket.", "Add the key.")
            for i, item in enumerate(ctx.pm.action_items)
            if not (item.link or "").startswith(opts["prefix"])
        ]

    yield "acme-ticket-link"
    unregister("acme-ticket-link")


def test_a_third_party_rule_is_listed_and_runs_like_a_built_in_one(plugin_rule: str) -> None:
    assert plugin_rule in [r.id for r in all_rules()]
    first = next(f for f in findings(GOOD) if f.rule == plugin_rule)
    assert first.message == "Action item 1 links no OPS- ticket."
    settings = Settings(checks={plugin_rule: {"prefix": "CHK-", "severity": "error"}})
    found = [f for f in findings(GOOD, settings=settings) if f.rule == plugin_rule]
    assert found[0].message == "Action item 1 links no CHK- ticket." and found[0].severity is Severity.ERROR


def test_parameters_retune_a_rule() -> None:
    gapped = GOOD.replace("| 10:30 | All clear", "| 11:30 | All clear")
    assert "timeline-gaps" in {f.rule for f in findings(gapped)}
    relaxed = Settings(checks={"timeline-gaps": {"max_gap_minutes": 120}})
    assert "timeline-gaps" not in {f.rule for f in findings(gapped, settings=relaxed)}


def test_a_rule_switched_off_gives_no_findings() -> None:
    text = GOOD.replace(" — @raj", "")
    assert "action-items-owner" in {f.rule for f in findings(text)}
    off = Settings(checks={"action-items-owner": {"enabled": False}})
    assert "action-items-owner" not in {f.rule for f in findings(text, settings=off)}


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"timeline-gap": {}}, "names no rule (did you mean 'timeline-gaps'?)"),
        (
            {"timeline-gaps": {"max_gap": 5}},
            "has no parameter 'max_gap' (it has: max_gap_minutes, max_gap_share",
        ),
        ({"timeline-gaps": {"max_gap_minutes": "long"}}, "max_gap_minutes = 'long': expected int"),
        ({"timeline-gaps": {"severity": "fatal"}}, "use error, warning or info"),
        ({"timeline-gaps": {"enabled": "no"}}, "enabled must be true or false"),
    ],
)
def test_a_bad_checks_table_is_a_config_error(table: dict[str, dict[str, object]], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        findings(GOOD, settings=Settings(checks=table))
    assert message in str(caught.value)
