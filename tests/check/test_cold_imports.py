"""What a cold `afterboard check` imports: a draft of afterboard's own is read for its headings alone, so the
patterns that find sections told in prose are not compiled for it (issue 13's 0.5 s budget)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

NOTES = """# Checkout outage

- 14:02 alerts fired on checkout errors
- 14:10 rolled back the deploy
- root cause: the pool size was set to 5 in the new config
- went well: rollback took 3 minutes
- action: load test with production data @ana by Dec 12
"""

PROSE = """# Checkout outage

Checkout failed for 20 minutes on Tuesday because the new config set the pool size to 5.
We will add a load test with production data.
"""


def _imports_prose_patterns(document: Path) -> bool:
    code = (
        "import sys; from pathlib import Path; from afterboard.parse import read_document; "
        f"read_document(Path({str(document)!r})); print('afterboard.parse.implicit' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return run.stdout.strip() == "True"


def test_a_draft_is_checked_without_the_prose_patterns(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    draft = tmp_path / "postmortem.md"
    subprocess.run(
        [sys.executable, "-m", "afterboard", "draft", str(notes), "-o", str(draft), "--today", "2026-11-27"],
        check=True,
        capture_output=True,
    )
    assert not _imports_prose_patterns(draft)


def test_a_document_written_by_hand_is_read_for_its_prose(tmp_path: Path) -> None:
    document = tmp_path / "outage.md"
    document.write_text(PROSE, encoding="utf-8")
    assert _imports_prose_patterns(document)
