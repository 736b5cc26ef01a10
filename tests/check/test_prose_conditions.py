"""Causes and contributing factors a careful reader finds though no causal word says them: a fault told as
a flaw or a state wrongly set, a condition that slowed the response, a suspected cause; and what does not
count (a fix, an ordinary duration, 'so that')."""

from __future__ import annotations

import datetime as dt

import pytest

from afterboard.parse import parse_document

DAY = dt.date(2026, 11, 20)
HEAD = "# Login outage\n\n## Summary\n\nLogins failed for 40 minutes for all users.\n\n"


def found(body: str) -> dict[str, str]:
    """Each section found in prose, with why."""
    doc = parse_document(HEAD + body, name="pm.md", today=DAY)
    return doc.found.reasons


@pytest.mark.parametrize(
    "sentence",
    [
        "The deploy role was accidentally granted a scope that covers the release workers.",
        "The new nameservers were not configured with the zone's records.",
        "A flaw in the session parser let expired tokens through.",
        "An incorrect DNS record pointed the API at the old load balancer.",
        "The certificate was never renewed after the move to the new host.",
        "The server hosting the chat service experienced a kernel panic.",
        "We ran the reindex without setting aside enough capacity for the daytime load.",
        "The worker ran out of memory while building the export.",
    ],
)
def test_a_cause_told_as_a_flaw_in_the_system_is_a_root_cause(sentence: str) -> None:
    assert found(f"## Background\n\n{sentence}\n")["root_cause"].startswith("the cause told as a flaw")


@pytest.mark.parametrize(
    "sentence",
    [
        "The resolver's TTL for the bad records was very high: 24 hours.",
        "The failing node was not identified until the next morning.",
        "It took several hours to identify the failing node.",
        "The propagation of the rollback would not complete until the next morning.",
        "Historical log drains were still configured for the service.",
        "Our failover procedures, meant to move traffic to the backup links, failed to work as expected.",
        "Our response was slower because the people on call had no access to the servers.",
        "Deploying the fix took way longer than expected.",
        "No alert was configured on the disk, so the graphs showed the growth to nobody.",
        "The provider is both our registrar and our DNS host, so there was nothing we could do.",
        "The maintenance also took out the network on our rack, which extended our downtime.",
        "Concerns were raised by the community before launch, but they were dismissed.",
        "We didn't identify our exposure until a year later.",
        "The faulty build passed our CI pipeline and our monitoring systems did not flag it.",
        "The regression did not show up in any of our integration tests.",
        "The old API did not have any rate limit in front of it.",
        "A scanner found the open port in March, but we triaged it as low priority.",
        "The warning was printed once during boot and went unread.",
        "The queue ran on a single worker host that was make or break for every upload.",
    ],
)
def test_a_condition_that_slowed_the_response_is_a_contributing_factor(sentence: str) -> None:
    assert found(f"## Background\n\n{sentence}\n")["contributing_factors"].startswith(
        "a condition that slowed"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "We deployed the new config at 10:00 and the rollback took 7 minutes.",
        "The cache is very fast and its hit rate is high.",
        "We paged the database team so that they could look at the replicas.",
        "Old dashboards are easy to find in the wiki.",
        "In addition to the report, the researcher sent us a summary.",
        "Our CI pipeline runs the tests in parallel on every push.",
        "Thanks to everyone who contributed to the project this year.",
    ],
)
def test_a_plain_account_states_neither_a_cause_nor_a_factor(sentence: str) -> None:
    reasons = found(f"## Background\n\n{sentence}\n")
    assert "root_cause" not in reasons and "contributing_factors" not in reasons


def test_a_consequence_joined_by_so_states_a_cause() -> None:
    reasons = found("## Background\n\nThe branch was uplifted, so it ran twice as many tests as usual.\n")
    assert reasons["root_cause"] == "a causal statement ('so')"


def test_a_suspected_cause_counts_under_another_sections_heading() -> None:
    doc = "## Impact\n\nThe queue stopped.\n\nAki suspects that the retry limit meant that the loop exited.\n"
    assert found(doc)["root_cause"] == "a suspected cause ('suspects')"
    assert "root_cause" not in found("## Impact\n\nWe suspect that more users saw errors.\n")


@pytest.mark.parametrize(
    "sentence",
    [
        "A surge in sign-ups hit the database, which contributed to the disruption.",
        "The migration and the nightly batch job, the two together, filled the connection pool.",
        "We underestimated how long the export would take on the larger tenants.",
    ],
)
def test_a_condition_named_with_its_share_of_the_failure_is_a_contributing_factor(sentence: str) -> None:
    assert found(f"## Background\n\n{sentence}\n")["contributing_factors"].startswith("a condition that made")
