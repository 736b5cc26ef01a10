"""Whatever Markdown a team writes, parse and check end in findings, never in an exception."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from afterboard.checks import check_document
from afterboard.parse import parse_document

FRAGMENTS = [
    "---\ntitle: x\n",
    "+++\n",
    "# Title\n",
    "Timeline\n========\n",
    "## Timeline (all times in XYZ)\n",
    "### 25:99 PM\n",
    "### 2026-02-30\n",
    "| Time | Event |\n|---|---|\n| 10:00 | a |\n",
    "| a | b | |---|---| | 1 | 2 | | 3 |\n",
    "| only | header |\n",
    "- [ ] item @ \n",
    "- [x] ~~done~~ ✅ by 2026-13-45\n",
    "1. **Why?** \n2. because\n",
    "**Root cause:**\n",
    "<h2>Impact</h2>\n<img src=x>\n",
    "<details><summary>Logs</summary>\n",
    "```\nunclosed fence\n",
    "> quoted 14:02 UTC restart\n",
    "Impact: 120% of users, -5 minutes\n",
    "export const post = { title: 'x'\n",
    "- Owner: ??? due: Q5 2026\n",
    "\n\n\n",
    "Ana forgot to. Bob accidentally\n",
    "## \n",
    "#####\n",
    "| Action Item | Owner | Due |\n|---|---|---|\n| | | |\n",
    "\u200b\ufeff emoji 🔥 heading\n",
]


@pytest.mark.parametrize("seed", range(150))
def test_random_markdown_never_raises(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randrange(1, 14)))
    doc = parse_document(text, name="random.md", today=dt.date(2026, 11, 27))
    findings = check_document(doc, now=dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC))
    assert all(f.message and f.fix for f in findings)
    assert set(doc.found.sections_headed) <= set(doc.found.sections_found)
