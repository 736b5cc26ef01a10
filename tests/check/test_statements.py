"""The sentence model: what it reads of a sentence, how `implicit.py` uses its scores, and what the shipped
model finds in whole documents."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

from afterboard.parse import parse_document
from afterboard.parse.headed import Found
from afterboard.parse.implicit import find_sections
from afterboard.parse.statements import Statements, features, model, scale

DAY = dt.date(2026, 11, 20)


def test_times_dates_shares_and_numbers_are_read_as_what_they_are() -> None:
    found = features("At 14:32 on 2026-03-04, 12% of the 3,400 users saw errors.")
    assert {"<time>", "<date>", "<pct>", "<num>", "users", "saw errors", "^ at"} <= set(found)
    assert not any(f.startswith(("14", "2026", "12", "3")) for f in found)


def test_a_share_is_no_time_and_a_month_must_be_spelt_as_one() -> None:
    assert "<pct>" in features("Availability dropped to 99.95% for an hour.")
    assert "<time>" not in features("Availability dropped to 99.95% for an hour.")
    assert "<date>" not in features("It touched 3 separate services; maybe 2 users noticed.")
    assert features("On 4 Sept and on Sept 5 we redeployed.").count("<date>") == 2


def test_a_function_word_counts_only_with_its_neighbour() -> None:
    found = features("The outage was due to a bad config.")
    assert "the" not in found and "due to" in found and "outage" in found


def test_a_typographic_apostrophe_reads_as_a_straight_one() -> None:
    assert "didn't" in features("The alert didn’t fire.")


def test_a_long_sentence_does_not_score_higher_for_being_long() -> None:
    toy = Statements({"impact": {"down": 4.0}}, {"impact": 0.0}, {})
    short = toy.score("The site was down.")["impact"]
    padded = toy.score("The site was down, as the dashboard, the graphs and the logs all showed.")["impact"]
    assert short > padded > 0.5
    assert scale(["a", "b", "c", "d"]) == 0.5


TOY = Statements(
    weights={"contributing_factors": {"no alert": 12.0, "delayed": 8.0}, "went_well": {"quickly": 12.0}},
    bias={"contributing_factors": -2.0, "went_well": -2.0},
    thresholds={"contributing_factors": 0.7},
)
"""A model with known weights and a threshold for contributing factors only."""
FACTOR = "There was no alert on the pool, which delayed the response."
PROSE = f"""# Checkout outage

Checkout failed for two hours on Tuesday because a config change set the pool size to 5.
{FACTOR}
We quickly rolled back the release.
"""


def _found(text: str, statements: Statements) -> Found:
    parsed = parse_document(text, name="pm.md", today=DAY)
    return find_sections(parsed.outline, parsed.postmortem, statements)


def test_a_section_is_found_by_the_sentences_the_model_scores_at_or_above_its_threshold() -> None:
    found = _found(PROSE, TOY)
    assert list(found.implicit) == ["contributing_factors"]
    assert [p.text for p in found.evidence["contributing_factors"]] == [FACTOR]
    score = TOY.score(FACTOR)["contributing_factors"]
    assert found.reasons["contributing_factors"] == (
        f"one sentence reads as a contributing factor: the likeliest {score:.2f} ('no alert', 'delayed')"
    )
    strict = Statements(TOY.weights, TOY.bias, {"contributing_factors": round(score, 2) + 0.01})
    assert "contributing_factors" not in _found(PROSE, strict).implicit


def test_a_section_that_needs_two_sentences_is_not_found_by_one() -> None:
    two = Statements(TOY.weights, TOY.bias, TOY.thresholds, {"contributing_factors": 2})
    assert "contributing_factors" not in _found(PROSE, two).implicit
    again = PROSE + "There was no alert on the replicas either, which delayed the failover.\n"
    found = _found(again, two)
    assert found.reasons["contributing_factors"].startswith("2 sentences read as a contributing factor:")


def test_the_words_that_weighed_are_shown_as_written() -> None:
    toy = Statements(
        {"impact": {"on <date>": 2.0, "^ we": 1.5, "p:<pct> of": 3.0, "lost": 1.0}}, {"impact": 0.0}, {}
    )
    # 'we' opening the sentence weighs, but a word like it tells a reader nothing
    assert toy.why("We lost 12% of orders on March 4.", "impact", project=True) == [
        "(share) of",
        "on (date)",
        "lost",
    ]


def test_a_section_without_a_threshold_is_not_found_in_prose() -> None:
    # the toy model weighs 'quickly' for went well, but has no threshold for it
    assert "went_well" not in _found(PROSE, TOY).implicit


def test_under_another_sections_heading_the_model_does_not_judge() -> None:
    plain = PROSE.replace(", which delayed the response", "")
    assert (
        "contributing_factors" in _found(plain.replace("There was", "## Details\n\nThere was"), TOY).implicit
    )
    assert (
        "contributing_factors"
        not in _found(plain.replace("There was", "## Root cause\n\nThere was"), TOY).implicit
    )


def test_a_line_of_three_words_states_nothing() -> None:
    assert "contributing_factors" not in _found("# Outage\n\nNo alert fired.\n", TOY).implicit


INCIDENT = """# Checkout outage on 4 March

On 4 March about 40% of customers could not check out for two hours, and roughly 12,000 orders failed.
The outage was caused by a config change that set the database pool size to 5 in the new release.
Because the pool was exhausted, every checkout request waited for a connection and timed out.
There was no alert on pool saturation, which delayed the response by forty minutes.
Monitoring caught the error spike within a minute of the deploy.
The on-call engineer was paged within two minutes and the runbook was up to date.
The team worked well together and communication was clear.
The rollback worked as designed and the site recovered within ten minutes of it.
We will add an alert on pool saturation by 20 March.
We will also load test every release with production-sized traffic before it ships.
"""


def test_the_shipped_model_finds_every_section_of_an_incident_told_in_prose() -> None:
    found = parse_document(INCIDENT, name="pm.md", today=DAY).found
    assert found.headed == {}
    assert set(found.implicit) == {
        "impact",
        "root_cause",
        "contributing_factors",
        "went_well",
        "action_items",
    }
    likeliest = {key: pieces[0].text for key, pieces in found.evidence.items()}
    assert likeliest["impact"].startswith("On 4 March about 40% of customers")
    assert likeliest["went_well"].startswith("The team worked well together")
    assert likeliest["action_items"].startswith("We will")


def test_the_shipped_model_finds_no_section_in_notes_of_a_meeting() -> None:
    notes = (
        "# Release notes review\n\nWe met on Tuesday to walk through the release notes for version 2.4.\n"
        "The notes list the new export button and the renamed settings page.\n"
    )
    found = parse_document(notes, name="pm.md", today=DAY).found
    assert found.sections_found == []


def test_the_shipped_model_has_a_threshold_for_every_prose_section_and_no_more() -> None:
    shipped = model()
    assert (
        set(shipped.thresholds)
        == set(shipped.weights)
        == {
            "impact",
            "root_cause",
            "contributing_factors",
            "went_well",
            "action_items",
        }
    )
    assert all(0.0 < t < 1.0 for t in shipped.thresholds.values())
    raw = json.loads(resources.files("afterboard.parse").joinpath("statements.json").read_text("utf-8"))
    assert max(len(w) for w in raw["weights"].values()) <= 4000
