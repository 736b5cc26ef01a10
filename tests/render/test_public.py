"""The public version: no e-mail, IP, internal host, URL, ticket, channel, handle, known name or secret is
left; every technical fact and every section stays; every replacement is reported."""

from __future__ import annotations

import re

import pytest
from render_fixtures import CASES, LEAKY, draft_text, drafted, headings

from afterboard.render.markdown import render_markdown
from afterboard.render.public import make_public
from afterboard.settings import Settings

LEAKED = (
    "dana.whitfield@example.com",
    "support@example.com",
    "ops-alerts@example.com",
    "10.20.3.17",
    "fd12:3456:789a::17",
    "redis-cache-01",
    "redis-cache-02",
    ".prod.internal",
    "ci.corp.example.net",
    "https://",
    "PAY-4312",
    "OPS-77",
    "#4521",
    "#inc-payments",
    "@kofi",
    "Kofi",
    "kofi",
    "Dana",
    "Whitfield",
    "Mei",
    "Tanaka",
    "AKIAIOSFODNN7EXAMPLE",
    "ghp_",
)
FACTS = (
    "14:02",
    "14:58",
    "payments-api 7.4",
    "18%",
    "3%",
    "0.1%",
    "2,300 customers",
    "56 minutes",
    "200 ms timeout",
    "13 minutes",
    "9 minutes",
    "no timeout",
    "SEV-2",
    "2026-11-26",
    "2026-12-03",
)


def public_markdown(case: str) -> str:
    return render_markdown(make_public(drafted(case)).pm)


def test_leaky_case_keeps_no_address_host_ticket_handle_name_or_secret() -> None:
    assert LEAKY.is_file()
    text = public_markdown("leaky")
    for leak in LEAKED:
        assert leak not in text, leak


def test_leaky_case_keeps_every_technical_fact_and_section() -> None:
    original = render_markdown(drafted("leaky"))
    text = public_markdown("leaky")
    for fact in FACTS:
        assert fact in original, fact  # the fact was there to keep
        assert fact in text, fact
    for heading in headings(drafted("leaky")):
        assert f"## {heading}" in text
    public = make_public(drafted("leaky")).pm
    original_pm = drafted("leaky")
    assert len(public.timeline) == len(original_pm.timeline)
    assert len(public.action_items) == len(original_pm.action_items)
    assert [e.at for e in public.timeline] == [e.at for e in original_pm.timeline]
    assert [a.due for a in public.action_items] == [a.due for a in original_pm.action_items]


def test_people_become_roles_and_hosts_stable_labels() -> None:
    public = make_public(drafted("leaky")).pm
    timeline = [e.text for e in public.timeline]
    assert "on-call (the on-call engineer) paged" in timeline[2]
    assert timeline[3].startswith("IC: the incident commander declared the incident in the incident channel")
    assert timeline[5].startswith("The on-call engineer found AWS key [secret removed]")
    # the same host keeps one label whether written short or in full, and two hosts get two labels
    assert "cache host B at [IP address]" in timeline[1]
    assert "(cache host B)" in public.root_cause.statements[0].text
    assert "failover to cache host A" in timeline[4]
    assert {a.owner for a in public.action_items} <= {
        "An engineer",
        "The on-call engineer",
        "The incident commander",
    }


def test_every_replacement_is_reported_for_review() -> None:
    version = make_public(drafted("leaky"))
    kinds = {r.kind for r in version.replacements}
    assert kinds == {"name", "secret", "link", "e-mail", "IP address", "host", "ticket", "channel"}
    report = version.report()
    assert f"{len(version.replacements)} replacements" in report
    for replacement in version.replacements:
        assert repr(replacement.original) in report
    assert "Dana Whitfield / Dana -> the on-call engineer" in report


def test_sources_are_dropped_from_the_public_version() -> None:
    public = make_public(drafted("leaky")).pm
    assert all(e.source is None for e in public.timeline)
    assert "leaky-notes.md" not in render_markdown(public)


@pytest.mark.parametrize("case", CASES)
def test_sample_cases_lose_every_owner_and_handle(case: str) -> None:
    pm = drafted(case)
    text = render_markdown(make_public(pm).pm)
    for item in pm.action_items:
        if item.owner:
            for name in re.split(r",\s*", item.owner):
                assert not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text), name
    assert not re.search(r"(?<![\w.])@[a-z]", text)
    for heading in headings(pm):
        assert heading in text


def test_names_the_team_configures_are_replaced_even_in_plain_prose() -> None:
    pm = draft_text("# Outage\n\n## What went well\n- coffee with Zoe kept spirits up\n")
    assert "Zoe" in render_markdown(make_public(pm).pm)
    public = make_public(pm, settings=Settings(people=("Zoe",)))
    assert "coffee with an engineer kept spirits up" in render_markdown(public.pm)


def test_people_setting_accepts_one_comma_separated_string() -> None:
    assert Settings.model_validate({"people": "Ana Lima, Bob"}).people == ("Ana Lima", "Bob")


def test_common_capitalised_words_are_not_taken_for_names() -> None:
    pm = draft_text(
        "# Outage\n\n## Timeline\n- 10:00 Support paged the database team\n- 10:05 (EU) customers hit\n"
        "- 10:30 Rollback confirmed by support\n"
    )
    version = make_public(pm)
    assert [r for r in version.replacements if r.kind == "name"] == []
    assert "Support paged the database team" in render_markdown(version.pm)


def test_a_document_with_nothing_to_hide_says_so() -> None:
    version = make_public(draft_text("# Outage\n\n## Root cause\n- the cache had no timeout\n"))
    assert version.replacements == ()
    assert "nothing was replaced" in version.report()


def test_project_post_mortems_call_people_team_members() -> None:
    version = make_public(drafted("project-launch"))
    assert {p.role for p in version.people} == {"a team member"}
    assert {a.owner for a in version.pm.action_items} == {"A team member"}
