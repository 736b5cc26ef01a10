"""Headings matched to a section by a fuzzy match: a heading that is only part of an alias's name has lost
the word that named the section, while a wordier heading or a slip of the keys keeps it."""

from __future__ import annotations

import pytest

from afterboard.sections import Section, match_section


@pytest.mark.parametrize("heading", ["Analysis", "Process"])
def test_a_heading_that_is_only_part_of_an_alias_names_no_section(heading: str) -> None:
    assert match_section(heading) is None


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Timeline of the outage", Section.TIMELINE),
        ("TIMLINE", Section.TIMELINE),
        ("Impact analysis", Section.IMPACT),
    ],
)
def test_a_wordier_heading_or_a_slip_still_names_its_section(heading: str, section: Section) -> None:
    assert match_section(heading) is section
