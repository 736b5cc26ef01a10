"""Re-reading words from the recogniser's own probabilities: a word changes only where they support it."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from afterboard.ingest.ctc import ALPHABET, Charset, Decoder, forward
from ctc_steps import spelled, steps

LEXICON = {"status": 4.6, "quo": 3.0, "rollback": 3.1, "stat": 3.3, "state": 5.5}


def decoder() -> Decoder:
    return Decoder(candidates=lambda word, edits: list(LEXICON), prior=LEXICON.get)


def test_a_misread_letter_the_model_also_saw_is_read_as_the_word() -> None:
    # 'STATHS', where the fifth step gave 'U' almost as much as 'H'
    line = spelled("STATHS QUO", {4: {"H": 0.5, "U": 0.4}})
    assert line.text == "STATHS QUO"
    assert decoder().read(line) == "STATUS QUO"


def test_a_letter_the_model_ruled_out_is_not_replaced_however_common_the_word() -> None:
    line = spelled("STATHS QUO", {4: {"H": 0.95}})  # no 'u' anywhere near
    assert decoder().read(line) == "STATHS QUO"


def test_a_reading_that_is_a_word_already_stays() -> None:
    # 'stat' is a word: 'state', commoner and nearly as likely, would be a guess at meaning
    line = steps([{"s": 0.95}, {}, {"t": 0.95}, {}, {"a": 0.95}, {}, {"t": 0.95}, {"e": 0.45}])
    assert line.text == "stat"
    assert decoder().read(line) == "stat"
    assert (
        decoder().read(
            steps([{"s": 0.95}, {}, {"t": 0.95}, {}, {"o": 0.6, "a": 0.35}, {}, {"t": 0.95}, {"e": 0.45}])
        )
        == "state"
    )


def test_capitals_amid_lower_case_are_an_acronym_and_stay() -> None:
    words = Decoder(candidates=lambda word, edits: ["til"], prior={"til": 3.0}.get)
    line = spelled("Cache TTL", {7: {"T": 0.5, "I": 0.45}})
    assert words.read(line) == "Cache TTL"
    assert words.read(spelled("CACHE TTL", {7: {"T": 0.5, "I": 0.45}})) == "CACHE TIL"


def test_the_case_of_the_reading_and_the_teams_spelling_are_kept() -> None:
    # one 'l' where the word has two: the forward sum finds the steps for a second one in the blanks
    line = steps(
        [{"R": 0.95}, {}, {"o": 0.95}, {}, {"l": 0.6}, {"l": 0.3}, {}, {"l": 0.4}]
        + [f for c in "back" for f in ({c: 0.95}, {})]
    )
    assert line.text == "Rolback"
    assert decoder().read(line) == "Rollback"
    team = Decoder(
        candidates=lambda word, edits: ["rollback"],
        prior={"rollback": 5.0}.get,
        spelling={"rollback": "RollBack"}.get,
    )
    assert team.read(line) == "RollBack"


def test_forward_is_the_sum_over_every_alignment() -> None:
    rng = np.random.default_rng(3)
    probs = rng.dirichlet(np.ones(1 + len(ALPHABET)), size=5).astype(np.float32)
    word = "aab"
    total = 0.0
    for path in itertools.product(["", "a", "b"], repeat=5):
        collapsed = [c for i, c in enumerate(path) if c and (i == 0 or path[i - 1] != c)]
        if "".join(collapsed) == word:
            total += math.prod(
                float(probs[t, 0 if c == "" else 1 + ALPHABET.index(c)]) for t, c in enumerate(path)
            )
    assert forward(word, probs) == pytest.approx(math.log(total), rel=1e-4)


def test_the_recognisers_output_becomes_steps_with_both_cases_summed() -> None:
    characters = ["blank", "a", "A", "b", "é", " "]
    preds = np.array(
        [[[0.1, 0.3, 0.4, 0.1, 0.05, 0.05], [0.9, 0.0, 0.0, 0.1, 0.0, 0.0], [0.1, 0.0, 0.0, 0.0, 0.8, 0.1]]],
        dtype=np.float32,
    )
    (line,) = Charset(characters).steps(preds)
    assert line.text == "Aé"
    assert line.probs[0, 0] == pytest.approx(0.1)
    assert line.probs[0, 1 + ALPHABET.index("a")] == pytest.approx(0.7)
    assert line.probs[0, 1 + ALPHABET.index("b")] == pytest.approx(0.1)
