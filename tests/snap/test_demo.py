"""`afterboard demo`: the bundled example photo, snapped end to end."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result


def test_demo_snaps_the_example_photo_into_a_full_draft(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    result = run_cli("demo", "--out-dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    for name in ("postmortem.md", "postmortem.html", "postmortem.json", "checkout-outage.annotated.jpg"):
        assert (tmp_path / name).is_file(), name
        assert str(tmp_path / name) in result.stdout
    document = json.loads((tmp_path / "postmortem.json").read_text(encoding="utf-8"))
    pm = document["postmortem"]
    assert pm["title"].startswith("Checkout errors after v2.3 deploy")
    assert len(pm["timeline"]) == 8
    assert [a["owner"] for a in pm["action_items"]] == ["ana", "Raj", "Sam", "priya", None]
    assert len(pm["root_cause"]["whys"]) == 4
    assert {n["section"] for n in document["notes"]} == {
        "timeline",
        "impact",
        "root_cause",
        "contributing_factors",
        "went_well",
        "action_items",
    }
