"""Recalling the team's corrections: a reading a person already corrected in review is corrected again,
only that same reading, with the engine's reading kept and the draft saying where the text came from."""

from __future__ import annotations

from types import MappingProxyType

from afterboard.board import Board, Note
from afterboard.drafting import draft
from afterboard.team_vocabulary import EMPTY, TeamVocabulary, reading_key, recall
from conftest import TODAY

TEAM = TeamVocabulary(
    corrections=MappingProxyType({"rollback tock 40 min": "Rollback took 40 min", "ll": "Ana"}),
    typed=frozenset({"Rollback took 40 min"}),
    names=frozenset({"Raj Patel"}),
    services=frozenset({"checkout-api"}),
)


def test_the_same_reading_is_the_same_whatever_its_case_spacing_accents_and_punctuation() -> None:
    assert reading_key("  Rollback TOCK, 40 min! ") == reading_key("rollback tock 40 min")
    assert reading_key("Café déploy") == "cafe deploy"
    assert reading_key("rollback tock 40 min") != reading_key("rollback tack 40 min")


def test_a_reading_corrected_before_is_corrected_again_and_says_so() -> None:
    board = Board(
        notes=(Note(text="Rollback Tock 40 min.", section="timeline", confidence=0.4, source="b.jpg#note-1"),)
    )

    recalled, count = recall(board, TEAM)

    note = recalled.notes[0]
    assert count == 1
    assert (note.text, note.read_as, note.corrected, note.confidence) == (
        "Rollback took 40 min",
        "Rollback Tock 40 min.",
        "team",
        1.0,
    )
    assert (note.section, note.source) == ("timeline", "b.jpg#note-1")


def test_only_the_same_reading_is_corrected_never_a_similar_one_a_short_one_or_one_a_person_corrected() -> (
    None
):
    notes = (
        Note(text="rollback tack 40 min"),  # alike is not the same
        Note(text="ll"),  # a stray mark: too short to say anything
        Note(text="Rollback: 40 min", read_as="rollback tock 40 min", corrected="review"),  # a person's, here
        Note(text=""),  # unread
    )
    board = Board(notes=notes)

    assert recall(board, TEAM) == (board, 0)
    assert recall(board, EMPTY) == (board, 0)


def test_a_note_the_reader_re_read_is_matched_by_its_raw_reading() -> None:
    board = Board(notes=(Note(text="rollback took 40 min", read_as="rollback tock 40 min"),))  # a lexicon's

    note = recall(board, TEAM)[0].notes[0]

    assert (note.text, note.read_as, note.corrected) == (
        "Rollback took 40 min",
        "rollback tock 40 min",
        "team",
    )


def test_the_draft_summary_says_which_notes_were_corrected_from_the_teams_earlier_review() -> None:
    board = Board(
        notes=(
            Note(text="rollback tock 40 min", section="went_well", source="b.jpg#note-2"),
            Note(text="Add canary stage @ana", section="action_items"),
        )
    )

    pm = draft(recall(board, TEAM)[0], today=TODAY)

    said = [item for item in pm.summary if "earlier review" in item.text]
    assert [item.text for item in said] == [
        "1 note corrected as the team corrected the same reading in an earlier review: "
        "“rollback tock 40 min” → “Rollback took 40 min”."
    ]
    assert said[0].source == "b.jpg#note-2"


def test_the_words_for_the_reader_are_the_teams_names_services_and_typed_words() -> None:
    assert TEAM.words == {"Raj", "Patel", "checkout-api", "Rollback", "took", "min"}
