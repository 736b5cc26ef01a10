"""Make the bundled example board photo, `src/afterboard/examples/checkout-outage.jpg`.

    apt-get install fonts-yusei-magic
    python scripts/make_example_board.py [--font PATH] [--out PATH]

The board holds the notes of `examples/checkout-outage.md` (read with afterboard's own notes reader, so the
photo and the notes never drift apart): a whiteboard with a title and six headers, the timeline written in
marker, every other note on a sticky note of its section's colour; then a phone camera: a slight angle,
uneven light, a soft focus, sensor noise and JPEG compression.

Font: Yusei Magic (Debian package fonts-yusei-magic), SIL Open Font License 1.1, which allows using the
font to make images such as this one. The output is deterministic for a given font file and seed.
"""

from __future__ import annotations

import argparse
import io
import random
from importlib import resources
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from afterboard.board import Board
from afterboard.ingest.text import parse_notes

FONT = Path("/usr/share/fonts/truetype/yusei-magic/YuseiMagic-Regular.ttf")
OUT = Path(__file__).resolve().parents[1] / "src/afterboard/examples/checkout-outage.jpg"
BOARD = (3600, 2400)
PHOTO = (3264, 2448)
MAX_BYTES = 560 * 1024

# (header as written, section key, where: column 0-2 and row 0-1, note colour or None for marker text)
LAYOUT = (
    ("Timeline (all times UTC)", "timeline", (0, 0), None),
    ("5 whys", "root_cause", (1, 0), (255, 183, 94)),
    ("Contributing factors", "contributing_factors", (2, 0), (255, 236, 120)),
    ("Impact", "impact", (0, 1), (255, 160, 196)),
    ("What went well", "went_well", (1, 1), (160, 226, 150)),
    ("Action items", "action_items", (2, 1), (150, 205, 250)),
)
INK = {"black": (35, 35, 40), "blue": (25, 55, 150), "red": (170, 30, 40)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--font", type=Path, default=FONT)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=20261120)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    board = parse_notes(_example_notes(), name="checkout-outage.md")
    flat = draw_board(board, args.font, rng)
    photo = camera(np.asarray(flat), rng)
    data = _jpeg_under(photo, MAX_BYTES)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data) // 1024} kB, {PHOTO[0]}x{PHOTO[1]})")


def _example_notes() -> str:
    return resources.files("afterboard.examples").joinpath("checkout-outage.md").read_text(encoding="utf-8")


def draw_board(board: Board, font_path: Path, rng: random.Random) -> Image.Image:
    width, height = BOARD
    image = Image.new("RGB", BOARD, (238, 240, 236))
    draw = ImageDraw.Draw(image)
    title_font = ImageFont.truetype(str(font_path), 70)
    header_font = ImageFont.truetype(str(font_path), 76)
    marker_font = ImageFont.truetype(str(font_path), 44)
    note_font = ImageFont.truetype(str(font_path), 38)
    title = f"{board.title} ({board.severity})" if board.severity else board.title or ""
    draw.text((90, 50), title, fill=INK["black"], font=title_font)
    column_width, top, row_height = width // 3, 190, (height - 190) // 2
    for c in (1, 2):
        x = c * column_width + rng.randint(-8, 8)
        draw.line([(x, top), (x + rng.randint(-15, 15), height - 40)], fill=INK["blue"], width=7)
    draw.line(
        [(40, top + row_height), (width - 40, top + row_height + rng.randint(-10, 10))],
        fill=INK["blue"],
        width=7,
    )
    for header, section, (col, row), colour in LAYOUT:
        left, y = col * column_width + 60, top + row * row_height + 30
        draw.text((left, y), header, fill=INK["red"], font=header_font)
        underline = y + 95
        draw.line(
            [(left, underline), (left + draw.textlength(header, font=header_font), underline)],
            fill=INK["red"],
            width=5,
        )
        notes = [n.text for n in board.notes if n.section == section]
        area = (
            left,
            underline + 40,
            col * column_width + column_width - 40,
            top + (row + 1) * row_height - 30,
        )
        if colour is None:
            _marker_lines(draw, notes, area, marker_font)
        else:
            _sticky_notes(image, notes, area=area, font=note_font, colour=colour, rng=rng)
    return image


def _marker_lines(
    draw: ImageDraw.ImageDraw, notes: list[str], area: tuple[int, ...], font: ImageFont.FreeTypeFont
) -> None:
    """Timeline entries written straight on the board, one under the other (a long one wraps, indented)."""
    left, y, right, _ = area
    for text in notes:
        for k, line in enumerate(_wrap(text, draw, font, right - left - 40)):
            draw.text((left + 40 * bool(k), y), line, fill=INK["blue"], font=font)
            y += 58
        y += 30


def _sticky_notes(
    image: Image.Image,
    notes: list[str],
    *,
    area: tuple[int, ...],
    font: ImageFont.FreeTypeFont,
    colour: tuple[int, int, int],
    rng: random.Random,
) -> None:
    left, top, right, bottom = area
    per_row = 2
    rows = -(-len(notes) // per_row)
    cell_w, cell_h = (right - left) // per_row, (bottom - top) // max(1, rows)
    size = min(cell_w - 30, cell_h - 20)
    note_w, note_h = cell_w - 30, size
    for index, text in enumerate(notes):
        cell_x, cell_y = left + (index % per_row) * cell_w, top + (index // per_row) * cell_h
        note = Image.new("RGBA", (note_w, note_h), (*colour, 255))
        draw = ImageDraw.Draw(note)
        lines = _wrap(text, draw, font, note_w - 50)
        line_h = min(50, (note_h - 30) // max(1, len(lines)))
        for k, line in enumerate(lines):
            draw.text((25, 18 + k * line_h), line, fill=INK["black"], font=font)
        note = note.rotate(rng.uniform(-2.5, 2.5), expand=True, resample=Image.Resampling.BICUBIC)
        shadow = Image.new("RGBA", note.size, (0, 0, 0, 0))
        shadow.putalpha(note.getchannel("A").point(lambda a: a * 0.25))
        shadow = shadow.filter(ImageFilter.GaussianBlur(6))
        image.paste(shadow, (cell_x + 8, cell_y + 10), shadow)
        image.paste(note, (cell_x + rng.randint(0, 10), cell_y + rng.randint(0, 8)), note)


def _wrap(text: str, draw: ImageDraw.ImageDraw, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=font) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def camera(flat: np.ndarray, rng: random.Random) -> np.ndarray:
    """The board as a phone sees it: on a wall, at a slight angle, lit unevenly, a little soft and noisy."""
    out_w, out_h = PHOTO
    height, width = flat.shape[:2]
    src = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    margin_x, margin_y = 0.05 * out_w, 0.07 * out_h
    dst = np.float32(
        [
            [margin_x + rng.uniform(0, 40), margin_y + rng.uniform(10, 60)],
            [out_w - margin_x - rng.uniform(0, 40), margin_y - rng.uniform(0, 30)],
            [out_w - margin_x + rng.uniform(0, 30), out_h - margin_y + rng.uniform(0, 30)],
            [margin_x - rng.uniform(0, 30), out_h - margin_y - rng.uniform(10, 50)],
        ]
    )
    warp = cv2.getPerspectiveTransform(src, dst)
    wall = np.full((out_h, out_w, 3), (150, 146, 138), np.float32)
    board = cv2.warpPerspective(flat.astype(np.float32), warp, (out_w, out_h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.ones((height, width), np.float32), warp, (out_w, out_h))[..., None]
    photo = wall * (1 - mask) + board * mask
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    light = 1.05 - 0.18 * (xx / out_w) - 0.08 * (yy / out_h)
    light -= 0.25 * (((xx - out_w / 2) / out_w) ** 2 + ((yy - out_h / 2) / out_h) ** 2)
    glare = 28 * np.exp(
        -(
            ((xx - 0.7 * out_w) ** 2) / (2 * (0.09 * out_w) ** 2)
            + ((yy - 0.25 * out_h) ** 2) / (2 * (0.06 * out_w) ** 2)
        )
    )
    photo = photo * light[..., None] * np.float32([1.02, 1.0, 0.94]) + glare[..., None]
    photo = cv2.GaussianBlur(photo, (0, 0), 1.1)
    photo += np.random.default_rng(rng.randint(0, 2**31)).normal(0, 2.5, photo.shape).astype(np.float32)
    return np.clip(photo, 0, 255).astype(np.uint8)


def _jpeg_under(pixels: np.ndarray, limit: int) -> bytes:
    image = Image.fromarray(pixels)
    for quality in range(88, 40, -4):
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=quality, optimize=True)
        if buffer.tell() <= limit:
            return buffer.getvalue()
    raise SystemExit(f"could not fit the photo in {limit // 1024} kB")


if __name__ == "__main__":
    main()
