"""parse(render_markdown(draft(board))) gives back the draft's content: for the bundled example, the golden
samples, and boards generated from seeds."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from random_boards import random_board

from afterboard.board import Board
from afterboard.drafting import draft
from afterboard.ingest.text import parse_notes
from afterboard.parse import parse_postmortem
from afterboard.postmortem import PostMortem
from afterboard.render.markdown import render_markdown

TODAY = dt.date(2026, 11, 27)
SAMPLES = sorted((Path(__file__).parents[1] / "samples").glob("*/notes.md"))
_LOST = {"source", "confidence", "time_text"}
"""What Markdown does not carry: provenance, the exact confidence (a '(?)' mark stands for it), and a time
as first written (the draft writes it normalised)."""


def content(pm: PostMortem) -> dict[str, Any]:
    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in _LOST}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    data: dict[str, Any] = strip(pm.model_dump(mode="json"))
    return data


def assert_round_trip(board: Board) -> None:
    pm = draft(board, today=TODAY)
    back = parse_postmortem(render_markdown(pm), name="draft.md", today=TODAY)
    expected, got = content(pm), content(back)
    for key in expected:
        assert got[key] == expected[key], key
    doubtful = [i.text for i in pm.timeline if i.confidence < 0.6]
    assert [i.text for i in back.timeline if i.confidence < 0.6] == doubtful


def test_the_bundled_example_round_trips() -> None:
    text = resources.files("afterboard.examples").joinpath("checkout-outage.md").read_text(encoding="utf-8")
    assert_round_trip(parse_notes(text, name="notes.md", today=TODAY))


@pytest.mark.parametrize("notes", SAMPLES, ids=[p.parent.name for p in SAMPLES])
def test_the_golden_samples_round_trip(notes: Path) -> None:
    assert_round_trip(parse_notes(notes.read_text(encoding="utf-8"), name="notes.md", today=TODAY))


@pytest.mark.parametrize("seed", range(60))
def test_generated_boards_round_trip(seed: int) -> None:
    assert_round_trip(random_board(seed))
