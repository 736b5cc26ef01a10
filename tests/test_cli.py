from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from click.testing import Result

from helpers import assert_one_clear_line, write

NOTES = """Outage

## Timeline
- 09:12 deploy started
- 09:31 alert fired
- 10:30 all clear
## Action items
- Add canary @ana by Fri
"""

RunCli = Callable[..., Result]
RunProcess = Callable[..., CompletedProcess[str]]


def test_draft_prints_markdown(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("draft", str(write(tmp_path / "notes.md", NOTES)), "--today", "2026-11-27")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Outage\n")
    assert "| 1 | Add canary | ana | 2026-12-04 (by Fri) | open |" in result.stdout


def test_draft_writes_the_format_its_output_suffix_names(run_cli: RunCli, tmp_path: Path) -> None:
    notes = write(tmp_path / "notes.md", NOTES)
    for suffix, start in ((".html", "<!doctype html>"), (".json", "{"), (".md", "# Outage")):
        out = tmp_path / f"pm{suffix}"
        result = run_cli("draft", str(notes), "-o", str(out))
        assert result.exit_code == 0, result.stderr
        assert out.read_text(encoding="utf-8").startswith(start)
        assert f"Wrote {out}: " in result.stderr and "1 action items" in result.stderr


def test_draft_json_holds_notes_and_postmortem(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("draft", str(write(tmp_path / "n.md", NOTES)), "--format", "json", "--kind", "project")
    data = json.loads(result.stdout)
    assert data["postmortem"]["kind"] == "project"
    assert [n["section"] for n in data["notes"]] == ["timeline"] * 3 + ["action_items"]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (None, "no such file"),
        ("", "holds no notes"),
        ("# Title only\n", "holds no notes"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "is a PNG image"),
        (b"\x00\x01\x02binary" * 100, "looks like a binary file"),
        ("Störung".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_bad_notes_get_one_clear_sentence_and_exit_2(
    run_process: RunProcess, tmp_path: Path, content: str | bytes | None, fragment: str
) -> None:
    path = tmp_path / "notes.md"
    if content is not None:
        write(path, content)
    result = run_process("draft", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert_one_clear_line(result.stderr, fragment)


def test_a_50_mb_file_is_refused_before_it_is_read(run_process: RunProcess, tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = run_process("draft", str(path))
    assert result.returncode == 2
    assert_one_clear_line(result.stderr, "50.0 MB", "not accepted")


def test_hostile_text_in_a_note_is_escaped_in_html(run_cli: RunCli, tmp_path: Path) -> None:
    notes = write(tmp_path / "n.md", "x\n\n## Wins\n- <script>alert(1)</script>\n")
    html = run_cli("draft", str(notes), "--format", "html").stdout
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--today", "2026-13-01"], "--today: '2026-13-01' is not a date"),
        (["--tz", "Mars/Base"], "--tz: 'Mars/Base' is not a time zone"),
    ],
)
def test_bad_options_get_one_clear_sentence(
    run_process: RunProcess, tmp_path: Path, args: list[str], fragment: str
) -> None:
    result = run_process("draft", str(write(tmp_path / "n.md", NOTES)), *args)
    assert result.returncode == 2
    assert_one_clear_line(result.stderr, fragment)


def test_an_unwritable_output_is_one_sentence(run_process: RunProcess, tmp_path: Path) -> None:
    blocker = write(tmp_path / "file", "x")
    result = run_process("draft", str(write(tmp_path / "n.md", NOTES)), "-o", str(blocker / "pm.md"))
    assert result.returncode == 2
    assert_one_clear_line(result.stderr, "Cannot write")


def test_a_bug_is_one_sentence_and_exit_3(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import afterboard.drafting

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(afterboard.drafting, "draft", broken)
    monkeypatch.delenv("AFTERBOARD_DEBUG", raising=False)
    result = run_cli("draft", str(write(tmp_path / "n.md", NOTES)))
    assert result.exit_code == 3
    assert_one_clear_line(result.stderr, "internal error (RuntimeError: boom)", "AFTERBOARD_DEBUG=1")


def test_required_says_yes_with_reasons(run_cli: RunCli) -> None:
    result = run_cli("required", "--duration", "45m", "--users", "0.8%")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Required: yes",
        "A post-mortem is required: it lasted 45 min, over 30 min.",
    ]


def test_required_says_no_and_what_is_unknown(run_cli: RunCli) -> None:
    result = run_cli("required", "--duration", "20m", "--format", "json")
    data = json.loads(result.stdout)
    assert data["required"] is False
    assert data["unknown"] == ["share of users affected", "whether on-call responded"]


def test_required_on_call_alone_is_enough(run_cli: RunCli) -> None:
    assert run_cli("required", "--on-call").stdout.startswith("Required: yes")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [(["--duration", "soon"], "is not a duration"), (["--users", "lots"], "is not a share")],
)
def test_required_refuses_bad_values(run_process: RunProcess, args: list[str], fragment: str) -> None:
    result = run_process("required", *args)
    assert result.returncode == 2
    assert_one_clear_line(result.stderr, fragment)


def test_usage_errors_exit_2(run_process: RunProcess) -> None:
    result = run_process("draft")
    assert result.returncode == 2
    assert "Missing argument 'SOURCE...'" in result.stderr and "Traceback" not in result.stderr


def test_demo_drafts_the_bundled_board(run_process: RunProcess, tmp_path: Path) -> None:
    result = run_process("demo", "--out-dir", str(tmp_path / "demo"))
    assert result.returncode == 0, result.stderr
    md = (tmp_path / "demo" / "postmortem.md").read_text(encoding="utf-8")
    for heading in (
        "## Impact",
        "## Timeline",
        "## Root cause",
        "## Contributing factors",
        "## What went well",
    ):
        assert heading in md
    assert "## Action items" in md and "| ana |" in md
    assert "6 of 6 sections filled" in result.stdout
    assert (tmp_path / "demo" / "postmortem.html").is_file() and (
        tmp_path / "demo" / "postmortem.json"
    ).is_file()


def test_version(run_process: RunProcess) -> None:
    from afterboard import __version__

    assert run_process("--version").stdout.strip() == f"afterboard, version {__version__}"
