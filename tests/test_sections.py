from __future__ import annotations

import pytest

from afterboard.sections import Section, match_section, normalise


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Timeline", Section.TIMELINE),
        ("## Timeline (all times UTC):", Section.TIMELINE),
        ("TIMLINE", Section.TIMELINE),
        ("What went well", Section.WENT_WELL),
        ("Wins", Section.WENT_WELL),
        ("What went wrong", Section.CONTRIBUTING_FACTORS),
        ("Contributing factors", Section.CONTRIBUTING_FACTORS),
        ("Root cause(s)", Section.ROOT_CAUSE),
        ("5 whys", Section.ROOT_CAUSE),
        ("Five Whys", Section.ROOT_CAUSE),
        ("Action items", Section.ACTION_ITEMS),
        ("Next steps", Section.ACTION_ITEMS),
        ("Follow-ups", Section.ACTION_ITEMS),
        ("Corrective and preventative measures", Section.ACTION_ITEMS),
        ("Customer impact", Section.IMPACT),
        ("Lessons learned", Section.LESSONS_LEARNED),
        ("Where we got lucky", Section.LUCKY),
        ("3. Impact", Section.IMPACT),
    ],
)
def test_match_section_knows_what_teams_write(heading: str, section: Section) -> None:
    assert match_section(heading) is section


@pytest.mark.parametrize(
    "heading", ["Parking lot", "Questions", "Appendix: logs", "Checkout outage 2026-11-20", ""]
)
def test_match_section_leaves_other_headings_alone(heading: str) -> None:
    assert match_section(heading) is None


def test_went_well_and_went_wrong_are_not_confused() -> None:
    assert match_section("What went well") is not match_section("What went wrong")


def test_normalise_drops_case_numbering_and_punctuation() -> None:
    assert normalise("2. Timeline (all times UTC):") == "timeline"
    assert normalise("What We're Doing About It") == "what were doing about it"


def test_a_word_that_names_a_section_only_alone_names_nothing_inside_a_longer_heading() -> None:
    assert match_section("Right") is Section.WENT_WELL
    assert match_section("Wrong") is Section.CONTRIBUTING_FACTORS
    assert match_section("Lowlights") is Section.CONTRIBUTING_FACTORS
    assert match_section("Highlights and lowlights") is Section.WENT_WELL
    assert match_section("Contract strengths") is None
    assert match_section("Rights") is None
