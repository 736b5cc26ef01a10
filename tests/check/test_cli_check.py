"""`afterboard check` and `afterboard rules` as a user and a CI job run them."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from check_fixtures import GOOD, without
from click.testing import Result

from afterboard.checks import all_rules
from helpers import assert_one_clear_line, write

TODAY = "2026-11-21"


BAD = without("Action items", without("Lessons learned"))
"""GOOD without its action items, nor the lessons that read almost as commitments ('… would have shown')."""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {"good": write(tmp_path / "good.md", GOOD), "bad": write(tmp_path / "bad.md", BAD)}


def test_a_clean_post_mortem_passes_with_exit_0(
    run_cli: Callable[..., Result], files: dict[str, Path]
) -> None:
    result = run_cli("check", str(files["good"]), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith(f"PASS {files['good']}: 0 errors, 0 warnings")
    assert "\x1b[" not in result.output  # no colour when the output is not a terminal


def test_an_error_finding_exits_1_with_the_fix_beside_it(
    run_cli: Callable[..., Result], files: dict[str, Path]
) -> None:
    result = run_cli("check", str(files["bad"]), "--today", TODAY)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    index = next(i for i, line in enumerate(lines) if "[action-items-missing]" in line)
    assert lines[index].strip().startswith("error ")
    assert lines[index + 1].strip().startswith("fix: Add a '## Action items' section")
    assert lines[-1].startswith(f"FAIL {files['bad']}: 1 error")


def test_strict_fails_on_warnings(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    warned = write(tmp_path / "warned.md", GOOD.replace(" — @raj", ""))
    assert run_cli("check", str(warned), "--today", TODAY).exit_code == 0
    strict = run_cli("check", str(warned), "--today", TODAY, "--strict")
    assert strict.exit_code == 1 and "FAIL" in strict.output


def test_json_has_exactly_the_documented_fields(
    run_cli: Callable[..., Result], files: dict[str, Path]
) -> None:
    result = run_cli("check", str(files["good"]), str(files["bad"]), "--format", "json", "--today", TODAY)
    assert result.exit_code == 1
    good, bad = json.loads(result.output)
    assert list(good) == [
        "file",
        "kind",
        "sections_found",
        "sections_headed",
        "sections",
        "findings",
        "verdict",
    ]
    assert {s["state"] for s in good["sections"].values()} == {"headed"}
    assert (
        good["sections_found"]
        == good["sections_headed"]
        == [
            "impact",
            "timeline",
            "root_cause",
            "contributing_factors",
            "went_well",
            "action_items",
        ]
    )
    assert (good["kind"], good["verdict"], bad["verdict"]) == ("incident", "pass", "fail")
    finding = next(f for f in bad["findings"] if f["rule"] == "action-items-missing")
    assert set(finding) == {"rule", "severity", "message", "fix", "where", "line"}


def test_sarif_is_a_2_1_0_log_with_rules_and_located_results(
    run_cli: Callable[..., Result], files: dict[str, Path]
) -> None:
    log = json.loads(run_cli("check", str(files["bad"]), "--format", "sarif", "--today", TODAY).output)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in all_rules()]
    assert all(r["defaultConfiguration"]["level"] in {"error", "warning", "note"} for r in rules)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"} and result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith("bad.md")
        assert location.get("region", {"startLine": 1})["startLine"] >= 1
    assert any(r["ruleId"] == "action-items-missing" and r["level"] == "error" for r in run["results"])


def test_github_annotations_carry_file_line_and_escaped_message(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    path = write(tmp_path / "pm, v2.md", GOOD.replace(" — @raj", ""))
    result = run_cli("check", str(path), "--format", "github", "--today", TODAY)
    [owner] = [line for line in result.output.splitlines() if "action-items-owner" in line]
    assert owner.startswith(f"::warning file={str(path).replace(',', '%2C')},line=")
    assert "title=action-items-owner::Action item 2 has no owner" in owner
    assert all(
        line.startswith(("::error ", "::warning ", "::notice ")) for line in result.output.splitlines()
    )


def test_an_unreadable_file_is_one_sentence_and_exit_2_the_others_are_still_checked(
    run_cli: Callable[..., Result], files: dict[str, Path], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.md"
    result = run_cli("check", str(missing), str(files["good"]), "--today", TODAY)
    assert result.exit_code == 2
    assert_one_clear_line(result.stderr, str(missing), "no such file")
    assert f"PASS {files['good']}" in result.stdout


def test_usage_errors_exit_2(run_cli: Callable[..., Result], files: dict[str, Path]) -> None:
    assert run_cli("check").exit_code == 2
    assert run_cli("check", str(files["good"]), "--format", "xml").exit_code == 2
    bad_day = run_cli("check", str(files["good"]), "--today", "tomorrow")
    assert bad_day.exit_code == 2 and "--today" in bad_day.stderr


def test_rules_are_switched_off_and_retuned_in_afterboard_toml(run_process, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "pm.md", BAD)
    write(tmp_path / "afterboard.toml", "[checks.action-items-missing]\nenabled = false\n")
    off = run_process("check", "pm.md", "--today", TODAY, "--format", "json", cwd=tmp_path)
    assert off.returncode == 0, off.stderr
    assert "action-items-missing" not in {f["rule"] for f in json.loads(off.stdout)[0]["findings"]}
    write(tmp_path / "afterboard.toml", '[checks.went-well-missing]\nseverity = "error"\n')
    write(tmp_path / "pm.md", without("What went well"))
    retuned = run_process("check", "pm.md", "--today", TODAY, cwd=tmp_path)
    assert retuned.returncode == 1 and "error" in retuned.stdout and "[went-well-missing]" in retuned.stdout


def test_a_bad_checks_table_is_refused_before_any_file_is_read(run_process, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "pyproject.toml", "[tool.afterboard.checks.action-item-vague]\nenabled = false\n")
    result = run_process("check", "missing.md", cwd=tmp_path)
    assert result.returncode == 2
    assert_one_clear_line(result.stderr, "[checks.action-item-vague] names no rule", "action-items-vague")


def test_rules_lists_every_rule_with_its_explanation(run_cli: Callable[..., Result]) -> None:
    result = run_cli("rules")
    assert result.exit_code == 0
    for rule in all_rules():
        assert f"  {rule.id}  [{rule.severity.value}]" in result.output
        assert rule.explanation[:40] in " ".join(result.output.split())
    data = json.loads(run_cli("rules", "--format", "json").output)
    gaps = next(r for r in data if r["id"] == "timeline-gaps")
    assert gaps["parameters"][0] == {
        "name": "max_gap_minutes",
        "default": 60,
        "help": "A gap longer than this many minutes...",
    }


def test_a_pasted_post_mortem_is_read_from_standard_input(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "afterboard", "check", "-", "--today", TODAY],
        input=GOOD,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("PASS <stdin>: 0 errors, 0 warnings")


def test_a_folder_stands_for_the_markdown_files_under_it(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    write(tmp_path / "repo" / "2026" / "a.md", GOOD)
    write(tmp_path / "repo" / "b.md", BAD)
    write(tmp_path / "repo" / "notes.txt", "not a post-mortem")
    result = run_cli("check", str(tmp_path / "repo"), "--format", "json", "--today", TODAY)
    assert [Path(r["file"]).name for r in json.loads(result.output)] == ["a.md", "b.md"]
    assert result.exit_code == 1
    empty = run_cli("check", str(tmp_path / "repo" / "2026" / ".."), "--today", TODAY)
    assert empty.exit_code == 1
    write(tmp_path / "none" / "x.txt", "")
    nothing = run_cli("check", str(tmp_path / "none"), "--today", TODAY)
    assert nothing.exit_code == 2 and "is a folder" in nothing.stderr
