"""Reading post-mortems as teams write them: the markup habits of real documents, each in a small fixture."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from afterboard.checks import check_document
from afterboard.errors import InputError
from afterboard.parse import parse_document, parse_postmortem, read_document, read_postmortem
from afterboard.postmortem import ActionStatus, Kind, Mark, Status
from helpers import write

DAY = dt.date(2026, 11, 27)


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_document(text, name="pm.md", today=DAY)


def test_setext_headings_and_yaml_front_matter() -> None:
    doc = parse(
        "---\ntitle: 'Search outage'\ndate: 2026-03-04\nauthors:\n  - Ana\n  - Raj\nstatus: published\n---\n"
        "\n"
        "Summary\n=======\n\nSearch was down.\n\nTimeline\n--------\n\n- 10:00 UTC errors start\n"
        "- 10:20 UTC rolled back\n\nWhat went well\n--------------\n\n- Rollback was fast\n"
    )
    pm = doc.postmortem
    assert (pm.title, pm.date, pm.authors, pm.status) == (
        "Search outage",
        dt.date(2026, 3, 4),
        ("Ana", "Raj"),
        Status.PUBLISHED,
    )
    assert [e.text for e in pm.timeline] == ["errors start", "rolled back"]
    assert pm.timeline[0].at == dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)
    assert pm.timezone == "UTC"
    assert doc.found.sections_headed == ["timeline", "went_well"]


def test_toml_front_matter_and_an_mdx_header_are_metadata_not_text() -> None:
    toml = parse('+++\ntitle = "DNS outage"\ndate = "2026-02-01"\n+++\n\n## Impact\n\n- 5% of users\n')
    assert toml.postmortem.title == "DNS outage" and toml.postmortem.date == dt.date(2026, 2, 1)
    mdx = parse(
        "import { Layout } from '@/components/Layout'\n\nexport const post = {\n  title: 'Relay outage',\n"
        "  date: '2024-11-19',\n}\n\nexport default (props) => <Layout {...props} />\n\n## What went well\n\n"
        "- Alerts\n"
    )
    assert mdx.postmortem.title == "Relay outage" and mdx.postmortem.date == dt.date(2024, 11, 19)
    assert "import" not in json.dumps(mdx.postmortem.model_dump(mode="json"))


def test_a_page_opening_with_a_rule_is_not_all_front_matter() -> None:
    doc = parse(
        "---\n\n# Disk full on the build host\n\nDate: 2026-05-02\n**Severity:** low\n\n## Impact\n\n"
        "Builds failed for two hours.\n\n---\n\n## Timeline\n\n- 09:00 UTC builds fail\n"
    )
    assert doc.postmortem.title == "Disk full on the build host"
    assert doc.found.sections_headed == ["impact", "timeline"]
    comments = parse("---\ntitle: Relay outage\n  # a comment\ntags: [dns]\n---\n\n## Impact\n\nDown.\n")
    assert comments.postmortem.title == "Relay outage" and comments.found.sections_headed == ["impact"]


def test_bold_text_and_html_used_as_headings() -> None:
    doc = parse(
        "# Outage\n\n**What went well**\n\n- The alert fired\n\n## <span>Root cause</span>\n\n"
        "A leak in the pool.\n\n"
        "<h2>Action items</h2>\n\n- Fix the leak — @ana — by 2026-12-01\n"
    )
    assert doc.found.sections_headed == ["root_cause", "went_well", "action_items"]
    assert doc.postmortem.action_items[0].owner == "ana"


def test_a_timeline_table_with_dates_and_a_zone_in_its_header() -> None:
    pm = parse(
        "# X\n\n## Timeline\n\n| Date and Time in CET | Event |\n|---|---|\n"
        "| 2019-11-29 23:50 | Scaled up |\n"
        "| 2019-11-30 00:10 | Warning from AWS |\n| 2019-11-30 --:-- | Surge of new pods |\n"
    ).postmortem
    assert pm.timezone == "CET"
    assert [e.at.isoformat() if e.at else None for e in pm.timeline][:2] == [
        "2019-11-29T23:50:00+01:00",
        "2019-11-30T00:10:00+01:00",
    ]
    assert pm.timeline[2].at is not None and pm.timeline[2].at.date() == dt.date(2019, 11, 30)


def test_every_timestamp_a_heading_with_day_headings_and_a_twelve_hour_clock() -> None:
    pm = parse(
        "# 2020-08-28 - Memory overload\n\n## Timeline (times in BST)\n\n### 08:52 PM\n\n"
        "Users report errors.\n\n"
        "### 09:02 PM\n\nThe hub is restarted and recovered.\n\n### 2020-08-29\n\n### 01:15 AM\n\n"
        "All clear.\n"
    ).postmortem
    assert [(e.at.strftime("%m-%d %H:%M") if e.at else None, e.text) for e in pm.timeline] == [
        ("08-28 20:52", "Users report errors."),
        ("08-28 21:02", "The hub is restarted and recovered."),
        ("08-29 01:15", "All clear."),
    ]
    assert pm.timezone == "BST"


def test_timeline_lines_separated_by_br_in_one_paragraph_and_shouted_marks() -> None:
    pm = parse(
        "# X\n\n## Timeline (all times in PST)\n\n### 2023-08-25\n\n"
        "15:27 - DNS change submitted.<br> 21:14 - Change "
        "takes effect. **<START OF OUTAGE>**<br> 21:20 - Monitoring sends an e-mail.\n"
    ).postmortem
    assert [e.at.strftime("%H:%M") for e in pm.timeline if e.at] == ["15:27", "21:14", "21:20"]
    assert pm.timeline[1].mark is Mark.STARTED and pm.started_at == pm.timeline[1].at


def test_action_items_in_a_table_with_owner_due_and_status_columns() -> None:
    pm = parse(
        "# X\n\n## Action items\n\n| Action Item | Type | Owner | Due | Status |\n|---|---|---|---|---|\n"
        "| Add load shedding | prevent | agoogler | 2026-12-01 | TODO |\n"
        "| Update playbook | mitigate | jen | | DONE |\n"
        "| Add a canary | prevent | ??? | Q1 2027 | in progress |\n"
    ).postmortem
    items = [(a.text, a.owner, a.due, a.status, a.category) for a in pm.action_items]
    assert items == [
        ("Add load shedding", "agoogler", dt.date(2026, 12, 1), ActionStatus.OPEN, "prevent"),
        ("Update playbook", "jen", None, ActionStatus.DONE, "mitigate"),
        ("Add a canary", None, dt.date(2027, 3, 31), ActionStatus.IN_PROGRESS, "prevent"),
    ]


def test_task_lists_emoji_struck_items_and_groups_that_say_something_of_their_items() -> None:
    pm = parse(
        "# X\n\n## Remediation\n\n### Immediate actions (completed)\n\n- Raised the timeout\n\n"
        "### Long-term (Q4 2026 - Q1 2027)\n\n- [ ] Split read and write pools. Owner: @lucas\n"
        "- [x] Add a circuit breaker [PR](https://github.com/o/r/pull/7)\n- ✅ Move timeouts to config\n"
        "- ~~Rewrite the service~~\n- Investigate pool sizing (#2127)\n"
    ).postmortem
    got = [(a.text, a.owner, a.status, a.due, a.link) for a in pm.action_items]
    assert got == [
        ("Raised the timeout", None, ActionStatus.DONE, None, None),
        ("Split read and write pools.", "lucas", ActionStatus.OPEN, dt.date(2027, 3, 31), None),
        (
            "Add a circuit breaker PR",
            None,
            ActionStatus.DONE,
            dt.date(2027, 3, 31),
            "https://github.com/o/r/pull/7",
        ),
        ("Move timeouts to config", None, ActionStatus.DONE, dt.date(2027, 3, 31), None),
        ("Rewrite the service", None, ActionStatus.DONE, dt.date(2027, 3, 31), None),
        ("Investigate pool sizing", None, ActionStatus.OPEN, dt.date(2027, 3, 31), "#2127"),
    ]


def test_impact_stated_only_in_the_summary_is_found_without_a_heading() -> None:
    doc = parse(
        "# Checkout outage\n\n## Summary\n\n"
        "On May 3 checkout was unavailable for 45 minutes for about 12% of "
        "users in the EU.\n\n## Timeline (UTC)\n\n- 10:00 errors start\n- 10:45 resolved\n"
    )
    assert "impact" in doc.found.sections_found and "impact" not in doc.found.sections_headed
    assert doc.found.implicit["impact"] == 5
    impact = doc.postmortem.impact
    assert impact.users_share == pytest.approx(0.12) and impact.duration == dt.timedelta(minutes=45)


def test_a_bold_label_counts_as_a_heading_a_plain_one_as_prose_and_an_empty_heading_as_nothing() -> None:
    doc = parse(
        "# X\n\nRoot cause: the cache expired all keys at once.\n\n## Trigger\n\n## Timeline\n\n"
        "A full timeline is on the [status page](https://status.example.com).\n"
    )
    assert doc.found.sections_headed == [] and doc.found.sections_found == ["root_cause"]
    assert doc.found.reasons["root_cause"] == "labelled 'Root cause' in the prose"
    assert doc.postmortem.root_cause.statements[0].text == "the cache expired all keys at once."
    bold = parse("# X\n\n**Root cause:** the cache expired all keys at once.\n")
    assert bold.found.sections_headed == ["root_cause"]
    status = parse("Login errors\n\nUser impact: some users could not sign in.\nNext steps: nothing yet.\n")
    assert status.found.sections_headed == [] and "impact" in status.found.sections_found


def test_unknown_sections_are_kept_and_code_does_not_count_as_words() -> None:
    doc = parse("# X\n\n## Attendees\n\n- Ana\n- Raj\n\n## Appendix\n\n```\n" + "log line\n" * 500 + "```\n")
    assert [(x.title, [i.text for i in x.items]) for x in doc.postmortem.extra_sections] == [
        ("Attendees", ["Ana", "Raj"]),
        ("Appendix", []),
    ]
    assert doc.words < 20


def test_a_retrospective_is_read_as_a_project_post_mortem() -> None:
    pm = parse_postmortem("# Beta 3 retrospective\n\n## What went well\n\n- Shipped on time\n", today=DAY)
    assert pm.kind is Kind.PROJECT


def test_read_postmortem_accepts_afterboard_json_bare_or_wrapped(tmp_path: Path) -> None:
    pm = parse_postmortem("# Outage\n\n## Impact\n\n- 5% of users saw errors\n", today=DAY)
    data = pm.model_dump(mode="json")
    wrapped = write(tmp_path / "draft.json", json.dumps({"notes": [], "postmortem": data}))
    bare = write(tmp_path / "bare.json", json.dumps(data))
    assert read_postmortem(wrapped) == pm == read_postmortem(bare)
    assert read_document(bare).found.sections_found == ["impact"]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"{not json", "is not valid JSON"),
        (b'{"postmortem": {"kind": "outage"}}', "not an afterboard post-mortem"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "is a PNG image"),
    ],
)
def test_unusable_files_are_refused_in_one_sentence(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = write(tmp_path / "pm.json", content)
    with pytest.raises(InputError, match=fragment):
        read_postmortem(path)
    with pytest.raises(InputError, match="no such file"):
        read_postmortem(tmp_path / "missing.md")


def test_a_table_whose_line_breaks_were_lost_is_still_read_row_by_row() -> None:
    pm = parse(
        "# X\n\n## Action items\n\n"
        "| Action Item | Owner | Issue | Notes | |-------------|-------|-------|-------|\n"
        "| Build all examples on CI. |\n[@xster](https://github.com/xster) ||\n"
        "[Done](https://x/pr/1) | | Add a "
        "hidden flag to upgrade. | @tv |\n#14970 || | Fetch refs first. | @tv | #14893 | |\n"
    ).postmortem
    assert [(a.text, a.owner, a.status) for a in pm.action_items] == [
        ("Build all examples on CI.", "xster", ActionStatus.DONE),
        ("Add a hidden flag to upgrade.", "tv", ActionStatus.OPEN),
        ("Fetch refs first.", "tv", ActionStatus.OPEN),
    ]


def test_numbered_steps_with_bold_titles_keep_their_bullets_as_details() -> None:
    pm = parse(
        "# X\n\n## Remediation\n\n1. **Migrate the table**\nWe moved the data:\n\n- Created the new table\n"
        "- Backfilled rows\n\n2. **Add OID monitoring**\n\n- Alert at 80%\n"
    ).postmortem
    assert [a.text for a in pm.action_items] == ["Migrate the table We moved the data", "Add OID monitoring"]


def test_action_points_written_in_the_lessons_count_when_there_is_no_action_section() -> None:
    doc = parse(
        "# X\n\n## Lessons learned\n\nAlerts came late.\n\nAction point: enable push alerts from forkmon.\n"
    )
    assert [a.text for a in doc.postmortem.action_items] == ["Enable push alerts from forkmon."]


def test_a_lowercase_aside_in_brackets_is_not_an_owner() -> None:
    pm = parse(
        "# X\n\n## Action items\n\n- Add metrics for the redirect service (issue)\n- Add a canary (Sam)\n"
        "- Fix the leak — owner: ops-team\n"
    ).postmortem
    assert [a.owner for a in pm.action_items] == [None, "Sam", "ops-team"]


def test_a_day_line_that_states_the_zone_sets_the_day_and_is_no_event() -> None:
    pm = parse_postmortem(
        "# Outage\n\n## Timeline\n\n2015-10-21 (*all times UTC*)\n\n"
        "- 14:51 reports arrive\n- 14:53 traffic 88x\n"
    )
    assert [(e.at.isoformat() if e.at else None, e.text) for e in pm.timeline] == [
        ("2015-10-21T14:51:00+00:00", "reports arrive"),
        ("2015-10-21T14:53:00+00:00", "traffic 88x"),
    ]
    assert pm.timezone == "UTC"


def test_a_timeline_heading_over_steps_in_order_counts_without_their_times() -> None:
    steps = parse(
        "# X\n\n## Timeline\n\n- Kernel installed\n- Reboot hangs at the splash\n- Rebuilt the initramfs\n"
    )
    assert steps.found.sections_headed == ["timeline"]
    assert "timeline-moments" in [f.rule for f in check_document(steps)]
    link = parse("# X\n\n## Timeline\n\n- See the [status page](https://status.example.com)\n")
    assert link.found.sections_headed == []


def test_an_action_table_opening_with_its_separator_line_has_no_header_and_still_reads() -> None:
    doc = parse(
        "# Cluster setup\n\n## Action items\n\n"
        "|-------------|-------------|---------------|----------|\n"
        "| Description | Type-Action | Related Issue | Assignee |\n"
        "| Save progress live in docs as things are developed. | PROCESS-IMPROVE |\n"
        "| Develop ways of provisioning new machines automatically | CODE-ADD | | |\n"
    )
    texts = [a.text for a in doc.postmortem.action_items]
    assert "Save progress live in docs as things are developed." in texts
