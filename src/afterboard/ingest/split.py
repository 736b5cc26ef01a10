"""Headers written close together come back from the text detector as one long line ('What went
wellContributing factors Action items'), and whole columns then follow the wrong header.

Such a line is cut where known headers are found inside its text (a fuzzy alignment, so OCR slips
survive); each header becomes a line of its own, and the text between headers stays a line. The ink of
such rows cannot be cut at gaps instead: underlines and column strokes run through them. A piece's box
is taken in proportion to its place in the text, which is close enough to tell its column.
"""

from __future__ import annotations

from afterboard.ingest.headers import Vocabulary
from afterboard.ingest.ocr import TextLine


def split_merged_headers(lines: list[TextLine], vocabulary: Vocabulary) -> list[TextLine]:
    """`lines`, with each line that swallowed one or more headers cut into its headers and the rest."""
    result: list[TextLine] = []
    for line in lines:
        if line.width < 2 * line.height or vocabulary.is_exact(line.text):
            result.append(line)
            continue
        result.extend(_cut(line, 0, len(line.text), vocabulary))
    return result


def _cut(line: TextLine, start: int, end: int, vocabulary: Vocabulary) -> list[TextLine]:
    """The headers inside line.text[start:end] and the text around them, left to right. Only a piece with
    no letter or digit at all is dropped: whatever the engine read stays on the board. A cut may fall
    inside a word, as it must where the engine ran two headers together ('wellContributing')."""
    found = vocabulary.find_in(line.text[start:end])
    if found is None:
        return [_piece(line, start, end)] if any(c.isalnum() for c in line.text[start:end]) else []
    if found == (0, end - start):
        return [_piece(line, start, end)]
    left, right = start + found[0], start + found[1]
    return [
        *_cut(line, start, left, vocabulary),
        _piece(line, left, right),
        *_cut(line, right, end, vocabulary),
    ]


def _piece(line: TextLine, start: int, end: int) -> TextLine:
    if (start, end) == (0, len(line.text)):
        return line
    text = line.text[start:end]
    stripped = text.strip(" /|:;,.-")
    start += text.find(stripped) if stripped else 0
    end = start + len(stripped)
    x0, y0, x1, y1 = line.box
    per_char = (x1 - x0) / max(1, len(line.text))
    return TextLine(
        text=stripped,
        confidence=line.confidence,
        box=(x0 + start * per_char, y0, x0 + end * per_char, y1),
    )
