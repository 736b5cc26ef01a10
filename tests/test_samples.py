"""Golden files: each tests/samples/<case>/notes.md drafts to exactly expected.md.

After an intended change to drafting or rendering, run `pytest tests/test_samples.py --update-golden` and
review the diff of the expected files before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from afterboard.drafting import draft
from afterboard.ingest.text import read_notes
from afterboard.render.markdown import render_markdown
from conftest import TODAY
from helpers import assert_golden

SAMPLES = Path(__file__).parent / "samples"
CASES = sorted(p.name for p in SAMPLES.iterdir() if (p / "notes.md").is_file())


def draft_markdown(case: str) -> str:
    board = read_notes(SAMPLES / case / "notes.md", today=TODAY)
    return render_markdown(draft(board, today=TODAY))


def test_there_are_samples_of_each_kind_of_board() -> None:
    assert {
        "incident-db-disk",
        "incident-dns-midnight",
        "project-launch",
        "messy-board",
        "nearly-empty",
    } <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_sample_drafts_to_its_expected_markdown(case: str, update_golden: bool) -> None:
    assert_golden(SAMPLES / case / "expected.md", draft_markdown(case), update=update_golden)
