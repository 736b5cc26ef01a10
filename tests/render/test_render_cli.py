"""`afterboard render` and `--format pdf|docx` on draft, as a user runs them."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import docx
from click.testing import Result
from pypdf import PdfReader
from render_fixtures import LEAKY, SAMPLES

from conftest import TODAY
from helpers import assert_one_clear_line, write

NOTES = SAMPLES / "incident-db-disk" / "notes.md"


def drafted_json(tmp_path: Path, run_cli: Callable[..., Result], notes: Path = NOTES) -> Path:
    out = tmp_path / "pm.json"
    result = run_cli("draft", str(notes), "--today", TODAY.isoformat(), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def test_render_json_to_pdf_and_docx_by_suffix(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    source = drafted_json(tmp_path, run_cli)
    for suffix in ("pdf", "docx"):
        out = tmp_path / f"pm.{suffix}"
        result = run_cli("render", str(source), "-o", str(out))
        assert result.exit_code == 0, result.stderr
        assert f"Wrote {out}" in result.stderr
    reader = PdfReader(tmp_path / "pm.pdf")
    assert "Orders DB disk full" in reader.pages[0].extract_text()
    assert docx.Document(str(tmp_path / "pm.docx")).paragraphs[0].text.startswith("Orders DB disk full")


def test_render_letter_paper(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    source = drafted_json(tmp_path, run_cli)
    out = tmp_path / "pm.pdf"
    assert run_cli("render", str(source), "--paper", "letter", "-o", str(out)).exit_code == 0
    assert round(float(PdfReader(out).pages[0].mediabox.width)) == 612


def test_render_public_writes_the_review_report_beside_the_output(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    source = drafted_json(tmp_path, run_cli, LEAKY)
    out = tmp_path / "public.md"
    result = run_cli("render", str(source), "--public", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    report = tmp_path / "public.md.redactions.txt"
    assert f"review them in {report}" in result.stderr
    assert "'dana.whitfield@example.com' -> '[e-mail removed]'" in report.read_text(encoding="utf-8")
    text = out.read_text(encoding="utf-8")
    assert "Dana" not in text and "10.20.3.17" not in text and "payments-api 7.4" in text


def test_render_public_to_stdout_reports_on_stderr(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    source = drafted_json(tmp_path, run_cli, LEAKY)
    result = run_cli("render", str(source), "--public", "--format", "md")
    assert result.exit_code == 0
    assert "Kofi" not in result.stdout and "replacements. Review each" in result.stderr


def test_render_writes_the_pictures_as_svg_and_png(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    source = drafted_json(tmp_path, run_cli)
    result = run_cli(
        "render", str(source), "--pictures", str(tmp_path / "pics"), "-o", str(tmp_path / "x.html")
    )
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "pics").iterdir())
    assert names == ["fishbone.png", "fishbone.svg", "timeline.png", "timeline.svg"]
    assert "<svg" in (tmp_path / "x.html").read_text(encoding="utf-8")


def test_draft_writes_pdf_and_docx(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    for fmt in ("pdf", "docx"):
        out = tmp_path / f"draft.{fmt}"
        result = run_cli("draft", str(NOTES), "--today", TODAY.isoformat(), "--format", fmt, "-o", str(out))
        assert result.exit_code == 0, result.stderr
    assert PdfReader(tmp_path / "draft.pdf").pages
    assert docx.Document(str(tmp_path / "draft.docx")).tables


def test_pdf_to_a_pipe_is_the_file_itself(
    run_process: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "afterboard", "draft", str(NOTES), "--format", "pdf"],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0
    assert PdfReader(io.BytesIO(done.stdout)).pages


def test_binary_format_is_refused_on_a_terminal(tmp_path: Path) -> None:
    """Printed to a terminal, a PDF is noise: refused before any work, with the way to get the file."""
    leader, follower = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "afterboard", "draft", str(NOTES), "--format", "pdf"],
        stdout=follower,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=120,
        cwd=tmp_path,
    )
    os.close(follower)
    os.close(leader)
    assert done.returncode == 2
    assert_one_clear_line(done.stderr, "--format pdf makes a binary file", "-o FILE")


def test_unusable_input_is_one_clear_sentence(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    missing = run_cli("render", str(tmp_path / "none.json"))
    assert missing.exit_code == 2
    assert_one_clear_line(missing.stderr, "no such file")
    bad = write(tmp_path / "bad.json", json.dumps({"postmortem": {"kind": "retro"}}))
    result = run_cli("render", str(bad), "--format", "md")
    assert result.exit_code == 2
    assert_one_clear_line(result.stderr, "bad.json", "kind")
    broken = write(tmp_path / "broken.json", "{not json")
    result = run_cli("render", str(broken))
    assert result.exit_code == 2
    assert_one_clear_line(result.stderr, "broken.json")


def test_render_reads_a_markdown_post_mortem(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    source = SAMPLES / "incident-db-disk" / "expected.md"
    out = tmp_path / "from-markdown.pdf"
    result = run_cli("render", str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    for words in ("Orders DB disk full", "Move exports to a dedicated volume", "What went well"):
        assert words in text
