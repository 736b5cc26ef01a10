"""Checking an uploaded photo while the request is open: its type from its bytes (not its name), then the
same checks `afterboard snap` makes (size in pixels before decoding, damaged or truncated files)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from afterboard.errors import InputError
from afterboard.ingest.image import FORMATS

_NAME_UNSAFE = re.compile(r"[^\w.\- ()]+")


def detect_type(data: bytes) -> str | None:
    """'jpg', 'png', 'webp' or 'heic' from the file's first bytes; None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] == b"ftyp" and data[8:12] in {b"heic", b"heix", b"mif1", b"msf1", b"heis", b"hevc"}:
        return "heic"
    return None


def display_name(filename: str | None) -> str:
    """The uploader's file name, reduced to something safe to show (never used as a path)."""
    base = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _NAME_UNSAFE.sub("_", base).strip(" ._")[:80]
    return cleaned or "photo"


def check_photo(data: bytes, name: str) -> None:
    """Refuse in one sentence anything that is not a usable photo; a good one passes silently."""
    from afterboard.ingest.image import load_photo

    if not data:
        raise InputError(f"{name} is empty (0 bytes); choose a photo of the board.")
    kind = detect_type(data)
    if kind is None:
        raise InputError(f"{name} is not an image ({FORMATS} expected); choose a photo of the board.")
    with tempfile.TemporaryDirectory(prefix="afterboard-upload-") as folder:
        path = Path(folder) / f"upload.{kind}"
        path.write_bytes(data)
        try:
            load_photo(path)
        except InputError as exc:
            raise InputError(str(exc).replace(str(path), name)) from None
