from __future__ import annotations

import datetime as dt

from afterboard.extract.impact import find_severity, read_impact, users_affected


def test_read_impact_finds_each_fact_once() -> None:
    facts = read_impact(
        ["12% of checkout requests failed for ~3,000 EU customers", "lasted 1h 10m", "SEV-2 declared"]
    )
    assert facts.users_share == 0.12
    assert facts.users_affected == 3000
    assert facts.duration == dt.timedelta(minutes=70)
    assert facts.severity == "SEV-2"
    assert facts.who is not None and "customers" in facts.who


def test_counts_with_suffixes_and_separators() -> None:
    assert users_affected("1.2k users could not log in") == 1200
    assert users_affected("about 3.400 customers") == 3400
    assert users_affected("40 tenants saw errors") == 40
    assert users_affected("3 hosts rebooted") is None


def test_severity_labels() -> None:
    assert find_severity("sev 1 incident") == "SEV-1"
    assert find_severity("P2") == "P2"
    assert find_severity("Severity: high") == "high"
    assert find_severity("major outage") == "major"
    assert find_severity("several services") is None


def test_impact_with_no_numbers_reads_nothing_invented() -> None:
    facts = read_impact(["Some people were unhappy"])
    assert (facts.users_share, facts.users_affected, facts.duration, facts.severity) == (
        None,
        None,
        None,
        None,
    )
