"""The words a line may be re-read as: common English words (`wordfreq`, installed with afterboard, nothing
fetched at run time) and the team's own words (names, services, words from its archive and corrections).

A team word counts as common as `TEAM_ZIPF` (about 'service' or 'deploy'): it wins against a rarer English
word the same letters are as close to, and a reading that already is a team word is never moved.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from functools import cache

from afterboard.errors import EngineError
from afterboard.ingest.ctc import Decoder
from afterboard.ingest.ocr import TextLine

ENGLISH_WORDS = 50_000
"""How many of the most common English words: 50,000 reaches words like 'mitigation' and 'rollback'."""
TEAM_ZIPF = 5.0
_TOKEN = re.compile(r"[a-z0-9]*[a-z][a-z0-9]*")


class Lexicon:
    """Re-reads engine lines with the English words and the team's words."""

    def __init__(self, words: Collection[str] = ()) -> None:
        english = _english()
        team: dict[str, str] = {}
        for phrase in sorted(words):
            for token in re.findall(r"[A-Za-z0-9]+", phrase):
                folded = token.casefold()
                if len(token) < 2 or not _TOKEN.fullmatch(folded):
                    continue
                # the team's own capitals ('PgBouncer') over a lower-cased copy of the same word
                if token != folded or folded not in team:
                    team[folded] = token
        self._spelling = {folded: token for folded, token in team.items() if token != folded}
        self._zipf = {**english, **{w: max(TEAM_ZIPF, english.get(w, 0.0)) for w in team}}
        self._words = list(self._zipf)
        self._decoder = Decoder(candidates=self._near, prior=self._zipf.get, spelling=self._spelling.get)

    def reread(self, line: TextLine) -> TextLine:
        """The line with its words re-read where the engine's probabilities support a known word better
        than the letters it picked; the engine's own reading kept in `read_as`."""
        # steps that no longer spell the line (a sideways line re-read turned) are another reading's
        if line.steps is None or line.steps.text.strip() != line.text:
            return line
        text = self._decoder.read(line.steps).strip()
        if text == line.text:
            return line
        return replace(line, text=text, read_as=line.text)

    def _near(self, word: str, edits: int) -> list[str]:
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        found = process.extract(
            word, self._words, scorer=Levenshtein.distance, score_cutoff=edits, limit=None
        )
        return [match for match, _, _ in found]


@cache
def _english() -> dict[str, float]:
    """The most common English words of letters only (no digits, no accents), with their zipf frequency.
    Read from wordfreq's list by frequency (bucket i holds the words of zipf 9 - i/100), whose cache is
    then let go: all of its words would stay in memory for the process's life (some 30 MB) for these."""
    try:
        import wordfreq
    except ImportError as exc:
        raise EngineError(
            f"the English word list is not installed ({exc.name} is missing); reinstall afterboard with pip."
        ) from None
    words: dict[str, float] = {}
    seen = 0
    for index, bucket in enumerate(wordfreq.get_frequency_list("en")):
        for word in bucket:
            if len(word) >= 2 and word.isascii() and word.isalpha():
                words[word] = 9 - index / 100
        seen += len(bucket)
        if seen >= ENGLISH_WORDS:
            break
    wordfreq.get_frequency_list.cache_clear()
    return words
