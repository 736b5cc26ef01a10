"""Reading a user's text file safely: clear sentences for missing, huge, binary or non-UTF-8 files."""

from __future__ import annotations

from pathlib import Path

from afterboard.errors import InputError

MAX_TEXT_BYTES = 2 * 1024 * 1024
"""Typed notes or a post-mortem are a few kB; anything this big is the wrong file."""


def read_text_file(path: Path, *, what: str = "notes", limit: int = MAX_TEXT_BYTES) -> str:
    """The text of `path`, or an InputError saying in one sentence why it cannot be used."""
    if not path.exists():
        raise InputError(f"{path}: no such file.")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the {what} file inside it.")
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(
                f"{path} is {size / 1024 / 1024:.1f} MB; {what} files over {limit // 1024 // 1024} MB "
                "are not accepted (is it the right file?)."
            )
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied.") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    return decode_text(data, name=str(path), what=what)


_SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word document)"),
)


def decode_text(data: bytes, *, name: str, what: str = "notes") -> str:
    """Decode UTF-8 text (a BOM is fine); refuse binary data with a sentence saying what it looks like."""
    head = data[:8192]
    kind = next((label for magic, label in _SIGNATURES if head.startswith(magic)), None)
    if kind is None and (head[4:8] == b"ftyp" or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")):
        kind = "an image (HEIC or WebP)"
    if kind is not None:
        hint = "; to read a photo of a board use `afterboard snap`" if "image" in kind else ""
        raise InputError(f"{name} is {kind}, not {what} written as text{hint}.")
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f")
    if b"\x00" in head or controls > max(4, len(head) // 50):
        raise InputError(f"{name} looks like a binary file, not {what} written as text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8 and try again."
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
