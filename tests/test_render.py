from __future__ import annotations

import re

import pytest

from afterboard.drafting import draft
from afterboard.ingest.text import parse_notes
from afterboard.postmortem import PostMortem
from afterboard.render.html import render_html
from afterboard.render.json import render_json
from afterboard.render.markdown import escape_cell, escape_inline, render_markdown
from conftest import TODAY

HOSTILE = """Outage <img src=x onerror=alert(1)>

## Timeline
- 09:00 <script>alert("xss")</script> fired
## What went well
- **bold** claims | pipes # and [links](javascript:alert(1))
## Action items
- <b>fix</b> it @ana by Fri
"""


def hostile() -> PostMortem:
    return draft(parse_notes(HOSTILE, today=TODAY), today=TODAY)


def test_html_escapes_every_note() -> None:
    html = render_html(hostile())
    assert "<script>" not in html and "<img" not in html and "<b>fix" not in html
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in html
    assert 'href="javascript' not in html


def test_html_is_self_contained() -> None:
    html = render_html(hostile())
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<link" not in html and "<style>" in html


def test_markdown_escapes_what_would_become_html_or_structure() -> None:
    md = render_markdown(hostile())
    assert not re.search(r"(?<!\\)<", md), "every < is escaped"
    assert "\\<script\\>" in md
    assert "\\[links\\](javascript:alert(1))" in md


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a <b> c", "a \\<b\\> c"),
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("snake_case stays", "snake_case stays"),
        ("*emphasis*", "\\*emphasis\\*"),
        ("multi\nline", "multi line"),
    ],
)
def test_escape_inline(text: str, escaped: str) -> None:
    assert escape_inline(text) == escaped


def test_escape_cell_escapes_pipes() -> None:
    assert escape_cell("a | b") == "a \\| b"


def test_gaps_are_shown_in_place() -> None:
    pm = draft(parse_notes("Delays\n\nAction items\n- improve monitoring\n", today=TODAY), today=TODAY)
    md = render_markdown(pm)
    assert "_Owner: not set_" in md and "_Due: not set_" in md
    assert "_Say who was affected" in md
    assert "assumed: the notes state no time zone" in md
    html = render_html(pm)
    assert '<span class="missing">Owner: not set</span>' in html


def test_low_confidence_items_are_marked_and_listed() -> None:
    from afterboard.board import Board, Note

    board = Board(
        notes=(Note(text="fast rollbak", section="went_well", confidence=0.3, source="b.jpg#note-2"),)
    )
    pm = draft(board, today=TODAY)
    md = render_markdown(pm)
    assert "- fast rollbak (?)" in md
    assert "## To confirm" in md and '"fast rollbak" (30% sure, b.jpg#note-2)' in md


def test_project_documents_use_the_project_skeleton() -> None:
    pm = draft(parse_notes("Launch\nKind: project\n\nWins\n- beta\n", today=TODAY), today=TODAY)
    md = render_markdown(pm)
    headings = re.findall(r"^## (.+)$", md, flags=re.M)
    assert headings[:7] == [
        "Summary",
        "Goals and outcome",
        "Milestones (UTC, assumed: the notes state no time zone)",
        "What went well",
        "What went differently than planned",
        "Root causes of the differences",
        "Action items for the next project",
    ]
    assert "Severity" not in md


def test_json_holds_the_notes_and_the_postmortem() -> None:
    board = parse_notes(HOSTILE, today=TODAY)
    import json

    data = json.loads(render_json(draft(board, today=TODAY), board=board))
    assert data["notes"][0]["text"].startswith("09:00")
    assert set(data["notes"][0]) >= {"text", "section", "confidence", "box", "colour"}
    assert PostMortem.model_validate(data["postmortem"]).action_items[0].owner == "ana"
