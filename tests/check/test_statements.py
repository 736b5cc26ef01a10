"""The sentence model: what it reads of a sentence, and how `implicit.py` uses what it scores."""

from __future__ import annotations

import datetime as dt

import pytest

from afterboard.parse import parse_document
from afterboard.parse.implicit import find_sections
from afterboard.parse.statements import Statements, features, model

DAY = dt.date(2026, 11, 20)


def test_times_dates_shares_and_numbers_are_read_as_what_they_are() -> None:
    found = features("At 14:32 on 2026-03-04, 12% of the 3,400 users saw errors.")
    assert {"<time>", "<date>", "<pct>", "<num>", "users", "saw errors", "^ at"} <= set(found)
    assert not any(f.startswith(("14", "2026", "12", "3")) for f in found)


def test_a_typographic_apostrophe_reads_as_a_straight_one() -> None:
    assert "didn't" in features("The alert didn’t fire.")


TOY = Statements(
    weights={"contributing_factors": {"no alert": 3.0, "delayed": 2.0}, "went_well": {"quickly": 3.0}},
    bias={"contributing_factors": -2.0, "went_well": -2.0},
    thresholds={"contributing_factors": 0.7},
)
"""A model with known weights: 'no alert' alone scores 0.73, with 'delayed' 0.95."""

PROSE = """# Checkout outage

Checkout failed for two hours on Tuesday because a config change set the pool size to 5.
There was no alert on the pool, which delayed the response.
We quickly rolled back the release.
"""


def _found(text: str, statements: Statements):  # type: ignore[no-untyped-def]
    parsed = parse_document(text, name="pm.md", today=DAY)
    return find_sections(parsed.outline, parsed.postmortem, statements)


def test_a_section_with_a_threshold_is_found_by_the_sentences_the_model_scores_above_it() -> None:
    found = _found(PROSE, TOY)
    assert "contributing_factors" in found.implicit
    assert [p.text for p in found.evidence["contributing_factors"]] == [
        "There was no alert on the pool, which delayed the response."
    ]
    assert found.reasons["contributing_factors"] == (
        "a sentence that reads as a contributing factor (0.95; 'no alert', 'delayed')"
    )


def test_below_the_threshold_nothing_is_found() -> None:
    strict = Statements(TOY.weights, TOY.bias, {"contributing_factors": 0.99})
    assert "contributing_factors" not in _found(PROSE, strict).implicit


def test_a_section_without_a_threshold_is_left_to_the_rules() -> None:
    # the toy model would never find 'went well' (no threshold), the rules find 'rolled back quickly'
    assert "went_well" in _found(PROSE, TOY).implicit


def test_under_another_sections_heading_the_model_does_not_judge() -> None:
    plain = PROSE.replace(", which delayed the response", "")
    headed = plain.replace("There was", "## Root cause\n\nThere was")
    assert "contributing_factors" in _found(headed.replace("## Root cause", "## Details"), TOY).implicit
    assert "contributing_factors" not in _found(headed, TOY).implicit


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("We will add an alert on the connection pool's saturation by the end of March.", "action_items"),
        ("The rollback worked as designed and the site was back within ten minutes.", "went_well"),
        ("About 40% of customers could not check out for two hours.", "impact"),
    ],
)
def test_the_shipped_model_reads_plain_statements_of_its_sections(sentence: str, key: str) -> None:
    shipped = model()
    scores = shipped.score(sentence)
    assert scores[key] == max(scores.values())
