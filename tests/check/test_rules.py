"""Every rule fires on a document that has the problem, and stays quiet on a close case that does not."""

from __future__ import annotations

import datetime as dt

import pytest
from check_fixtures import GOOD, NOW, findings, rules_of, without

from afterboard.checks import Severity, all_rules


def swap(old: str, new: str, text: str = GOOD) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


SUMMARY = """\
On 2026-11-20 a deploy of v2.3 exhausted the checkout database pool, and checkout failed for 58 minutes.
The new order-history query held its connections for seconds under production load. Staging holds a
tenth of production's data, so the query was fast there and nothing flagged it before the deploy. The
on-call engineer rolled back to v2.2 and checkout recovered; three changes follow.
"""
PLAIN_SUMMARY = "The team met on 2026-11-24 to review the deploy of v2.3 and wrote this document together.\n"
"""A summary that states no section: without the sections' headings, nothing of them is left in prose."""


def bare(heading: str) -> str:
    """The document without the section under `heading`, nor any prose that tells it (the summary and
    the lessons state the impact, the cause, what made it worse and what comes next)."""
    return swap(SUMMARY, PLAIN_SUMMARY, without("Lessons learned", without(heading)))


ITEMS = """\
- [ ] Add a load test with production-sized data to CI — @ana — by 2026-12-05
- [ ] Lower the checkout error-rate alert to 2% — @raj — by 2026-11-27
- [ ] Add a canary stage for checkout deploys — @sam — by 2026-12-18
"""
IMPACT = """\
- About 3,400 EU customers (12% of checkout attempts) saw an error page.
- Checkout failed for 58 minutes, from 09:20 to 10:18 UTC.
"""
WHYS = "4. Why? Because no load test runs against production-sized data."


def items(*lines: str) -> str:
    return swap(ITEMS, "".join(f"{line}\n" for line in lines))


def root_cause(body: str) -> str:
    return without("Root cause").replace(
        "## Contributing factors", f"## Root cause\n\n{body}\n\n## Contributing factors"
    )


CASES: list[tuple[str, str, str]] = [
    # rule, a document where it fires, a close one where it must not
    ("impact-missing", bare("Impact"), GOOD),
    (
        "timeline-missing",
        without("Timeline (all times UTC)"),
        swap(
            "| Time | Event |\n|---|---|\n| 09:12 | Deploy v2.3 started (new order-history query) |",
            "- 09:12 Deploy v2.3 started (new order-history query)",
        ),
    ),
    (
        "root-cause-missing",
        bare("Root cause"),
        root_cause(
            "A new query held its database connections for seconds because no load test runs against "
            "production-sized data, so the pool ran dry under real load."
        ),
    ),
    (
        "contributing-factors-missing",
        bare("Contributing factors"),
        swap("## Contributing factors", "## What went wrong"),
    ),
    ("went-well-missing", bare("What went well"), swap("## What went well", "## What worked well")),
    ("action-items-missing", bare("Action items"), swap("## Action items", "## Remediation")),
    ("structure-implicit-section", without("Impact"), GOOD),
    (
        "structure-order",
        swap("## Root cause", "## Action items\n\n" + ITEMS + "\n## Root cause", without("Action items")),
        without("Timeline (all times UTC)")
        + "\n## Timeline (UTC)\n\n- 09:12 deploy started\n- 10:30 all clear\n",
    ),
    (
        "structure-placeholder",
        swap("- The rollback took 7 minutes", "- ??? The rollback took 7 minutes"),
        swap("Lower the checkout", "TODO: Lower the checkout"),
    ),
    (
        "impact-who",
        swap(IMPACT, "- For 58 minutes, 12% of page loads returned errors.\n"),
        swap(
            "- About 3,400 EU customers (12% of checkout attempts) saw an error page.",
            "- 12% of EU customers saw errors.",
        ),
    ),
    (
        "impact-how-many",
        swap("About 3,400 EU customers (12% of checkout attempts)", "EU customers"),
        swap("About 3,400 EU customers (12% of checkout attempts)", "About 3,400 EU customers"),
    ),
    (
        "impact-duration",
        swap(
            "| 10:30 | All clear, incident closed |\n",
            "",
            swap("- Checkout failed for 58 minutes, from 09:20 to 10:18 UTC.\n", ""),
        ),
        swap("- Checkout failed for 58 minutes, from 09:20 to 10:18 UTC.\n", ""),
    ),
    (
        "impact-severity",
        swap("severity: SEV-2\n", ""),
        swap(
            "- Checkout failed for 58",
            "- Severity: SEV-2\n- Checkout failed for 58",
            swap("severity: SEV-2\n", ""),
        ),
    ),
    (
        "timeline-order",
        swap("| 09:31 | Pager", "| 09:51 | Pager"),
        swap("| 09:31 | Pager", "| 09:44 | Pager"),
    ),
    (
        "timeline-timezone",
        swap("## Timeline (all times UTC)", "## Timeline"),
        swap("| 09:12 | Deploy", "| 09:12 UTC | Deploy", swap("## Timeline (all times UTC)", "## Timeline")),
    ),
    ("timeline-moments", swap("| 10:30 | All clear, incident closed |\n", ""), GOOD),
    ("timeline-gaps", swap("| 10:30 | All clear", "| 13:30 | All clear"), GOOD),
    (
        "root-cause-trigger-only",
        root_cause("A bad deploy."),
        root_cause("A deploy with no load test against production-sized data."),
    ),
    (
        "root-cause-human-error",
        root_cause("Human error during the deploy."),
        root_cause("It was not human error: the deploy script ran the migration without a lock."),
    ),
    ("root-cause-stops-at-person", swap(WHYS, "4. Why? Because Sam forgot to run the load test."), GOOD),
    (
        "contributing-factors-copy",
        swap(
            "- The deploy went out on a Friday",
            "- No load test runs against production-sized data.\n- The deploy went out on a Friday",
        ),
        GOOD,
    ),
    (
        "action-items-count",
        items("- [ ] Add a load test with production-sized data to CI — @ana — by 2026-12-05"),
        GOOD,
    ),
    (
        "action-items-owner",
        swap(" — @raj — by 2026-11-27", " — by 2026-11-27"),
        swap(" — @raj — by 2026-11-27", " (Raj) by 2026-11-27"),
    ),
    (
        "action-items-deadline",
        swap(" — @raj — by 2026-11-27", " — @raj"),
        swap(" — @raj — by 2026-11-27", " — @raj — next sprint"),
    ),
    (
        "action-items-overdue",
        swap(
            "- [ ] Lower the checkout error-rate alert to 2% — @raj — by 2026-11-27",
            "- [ ] Lower the checkout error-rate alert to 2% — @raj — by 2026-11-10",
        ),
        swap(
            "- [ ] Lower the checkout error-rate alert to 2% — @raj — by 2026-11-27",
            "- [x] Lower the checkout error-rate alert to 2% — @raj — by 2026-11-10",
        ),
    ),
    (
        "action-items-far-deadline",
        swap("by 2026-12-18", "by 2028-06-01"),
        swap("by 2026-12-18", "by 2027-03-01"),
    ),
    (
        "action-items-vague",
        swap("Lower the checkout error-rate alert to 2%", "Improve monitoring"),
        swap("Lower the checkout error-rate alert to 2%", "Improve pool monitoring: alert at 80% saturation"),
    ),
    (
        "action-items-duplicate",
        swap("Lower the checkout error-rate alert to 2%", "Add a canary stage for the checkout deploys"),
        swap("Lower the checkout error-rate alert to 2%", "Add a canary stage for search"),
    ),
    (
        "action-items-preventive",
        items(
            "- [ ] Document the rollback in the runbook — @ana — by 2026-12-05",
            "- [ ] Update the docs on pool sizes — @raj — by 2026-11-27",
            "- [ ] Hold a training on deploys — @sam — by 2026-12-18",
        ),
        GOOD,
    ),
    (
        "blameless-person-failure",
        swap("| 09:45 | Rollback to v2.2 started |", "| 09:45 | Ana forgot to run the migration |"),
        swap("| 09:45 | Rollback to v2.2 started |", "| 09:45 | Ana rolled back the deploy |"),
    ),
    (
        "blameless-blame-words",
        swap("- The deploy went out", "- Careless review let the query through.\n- The deploy went out"),
        swap("- The deploy went out", "- The pool is not fault-tolerant.\n- The deploy went out"),
    ),
    (
        "blameless-counterfactual",
        swap(
            "- The deploy went out",
            "- Had Ana checked the pool, nothing would have failed.\n- The deploy went out",
        ),
        swap(
            "- The deploy went out",
            "- Had the canary been in place, nothing would have failed.\n- The deploy went out",
        ),
    ),
    (
        "blameless-action-at-person",
        swap(
            "Lower the checkout error-rate alert to 2%", "Remind Raj to lower the checkout error-rate alert"
        ),
        swap(
            "Lower the checkout error-rate alert to 2%", "Train all on-call engineers on the error-rate alert"
        ),
    ),
    (
        "length-read-time",
        root_cause("The pool ran dry. " + "Connections were held for seconds by the query. " * 140),
        GOOD,
    ),
]


@pytest.mark.parametrize(("rule", "fires", "close"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires_on_the_problem_and_not_on_the_close_case(rule: str, fires: str, close: str) -> None:
    assert rule in rules_of(fires)
    assert rule not in rules_of(close)


def test_every_rule_has_a_case_here_or_a_test_of_its_own() -> None:
    covered = {c[0] for c in CASES} | {
        "root-cause-depth",
        "length-pages",
        "publication-due",
        "publication-required",
    }
    assert {r.id for r in all_rules()} <= covered


def test_a_complete_document_has_no_error_or_warning() -> None:
    assert [f for f in findings(GOOD) if f.severity is not Severity.INFO] == []


def _of(rule: str, text: str = GOOD, **kwargs: object) -> list:  # type: ignore[type-arg]
    return [f for f in findings(text, **kwargs) if f.rule == rule]  # type: ignore[arg-type]


def test_depth_of_the_chain_is_reported_and_a_shallow_chain_is_a_warning() -> None:
    [deep] = _of("root-cause-depth")
    assert deep.severity is Severity.INFO and "4 deep" in deep.message
    found = _of(
        "root-cause-depth",
        root_cause(
            "### Five whys\n\n1. Why did checkout fail? Because the pool was "
            "exhausted.\n2. Why? Because the query held connections."
        ),
    )
    assert [f.severity for f in found] == [Severity.WARNING] and "only 2 deep" in found[0].message


def test_length_counts_pages_when_known_and_estimates_from_words_otherwise() -> None:
    from afterboard.checks import check
    from afterboard.parse import parse_postmortem

    thin = "# Outage\n\n## Impact\n\nSome users saw errors.\n"
    assert [f.severity for f in _of("length-pages", thin)] == [Severity.WARNING]
    pm = parse_postmortem(GOOD, today=NOW.date())
    assert [f.rule for f in check(pm, now=NOW, pages=2) if f.rule == "length-pages"] == []
    [long] = [f for f in check(pm, now=NOW, pages=5) if f.rule == "length-pages"]
    assert "5 pages" in long.message and long.severity is Severity.WARNING


@pytest.mark.parametrize(
    ("now", "severity", "words"),
    [
        (NOW, Severity.INFO, "Publish within 1 d 1 h"),
        (dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.UTC), Severity.WARNING, "14 h 30 min left"),
        (
            dt.datetime(2026, 11, 25, 10, 30, tzinfo=dt.UTC),
            Severity.WARNING,
            "2 d past its publication deadline",
        ),
    ],
)
def test_publication_says_how_much_time_is_left_or_how_late(
    now: dt.datetime, severity: Severity, words: str
) -> None:
    [found] = _of("publication-due", now=now)
    assert found.severity is severity and words in found.message


def test_a_published_post_mortem_is_not_due() -> None:
    assert (
        _of(
            "publication-due",
            swap("status: draft", "status: published"),
            now=dt.datetime(2026, 12, 30, tzinfo=dt.UTC),
        )
        == []
    )


def test_publication_required_says_why_or_why_not() -> None:
    [required] = _of("publication-required")
    assert "required: it lasted 58 min, over 30 min" in required.message
    small = swap(
        "About 3,400 EU customers (12% of checkout attempts)",
        "About 40 EU customers (0.1% of checkouts)",
        swap(
            "Checkout failed for 58 minutes",
            "Checkout failed for 12 minutes",
            swap(
                "| 10:30 | All clear",
                "| 09:24 | All clear",
                swap(
                    "| 09:31 | Pager alert fired, on-call (Ana) paged |",
                    "| 09:21 | Alert fired |",
                    swap(
                        "| 09:45 | Rollback",
                        "| 09:22 | Rollback",
                        swap(
                            "| 09:52 | Rolled",
                            "| 09:23 | Rolled",
                            swap(
                                "| 09:12 | Deploy",
                                "| 09:11 | Deploy",
                                swap("| 09:20 | Checkout", "| 09:12 | Checkout"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )
    [optional] = _of("publication-required", small)
    assert "not required by policy" in optional.message


def test_a_retro_without_milestones_or_goals_gets_a_warning_and_an_incident_an_error() -> None:
    retro = "# Beta 3 retrospective\n\n## What went well\n\n- Shipped the importer\n"
    severities = {f.rule: f.severity for f in findings(retro)}
    assert severities["timeline-missing"] == severities["impact-missing"] == Severity.WARNING
    incident = {f.rule: f.severity for f in findings(without("Timeline (all times UTC)"))}
    assert incident["timeline-missing"] == Severity.ERROR
