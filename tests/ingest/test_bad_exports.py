"""Broken, empty and unknown exports: `afterboard draft` answers one sentence naming the format and what is
wrong (exit 2), never a traceback, and never drafts a JSON file as typed notes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

import board_exports as exports
from helpers import assert_one_clear_line, write

RunProcess = Callable[..., CompletedProcess[str]]
OPSGENIE_ENVELOPE = {"took": 0.1, "requestId": "0c8f4a4d"}


def _excalidraw(elements: object) -> str:
    return json.dumps(
        {"type": "excalidraw", "version": 2, "source": "https://excalidraw.com", "elements": elements}
    )


def _only_deleted() -> str:
    drawing = json.loads(exports.excalidraw_file())
    return _excalidraw([e | {"isDeleted": True} for e in drawing["elements"]])


def _figjam_without_text() -> str:
    frame = {
        "id": "1:2",
        "type": "FRAME",
        "name": "Frame 1",
        "absoluteBoundingBox": {"x": 0, "y": 0, "width": 9, "height": 9},
    }
    page = {"id": "0:1", "type": "CANVAS", "children": [frame]}
    return json.dumps({"name": "Untitled", "document": {"id": "0:0", "type": "DOCUMENT", "children": [page]}})


CASES = [
    ("retro.excalidraw", _excalidraw("oops"), "is an Excalidraw file without a list of elements"),
    ("retro.excalidraw", _only_deleted(), "is an Excalidraw drawing with no text on it"),
    ("retro.excalidraw", exports.excalidraw_file()[:900], "is not valid JSON (line 1, column"),
    (
        "board.json",
        json.dumps({"data": [], "total": 0, "size": 0, "limit": 50}),
        "is a Miro board export without items",
    ),
    (
        "board.json",
        json.dumps({"data": [i for i in exports.miro_items() if i["type"] in {"image", "frame"}]}),
        "is a Miro board export with no text on it",
    ),
    (
        "figjam.json",
        json.dumps({"document": {"type": "DOCUMENT", "children": []}}),
        "is a Figma file without pages",
    ),
    ("figjam.json", _figjam_without_text(), "is a FigJam file with no text on it"),
    (
        "trello.json",
        json.dumps({"name": "Retro", "lists": [], "cards": "?"}),
        "is a Trello board export without a list of cards",
    ),
    (
        "trello.json",
        json.dumps(json.loads(exports.trello_export()) | {"cards": []}),
        "is a Trello board with no open cards that have a name",
    ),
    (
        "parabol.csv",
        '"reflectionGroup","author","votes","type","createdAt","discussionThread","prompt","content"\n'
        '"Late","Ana",1,"Comment","2026-11-20T14:40:00Z","x","","just talk"\n',
        "is a Parabol retrospective export with no reflections or tasks",
    ),
    (
        "retro.csv",
        "What went well,To improve\n,\n",
        "has headers (What went well, To improve) but no notes under them",
    ),
    (
        "events.csv",
        "time,event\n2026-11-20 09:12,deploy\nyesterday-ish,rolled back\n",
        "events.csv line 3: 'yesterday-ish' is not a time",
    ),
    (
        "alert.json",
        json.dumps({"data": {"message": "Checkout 5xx", "createdAt": "soon"}, **OPSGENIE_ENVELOPE}),
        "is an Opsgenie response with no event afterboard can use",
    ),
    (
        "webhook.json",
        json.dumps({"receiver": "log", "status": "firing", "alerts": [{"labels": {"alertname": "X"}}]}),
        "is an Alertmanager webhook payload with no alert that has a start time",
    ),
    (
        "nodes.json",
        json.dumps({"nodes": [{"id": 1}]}),
        "is JSON afterboard does not know; it reads typed notes",
    ),
    (
        "board.xml",
        '<?xml version="1.0"?>\n<board><note>hi</note></board>\n',
        "is XML or HTML, which afterboard",
    ),
    ("export.json", "\x00\x01\x02binary" * 100, "looks like a binary file"),
    ("deep.json", "[" * 100_000 + "]" * 100_000, "is JSON nested too deeply to be an export"),
]


@pytest.mark.parametrize(("name", "content", "fragment"), CASES, ids=[f"{c[0]}:{c[2][:30]}" for c in CASES])
def test_a_bad_export_gets_one_sentence(
    run_process: RunProcess, tmp_path: Path, name: str, content: str, fragment: str
) -> None:
    result = run_process("draft", str(write(tmp_path / name, content)))
    assert result.returncode == 2, result.stdout[:300]
    assert_one_clear_line(result.stderr, name, fragment)


def test_an_excalidraw_file_is_no_longer_drafted_as_typed_notes(
    run_process: RunProcess, tmp_path: Path
) -> None:
    result = run_process("draft", str(write(tmp_path / "retro.excalidraw", exports.excalidraw_file())))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Checkout errors after v2.3 deploy — retro, Nov 20 2026\n")
    assert "fillStyle" not in result.stdout


def test_notes_that_open_with_a_markdown_link_are_still_notes(
    run_process: RunProcess, tmp_path: Path
) -> None:
    notes = write(
        tmp_path / "notes.md",
        "[Checkout outage](https://status.example.org)\n\n## What went well\n- fast rollback\n",
    )
    result = run_process("draft", str(notes))
    assert result.returncode == 0, result.stderr
    assert "- fast rollback" in result.stdout
