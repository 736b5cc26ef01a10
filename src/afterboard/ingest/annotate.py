"""The annotated photo: each note's box, section and text drawn over the board, so a person sees at a glance
what was read where (and which readings are doubtful: drawn red with a '?'; a note on which nothing could be
read is labelled 'unread note')."""

from __future__ import annotations

from typing import TYPE_CHECKING

from afterboard.board import Board

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont

    from afterboard.ingest.image import Photo

_SECTION_COLOURS = {
    "timeline": (31, 119, 180),
    "impact": (148, 103, 189),
    "root_cause": (214, 39, 40),
    "contributing_factors": (255, 127, 14),
    "went_well": (44, 160, 44),
    "action_items": (23, 190, 207),
}
_OTHER = (90, 90, 90)
_DOUBT = (220, 0, 0)


def annotate(photo: Photo, board: Board, *, low_confidence: float = 0.6) -> Image.Image:
    """The photo (upright, working size) with every note of `board` that came from it drawn on it."""
    from PIL import Image, ImageDraw

    image = Image.fromarray(photo.pixels).convert("RGB")
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    size = max(12, round(max(image.size) / 90))
    font = _font(size)
    for note in board.notes:
        if note.box is None or not (note.source or "").startswith(f"{photo.name}#"):
            continue
        box = tuple(v / photo.scale for v in note.box)
        doubtful = note.confidence < low_confidence
        colour = _DOUBT if doubtful else _SECTION_COLOURS.get(note.section or "", _OTHER)
        draw.rectangle(box, outline=(*colour, 255), width=max(2, size // 5))
        said = note.text if note.text.strip() else "unread note"
        label = _fit(f"{'? ' if doubtful else ''}{note.section or 'unplaced'}: {said}", draw, font, box)
        left, top = box[0], max(0.0, box[1] - size * 1.3)
        text_box = draw.textbbox((left, top), label, font=font)
        draw.rectangle(text_box, fill=(*colour, 215))
        draw.text((left, top), label, fill=(255, 255, 255, 255), font=font)
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


def annotated_jpeg(photo: Photo, board: Board, *, low_confidence: float = 0.6) -> bytes:
    """`annotate()` encoded as a JPEG, ready to write."""
    import io

    buffer = io.BytesIO()
    annotate(photo, board, low_confidence=low_confidence).save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def _fit(
    label: str,
    draw: ImageDraw.ImageDraw,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    box: tuple[float, ...],
) -> str:
    """The label cut to its note's width (12 characters at least), so neighbours' labels do not overlap."""
    width = max(box[2] - box[0], draw.textlength("m" * 12, font=font))
    if draw.textlength(label, font=font) <= width:
        return label
    while len(label) > 12 and draw.textlength(label + "…", font=font) > width:
        label = label[:-1]
    return label + "…"
