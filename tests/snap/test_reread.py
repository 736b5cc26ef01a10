"""A second look at doubtful lines, with the real engine: a line whose box cut its letters is read again
from a roomier crop; a confident reading is left as it is."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from afterboard.ingest.ocr import TextLine, default_vision
from afterboard.ingest.reread import reread_doubtful

TEXT = "Rollback started at 09:45"


def _written() -> np.ndarray:
    image = Image.new("RGB", (900, 200), (240, 240, 236))
    ImageDraw.Draw(image).text((40, 60), TEXT, fill=(20, 20, 20), font=ImageFont.load_default(size=48))
    return np.asarray(image)


def test_a_line_whose_box_cut_its_letters_is_read_again_with_room() -> None:
    vision, pixels = default_vision(), _written()
    found = vision.read(pixels)[0]
    x0, y0, x1, y1 = found.box
    cut = 0.4 * (y1 - y0)  # the box the detector might have drawn on a blurry photo: tops and tails cut
    tight = (x0, y0 + cut, x1 - cut, y1 - cut)
    crop = pixels[int(tight[1]) : int(tight[3]), int(tight[0]) : int(tight[2])]
    text, confidence = vision.recognise([crop])[0]
    assert text != TEXT and confidence < 0.6  # as the tight box reads: doubtful
    line = TextLine(text=text, confidence=confidence, box=tight)
    [again] = reread_doubtful(vision, pixels, [line])
    assert again.text == TEXT and again.confidence > confidence
    assert again.box == tight  # the box stays the one found: layout is not disturbed


def test_a_confident_reading_is_left_as_it_is() -> None:
    vision, pixels = default_vision(), _written()
    lines = vision.read(pixels)
    assert lines[0].confidence >= 0.6
    assert reread_doubtful(vision, pixels, lines) is lines
