"""The archive commands, as a user runs them: real files, a real SQLite archive, real processes for errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from helpers import assert_one_clear_line, write

NOTES = """# Checkout outage
Date: 2026-11-20
Severity: SEV2
Timeline:
- 14:02 UTC checkout errors started after a config push
- 14:10 UTC alerts fire, on-call paged
- 14:40 UTC rollback, checkout recovered
Root cause:
- a config change with no review step reached production
Contributing factors:
- no canary for config pushes
Action items:
- Add canary for config pushes @ana by 2026-12-05
- Add review step to the config repo @bob by 2026-11-25
- Alert on error rate per region @cy
"""

Run = Callable[..., Result]


@pytest.fixture
def archive(tmp_path: Path, run_cli: Run) -> str:
    db = str(tmp_path / "archive.db")
    result = run_cli("migrate", "--db", db)
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def draft_json(tmp_path: Path, run_cli: Run) -> Path:
    notes = write(tmp_path / "notes.md", NOTES)
    out = tmp_path / "draft.json"
    assert run_cli("draft", str(notes), "-o", str(out), "--today", "2026-11-27").exit_code == 0
    return out


def test_commands_refuse_an_unmigrated_archive_with_the_command_to_run(
    tmp_path: Path, run_process: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    db = tmp_path / "archive.db"
    for args in (["search", "x"], ["actions"], ["due"], ["stats"], ["show", "1"]):
        result = run_process(*args, "--db", str(db))
        assert result.returncode == 2
        assert_one_clear_line(result.stderr, "run `afterboard migrate --db")


def test_migrate_creates_then_reports_up_to_date(tmp_path: Path, run_cli: Run) -> None:
    db = str(tmp_path / "deep" / "archive.db")

    first = run_cli("migrate", "--db", db)
    again = run_cli("migrate", "--db", db)

    assert "applied 0001, 0002, 0003" in first.output
    assert "up to date" in again.output


def test_save_show_revise_and_diff(archive: str, draft_json: Path, run_cli: Run) -> None:
    saved = run_cli("save", str(draft_json), "--db", archive, "--actor", "ana")
    assert saved.exit_code == 0
    assert saved.stdout.strip() == "1"
    assert "Saved post-mortem 1 (revision 1)." in saved.stderr

    data = json.loads(draft_json.read_text())
    data["postmortem"]["title"] = "Checkout outage on Friday"
    write(draft_json, json.dumps(data))
    revised = run_cli("save", str(draft_json), "--db", archive, "--id", "1", "-m", "better title")
    assert "Saved revision 2 of post-mortem 1." in revised.stderr

    latest = run_cli("show", "1", "--db", archive)
    first = run_cli("show", "1", "--revision", "1", "--db", archive)
    diff = run_cli("show", "1", "--diff", "1", "--db", archive)
    history = run_cli("show", "1", "--history", "--db", archive)
    assert latest.stdout.startswith("# Checkout outage on Friday")
    assert first.stdout.startswith("# Checkout outage\n")
    assert "-# Checkout outage\n+# Checkout outage on Friday" in diff.stdout
    assert "better title" in history.stdout and "ana" in history.stdout
    assert "Last check: revision 2" in history.stdout  # saving runs the checks and keeps their findings


def test_draft_save_keeps_the_draft_and_its_notes(tmp_path: Path, archive: str, run_cli: Run) -> None:
    notes = write(tmp_path / "notes.md", NOTES)

    result = run_cli("draft", str(notes), "--save", "--db", archive, "--today", "2026-11-27")
    history = run_cli("show", "1", "--history", "--db", archive)

    assert result.exit_code == 0
    assert result.stdout.startswith("# Checkout outage")
    assert "Saved post-mortem 1 (revision 1)." in result.stderr
    assert "notes.md" in history.stdout and "notes" in history.stdout


def test_save_tells_about_similar_past_postmortems(archive: str, draft_json: Path, run_cli: Run) -> None:
    run_cli("save", str(draft_json), "--db", archive)
    second = run_cli("save", str(draft_json), "--db", archive)

    assert "Similar past post-mortems:\n  #1  Checkout outage" in second.stderr


def test_search_filters_and_json(archive: str, draft_json: Path, run_cli: Run) -> None:
    run_cli("save", str(draft_json), "--db", archive)

    found = run_cli("search", "canary", "--db", archive)
    as_json = json.loads(run_cli("search", "canary", "--format", "json", "--db", archive).stdout)
    filtered = run_cli("search", "canary", "--kind", "project", "--db", archive)
    by_owner = json.loads(run_cli("search", "--owner", "@bob", "--format", "json", "--db", archive).stdout)
    like = json.loads(
        run_cli("search", "--like", str(draft_json), "--format", "json", "--db", archive).stdout
    )

    assert "Checkout outage" in found.stdout and "[canary]" in found.stdout
    assert [hit["id"] for hit in as_json] == [1]
    assert "No post-mortem matches." in filtered.stderr
    assert [hit["id"] for hit in by_owner] == [1]
    assert [hit["id"] for hit in like] == [1]


def test_publish_records_the_change(archive: str, draft_json: Path, run_cli: Run) -> None:
    run_cli("save", str(draft_json), "--db", archive)

    review = run_cli("publish", "1", "--status", "in_review", "--db", archive)
    published = run_cli("publish", "1", "--db", archive, "--actor", "lead")
    again = run_cli("publish", "1", "--db", archive)

    assert "draft → in review" in review.stdout
    assert "in review → published" in published.stdout
    assert again.exit_code == 2 and "already published" in again.stderr
    assert "lead" in run_cli("show", "1", "--history", "--db", archive).stdout


def test_actions_list_mark_done_and_export(
    archive: str, draft_json: Path, run_cli: Run, tmp_path: Path
) -> None:
    run_cli("save", str(draft_json), "--db", archive)

    table = run_cli("actions", "--db", archive, "--today", "2026-11-27").stdout
    overdue = run_cli("actions", "--overdue", "--today", "2026-11-27", "--format", "json", "--db", archive)
    first_id = json.loads(overdue.stdout)[0]["id"]
    done = run_cli("actions", "--done", str(first_id), "--db", archive)
    after = json.loads(
        run_cli("actions", "--overdue", "--today", "2026-11-27", "--format", "json", "--db", archive).stdout
    )
    out = tmp_path / "jira.csv"
    run_cli("actions", "--format", "jira", "-o", str(out), "--db", archive)

    assert "(overdue)" in table and "@" not in table.split("\n")[1]
    assert [item["owner"] for item in json.loads(overdue.stdout)] == ["bob"]
    assert f"Action item {first_id}: done." in done.stderr
    assert after == []
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [row["Assignee"] for row in rows] == ["ana", "cy"]


def test_due_and_incidents(archive: str, draft_json: Path, run_cli: Run) -> None:
    run_cli("save", str(draft_json), "--db", archive)
    added = run_cli(
        "incident",
        "add",
        "INC-7",
        "--title",
        "DNS outage",
        "--resolved",
        "2026-11-21T10:00Z",
        "--duration",
        "45m",
        "--db",
        archive,
    )

    due = json.loads(run_cli("due", "--now", "2026-11-22T00:00Z", "--format", "json", "--db", archive).stdout)
    table = run_cli("due", "--now", "2026-11-22T00:00Z", "--db", archive).stdout

    assert "A post-mortem is required: it lasted 45 min" in added.stdout
    assert [(e["state"], e["postmortem_id"], e["incident_ref"]) for e in due] == [
        ("running", 1, None),
        ("missing", None, "INC-7"),
    ]
    assert "DNS outage" in table


def test_stats_text_and_json(archive: str, draft_json: Path, run_cli: Run) -> None:
    run_cli("save", str(draft_json), "--db", archive)

    text = run_cli("stats", "--db", archive).stdout
    data = json.loads(run_cli("stats", "--format", "json", "--db", archive).stdout)

    assert "Post-mortems: 1" in text
    assert "Median time to detect:   8 min" in text
    assert "Median time to resolve:  38 min" in text
    assert data["by_severity"] == {"SEV2": 1}
    assert data["action_items"] == 3 and data["completion_rate"] == 0.0


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "is not valid JSON"),
        ('{"postmortem": {"kind": "outage"}}', "not an afterboard post-mortem (kind"),
        (b"\x89PNG\r\n\x1a\n0000", "is a PNG image"),
    ],
)
def test_save_refuses_bad_files_in_one_sentence(
    tmp_path: Path,
    archive: str,
    run_process: Callable[..., subprocess.CompletedProcess[str]],
    content: str | bytes,
    fragment: str,
) -> None:
    bad = write(tmp_path / "bad.json", content)

    result = run_process("save", str(bad), "--db", archive)

    assert result.returncode == 2
    assert_one_clear_line(result.stderr, fragment)


def test_unknown_ids_are_one_sentence(
    archive: str, run_process: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    for args, fragment in (
        (["show", "7"], "no post-mortem 7"),
        (["publish", "7"], "no post-mortem 7"),
        (["actions", "--done", "7"], "no action item 7"),
    ):
        result = run_process(*args, "--db", archive)
        assert result.returncode == 2
        assert_one_clear_line(result.stderr, fragment)


def test_save_reads_a_markdown_postmortem(tmp_path: Path, archive: str, run_cli: Run) -> None:
    document = write(tmp_path / "pm.md", "# Disk full\n\n## Root cause\n\nLog rotation failed.\n")

    result = run_cli("save", str(document), "--db", archive)

    assert result.exit_code == 0
    assert run_cli("show", "1", "--db", archive).stdout.startswith("# Disk full")


def test_the_cli_works_on_postgresql_too(db_url: str, draft_json: Path, run_cli: Run) -> None:
    assert run_cli("migrate", "--db", db_url).exit_code == 0
    assert run_cli("save", str(draft_json), "--db", db_url).exit_code == 0

    assert "Checkout outage" in run_cli("search", "canary", "--db", db_url).stdout


def test_commands_that_add_to_the_default_archive_create_it_on_first_use(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no afterboard.toml above: the default archive, in the data folder
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("AFTERBOARD_DATABASE_URL", raising=False)
    notes = write(tmp_path / "notes.md", NOTES)
    assert "run `afterboard migrate`" in run_cli("search", "checkout").stderr  # reading creates nothing

    drafted = run_cli("draft", str(notes), "--save", "-o", str(tmp_path / "pm.md"), "--today", "2026-11-27")

    assert drafted.exit_code == 0, drafted.stderr
    assert (tmp_path / "data" / "afterboard" / "afterboard.db").is_file()
    assert "Checkout outage" in run_cli("search", "checkout").stdout


def test_a_named_archive_that_does_not_exist_is_not_created(
    tmp_path: Path, draft_json: Path, run_cli: Run
) -> None:
    typo = tmp_path / "archve.db"
    result = run_cli("save", str(draft_json), "--db", str(typo))
    assert result.exit_code == 2
    assert "check the path" in result.stderr
    assert not typo.exists()
