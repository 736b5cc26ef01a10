"""Board photos drawn in the tests: a whiteboard with marker headers and sticky notes, in Pillow's built-in
scalable font (no system fonts needed)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

WIDTH, HEIGHT = 1800, 1200
INCIDENT_BOARD = {
    "Timeline": ["09:12 deploy started", "09:31 pager alert fired", "10:05 service restored"],
    "What went well": ["Fast rollback", "Clear updates in Slack"],
    "Action items": ["Add canary stage @ana by 12/05", "Lower alert threshold @raj by 12/12"],
}
"""The board most tests read: three columns of an incident review."""

NOTE_COLOURS = ((252, 232, 110), (255, 170, 200), (150, 220, 150), (140, 200, 245), (250, 180, 100))


def draw_board(
    columns: Mapping[str, Sequence[str]], *, size: tuple[int, int] = (WIDTH, HEIGHT)
) -> Image.Image:
    """A whiteboard with one column per header, each note a sticky note (wrapped text) under its header."""
    width, height = size
    board = Image.new("RGB", size, (236, 238, 234))
    draw = ImageDraw.Draw(board)
    header_font = ImageFont.load_default(size=56)
    note_font = ImageFont.load_default(size=34)
    column_width = width // max(1, len(columns))
    note_w, note_h = int(column_width * 0.72), 200
    for c, (header, notes) in enumerate(columns.items()):
        left = c * column_width
        if c:
            draw.line([(left, 40), (left, height - 40)], fill=(40, 60, 160), width=5)
        draw.text((left + 40, 50), header, fill=(30, 40, 140), font=header_font)
        for n, text in enumerate(notes):
            x0, y0 = left + (column_width - note_w) // 2, 170 + n * (note_h + 30)
            draw.rectangle([x0, y0, x0 + note_w, y0 + note_h], fill=NOTE_COLOURS[(c + n) % len(NOTE_COLOURS)])
            for k, line in enumerate(_wrap(text, draw, note_font, note_w - 40)):
                draw.text((x0 + 20, y0 + 20 + k * 44), line, fill=(20, 20, 20), font=note_font)
    return board.filter(ImageFilter.GaussianBlur(0.6))


def incident_photo(folder: Path) -> Path:
    """The incident board as a phone JPEG in `folder`."""
    return save(draw_board(INCIDENT_BOARD), folder / "board.jpg", quality=90)


def save(image: Image.Image, path: Path, **options: object) -> Path:
    image.save(path, **options)
    return path


def _wrap(text: str, draw: ImageDraw.ImageDraw, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=font) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def at_an_angle(
    board: Image.Image,
    corners: Sequence[tuple[float, float]],
    *,
    size: tuple[int, int] = (2000, 1500),
    wall: tuple[int, int, int] = (120, 112, 104),
) -> Image.Image:
    """`board` photographed at an angle: warped so that its corners (top-left, top-right, bottom-right,
    bottom-left) land on `corners` of a `size` photo of a darker wall."""
    import cv2
    import numpy as np

    width, height = board.size
    source = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    matrix = cv2.getPerspectiveTransform(source, np.float32(corners))
    pixels = cv2.warpPerspective(
        np.asarray(board), matrix, size, flags=cv2.INTER_LINEAR, borderValue=tuple(int(v) for v in wall)
    )
    return Image.fromarray(pixels)


ANGLED = ((260, 140), (1850, 330), (1800, 1300), (190, 1420))
"""Corners of a board seen from its left, a little from below: the right edge a fifth shorter."""


def in_warm_uneven_light(image: Image.Image, *, darkest: float = 0.25) -> Image.Image:
    """`image` under a warm lamp on its left: a yellow cast, the light falling to `darkest` on the right."""
    import numpy as np

    pixels = np.asarray(image, dtype=np.float32)
    falloff = np.linspace(1.0, darkest, pixels.shape[1], dtype=np.float32)[None, :, None]
    cast = np.float32([1.0, 0.93, 0.62])[None, None, :]
    return Image.fromarray(np.clip(pixels * falloff * cast, 0, 255).astype(np.uint8))


STEEP = ((600, 60), (1900, 480), (1900, 1080), (560, 1470))
"""Corners of a board seen steeply from its left: the right edge under half the left one. Read without
squaring, notes merge and land in the wrong sections."""


def draw_layout(
    headers: Sequence[tuple[str, tuple[int, int]]],
    notes: Sequence[tuple[str, tuple[int, int]]],
    *,
    size: tuple[int, int] = (WIDTH, HEIGHT),
    header_notes: Sequence[tuple[str, tuple[int, int]]] = (),
    lines: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
) -> Image.Image:
    """A whiteboard laid out freely: marker `headers` and sticky `notes` (text, top-left corner), headers
    written on sticky notes of their own (`header_notes`), and marker `lines` (from, to). A note whose text
    is empty is drawn blank: a sticky note with nothing legible on it."""
    board = Image.new("RGB", size, (236, 238, 234))
    draw = ImageDraw.Draw(board)
    header_font = ImageFont.load_default(size=56)
    note_font = ImageFont.load_default(size=34)
    for start, end in lines:
        draw.line([start, end], fill=(40, 60, 160), width=5)
    for text, (x, y) in headers:
        draw.text((x, y), text, fill=(30, 40, 140), font=header_font)
    for n, (text, (x, y)) in enumerate(notes):
        draw.rectangle([x, y, x + 300, y + 170], fill=NOTE_COLOURS[n % len(NOTE_COLOURS)])
        for k, line in enumerate(_wrap(text, draw, note_font, 260)):
            draw.text((x + 20, y + 20 + k * 44), line, fill=(20, 20, 20), font=note_font)
    for text, (x, y) in header_notes:
        draw.rectangle([x, y, x + 300, y + 110], fill=(140, 200, 245))
        draw.text((x + 20, y + 30), text, fill=(20, 20, 20), font=header_font)
    return board.filter(ImageFilter.GaussianBlur(0.6))
