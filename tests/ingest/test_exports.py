"""Chat exports and alert logs, shaped as Slack's export and PagerDuty's log_entries API document them."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

from afterboard.drafting import draft
from afterboard.errors import EmptyBoardError, InputError
from afterboard.ingest.sources import read_source
from afterboard.postmortem import Mark
from helpers import write

T0 = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def ts(minutes: int) -> str:
    return f"{(T0 + dt.timedelta(minutes=minutes)).timestamp():.6f}"


MESSAGES = [
    {
        "type": "message",
        "subtype": "channel_join",
        "user": "U1",
        "text": "<@U1> has joined the channel",
        "ts": ts(0),
    },
    {"type": "message", "user": "U1", "text": "checkout 5xx alert fired, looking", "ts": ts(12)},
    {"type": "message", "user": "U2", "text": "ok", "ts": ts(13)},
    {
        "type": "message",
        "user": "U2",
        "text": "Impact: ~12% of checkouts failing for EU customers",
        "ts": ts(15),
    },
    {"type": "message", "user": "U1", "text": "<@U2> can you look at the pool?", "ts": ts(16)},
    {
        "type": "message",
        "user": "U2",
        "text": "rolled back to v2.2 &amp; watching",
        "ts": ts(30),
        "reactions": [{"name": "eyes", "count": 1}],
    },
    {
        "type": "message",
        "user": "U1",
        "text": "error rate at 14% at peak <https://grafana.example/d/1|dashboard>",
        "ts": ts(31),
        "reactions": [{"name": "pushpin", "count": 2}],
    },
    {"type": "message", "user": "U1", "text": "Root cause: new query held pool connections", "ts": ts(50)},
    {
        "type": "message",
        "user": "U2",
        "text": "AI: add load test with prod-sized data <@U1> by 12/05",
        "ts": ts(55),
    },
    {"type": "message", "user": "U1", "text": "all clear, resolved", "ts": ts(70)},
]
USERS = [
    {"id": "U1", "name": "ana", "profile": {"display_name": "ana", "real_name": "Ana Lopez"}},
    {"id": "U2", "name": "raj", "profile": {"display_name": "", "real_name": "Raj Patel"}},
]
CHANNELS = [
    {"id": "C1", "name": "inc-checkout", "purpose": {"value": "Checkout errors after v2.3 deploy"}},
    {"id": "C2", "name": "general", "purpose": {"value": ""}},
]


def slack_zip(path: Path, *, channels: tuple[str, ...] = ("inc-checkout",)) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("users.json", json.dumps(USERS))
        archive.writestr("channels.json", json.dumps(CHANNELS))
        for channel in channels:
            archive.writestr(f"{channel}/2026-11-20.json", json.dumps(MESSAGES))
    return path


def test_a_slack_export_keeps_labelled_pinned_and_what_happened_messages(tmp_path: Path) -> None:
    board = read_source(slack_zip(tmp_path / "export.zip"))
    assert board.title == "Checkout errors after v2.3 deploy"
    assert [(n.section, n.text) for n in board.notes] == [
        ("timeline", "checkout 5xx alert fired, looking"),
        ("impact", "~12% of checkouts failing for EU customers"),
        ("timeline", "rolled back to v2.2 & watching"),
        ("timeline", "error rate at 14% at peak dashboard"),
        ("root_cause", "new query held pool connections"),
        ("action_items", "add load test with prod-sized data @ana by 12/05"),
        ("timeline", "all clear, resolved"),
    ]
    assert board.notes[0].time == T0 + dt.timedelta(minutes=12)
    assert board.notes[0].source == "export.zip#inc-checkout/2026-11-20.json@" + ts(12)


def test_a_slack_export_drafts_with_its_moments_and_owners(tmp_path: Path) -> None:
    pm = draft(read_source(slack_zip(tmp_path / "export.zip")))
    assert [(e.mark, e.at) for e in pm.timeline if e.mark] == [
        (Mark.DETECTED, T0 + dt.timedelta(minutes=12)),
        (Mark.MITIGATED, T0 + dt.timedelta(minutes=30)),
        (Mark.RESOLVED, T0 + dt.timedelta(minutes=70)),
    ]
    assert [(a.owner, a.due) for a in pm.action_items] == [("ana", dt.date(2026, 12, 5))]


def test_a_slack_export_with_several_channels_asks_which(tmp_path: Path) -> None:
    export = slack_zip(tmp_path / "export.zip", channels=("inc-checkout", "general"))
    with pytest.raises(InputError, match=r"holds 2 channels; choose the incident's with --channel"):
        read_source(export)
    assert read_source(export, channel="#inc-checkout").notes
    with pytest.raises(InputError, match="has no channel 'nope'; it has: general, inc-checkout"):
        read_source(export, channel="nope")


def test_a_slack_channel_folder_and_a_day_file_are_read_too(tmp_path: Path) -> None:
    write(tmp_path / "users.json", json.dumps(USERS))
    day = write(tmp_path / "inc-checkout" / "2026-11-20.json", json.dumps(MESSAGES))
    assert len(read_source(tmp_path).notes) == 7
    assert "@ana" in read_source(day).notes[5].text


def test_a_channel_with_nothing_to_draft_says_so(tmp_path: Path) -> None:
    chatter = [{"type": "message", "user": "U1", "text": "lunch?", "ts": ts(1)}]
    with pytest.raises(EmptyBoardError, match="none of the 1 messages in #inc is labelled"):
        read_source(write(tmp_path / "inc" / "2026-11-20.json", json.dumps(chatter)))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from afterboard.ingest import sources

    monkeypatch.setattr(sources, "MAX_EXPORT_BYTES", 1000)
    with pytest.raises(InputError, match="unpacks to more than"):
        read_source(slack_zip(tmp_path / "export.zip"))


def log_entry(kind: str, minutes: int, **extra: object) -> dict[str, object]:
    return {
        "id": f"R{minutes}",
        "type": kind,
        "summary": extra.pop("summary", kind.replace("_log_entry", "")),
        "created_at": (T0 + dt.timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z"),
        "incident": {"id": "P1", "type": "incident_reference", "summary": "[#42] Checkout 5xx rate high"},
        **extra,
    }


PD_LOG = {
    "log_entries": [
        log_entry("resolve_log_entry", 70, agent={"summary": "Ana Lopez"}),
        log_entry("notify_log_entry", 13, user={"summary": "Ana Lopez"}),
        log_entry("annotate_log_entry", 30, channel={"type": "note", "summary": "rolled back to v2.2"}),
        log_entry("acknowledge_log_entry", 15, agent={"summary": "Ana Lopez"}),
        log_entry("trigger_log_entry", 12, channel={"type": "api", "summary": "5xx rate above 5%"}),
    ],
    "limit": 25,
    "offset": 0,
    "more": False,
}


def test_a_pagerduty_log_becomes_a_timed_timeline(tmp_path: Path) -> None:
    board = read_source(write(tmp_path / "log.json", json.dumps(PD_LOG)))
    assert board.title == "[#42] Checkout 5xx rate high"
    assert [n.text for n in board.notes] == [
        "alert fired: [#42] Checkout 5xx rate high",
        "acknowledged by Ana Lopez",
        "note: rolled back to v2.2",
        "resolved by Ana Lopez",
    ]
    pm = draft(board)
    assert (pm.detected_at, pm.mitigated_at, pm.resolved_at) == (
        T0 + dt.timedelta(minutes=12),
        T0 + dt.timedelta(minutes=30),
        T0 + dt.timedelta(minutes=70),
    )
    assert pm.date == dt.date(2026, 11, 20)


def test_notes_and_an_alert_log_merge_into_one_board(tmp_path: Path, run_cli: object) -> None:
    from click.testing import CliRunner

    from afterboard.cli import cli

    log = write(tmp_path / "log.json", json.dumps(PD_LOG))
    notes = write(
        tmp_path / "notes.md",
        "Checkout\n\n## What went well\n- fast rollback\n## Action items\n- Add canary @sam EOW\n",
    )
    result = CliRunner().invoke(cli, ["draft", str(notes), str(log), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    pm = json.loads(result.stdout)["postmortem"]
    assert pm["went_well"][0]["text"] == "fast rollback"
    assert pm["resolved_at"] == "2026-11-20T10:10:00Z"
    assert pm["action_items"][0]["due"] == "2026-11-20"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "is not valid JSON (line 1, column 2)"),
        ('{"postmortem": {}}', "is an afterboard draft, not notes"),
        ('{"hello": 1}', "JSON afterboard does not know"),
        (
            '{"log_entries": [{"type": "notify_log_entry", "created_at": "2026-11-20T09:00:00Z"}]}',
            "holds no log entries",
        ),
    ],
)
def test_unusable_json_sources_get_one_sentence(tmp_path: Path, content: str, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        read_source(write(tmp_path / "x.json", content))


def test_a_zip_that_is_no_slack_export_says_so(tmp_path: Path) -> None:
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match="is not a Slack export"):
        read_source(path)
