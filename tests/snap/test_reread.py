"""Lines re-read with the lexicon in the photo reader: the team's words count, the raw reading stays."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
from snap_boards import draw_board, save

from afterboard.ingest.lexicon import Lexicon
from afterboard.ingest.ocr import RapidOCRVision, TextLine
from afterboard.ingest.photo import PhotoReader
from ctc_steps import spelled, steps
from scripted_vision import ScriptedVision


def _bouncer() -> TextLine:
    # 'pgbouncr': the model gave the missing 'e' a fair chance in the step between 'c' and 'r'
    frames = [f for c in "pgbounc" for f in ({c: 0.95}, {})] + [{"e": 0.4}, {"r": 0.95}]
    line = steps(frames)
    assert line.text == "pgbouncr"
    return TextLine("pgbouncr", 0.3, (60, 150, 500, 190), steps=line)


def test_a_team_word_is_read_where_the_model_supports_it_and_the_raw_reading_is_kept() -> None:
    assert Lexicon().reread(_bouncer()).text == "pgbouncr"  # not an English word: left as read
    line = Lexicon(["PgBouncer pool", "Ana"]).reread(_bouncer())
    assert (line.text, line.read_as) == ("PgBouncer", "pgbouncr")


def test_common_english_words_come_with_the_package() -> None:
    line = TextLine("Tineline", 0.3, (0, 0, 10, 10), steps=spelled("Tineline", {2: {"n": 0.5, "m": 0.4}}))
    assert (Lexicon().reread(line).text, Lexicon().reread(line).read_as) == ("Timeline", "Tineline")


def test_a_line_without_the_models_probabilities_for_its_text_is_kept_as_read() -> None:
    line = TextLine("Tineline", 0.3, (0, 0, 10, 10))
    assert Lexicon().reread(line) is line
    # a sideways line read again turned: the steps it kept are those of the first, unturned reading
    turned = TextLine("Tineline", 0.3, (0, 0, 10, 10), steps=spelled("lll", {1: {"i": 0.5, "l": 0.4}}))
    assert Lexicon().reread(turned) is turned


def test_the_note_shows_the_re_read_text_and_keeps_the_engines_reading(tmp_path: Path) -> None:
    photo = save(draw_board({}, size=(900, 700)), tmp_path / "board.png")
    vision = ScriptedVision([TextLine("Action items", 0.99, (50, 40, 300, 90)), _bouncer()])
    (note,) = PhotoReader(vision, words=["PgBouncer"]).read(photo, today=dt.date(2026, 12, 3)).notes
    assert (note.text, note.read_as, note.section) == ("PgBouncer", "pgbouncr", "action_items")
    (plain,) = PhotoReader(vision).read(photo, today=dt.date(2026, 12, 3)).notes
    assert (plain.text, plain.read_as) == ("pgbouncr", None)


def test_the_engine_gives_each_line_the_probabilities_it_read_it_from() -> None:
    image = np.asarray(draw_board({"Went well": ["Fast rollback", "Paged in time"]}, size=(900, 700)))
    lines = RapidOCRVision().read(image)
    assert lines and all(line.steps is not None and line.steps.text.strip() == line.text for line in lines)


def test_the_words_given_with_a_photo_replace_the_readers_own(tmp_path: Path) -> None:
    # a worker's reader lives long; the archive's words as of each photo are handed with it
    photo = save(draw_board({}, size=(900, 700)), tmp_path / "board.png")
    vision = ScriptedVision([TextLine("Action items", 0.99, (50, 40, 300, 90)), _bouncer()])
    reader = PhotoReader(vision, words=["Kafka"])

    (note,) = reader.read_full(photo, today=dt.date(2026, 12, 3), words=["PgBouncer"]).board.notes
    (own,) = reader.read_full(photo, today=dt.date(2026, 12, 3)).board.notes

    assert (note.text, own.text) == ("PgBouncer", "pgbouncr")
