"""Loading a board photo safely: JPEG, PNG, WebP, HEIC; EXIF orientation; one clear sentence for bad files.

The photo is decoded once, straight at the size the OCR works at (a JPEG is decoded at 1/2 or 1/4 scale by
the decoder itself, which is several times faster than decoding 12 MP and shrinking). The size is checked
from the header, before any pixel is decoded, so a decompression bomb never reaches memory.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from afterboard.errors import InputError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from PIL import Image

MAX_MEGAPIXELS = 64
"""A 48 MP phone photo passes; beyond this the file is refused before decoding (decompression-bomb guard)."""

WORK_LONG_SIDE = 2000
"""The OCR reads best at about 2000 px on the long side (VISION.md: full 12 MP is worse and 3-15x slower)."""

FORMATS = "JPEG, PNG, WebP or HEIC"


@dataclass(frozen=True)
class Photo:
    """A photo, upright, at working size; `scale` maps working pixels back to the oriented original."""

    name: str
    pixels: NDArray[np.uint8]
    """RGB, height x width x 3, long side at most `WORK_LONG_SIDE`."""
    size: tuple[int, int]
    """Width and height of the original photo once EXIF orientation is applied."""
    scale: float

    @property
    def width(self) -> int:
        return int(self.pixels.shape[1])

    @property
    def height(self) -> int:
        return int(self.pixels.shape[0])


def load_photo(path: Path, *, long_side: int = WORK_LONG_SIDE) -> Photo:
    """The photo at `path`, upright and at working size, or an InputError saying why it cannot be used."""
    from PIL import ImageOps

    _check_file(path)
    image = _open(path)
    width, height = image.size
    if width * height > MAX_MEGAPIXELS * 1_000_000:
        raise InputError(
            f"{path} is {width}x{height} pixels ({width * height / 1e6:.0f} MP); images over "
            f"{MAX_MEGAPIXELS} MP are refused so that a crafted file cannot exhaust memory: resize it first."
        )
    if image.format == "JPEG":
        # Let the decoder skip detail we do not need: it picks the largest 1/2^n scale still >= the request.
        factor = min(1.0, long_side / max(width, height))
        image.draft("RGB", (round(width * factor), round(height * factor)))
    try:
        image.load()
        orientation = image.getexif().get(0x0112, 1)
        upright = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(
            f"{path} is damaged or truncated ({_reason(exc)}); copy the photo again from the phone."
        ) from None
    original = (height, width) if orientation in {5, 6, 7, 8} else (width, height)
    return _working(path.name, upright, original, long_side)


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InputError(f"{path}: no such file.")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the photos inside it.")
    if path.stat().st_size == 0:
        raise InputError(f"{path} is empty (0 bytes); it is not a photo.")


def _open(path: Path) -> Image.Image:
    from PIL import Image, UnidentifiedImageError

    _register_heif(path)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 89 and 179 MP; any such size is refused below, in one sentence.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(path)
    except UnidentifiedImageError:
        hint = _not_an_image_hint(path)
        raise InputError(f"{path} is not an image ({FORMATS} expected){hint}.") from None
    except Image.DecompressionBombError:
        raise InputError(
            f"{path} declares far more pixels than any photo; such images are refused so that a crafted "
            "file cannot exhaust memory."
        ) from None
    except PermissionError:
        raise InputError(f"{path}: permission denied.") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read as an image ({_reason(exc)}).") from None


def _register_heif(path: Path) -> None:
    """pillow-heif teaches Pillow to read HEIC (the iPhone default); register it only when needed."""
    with path.open("rb") as handle:
        head = handle.read(16)
    if head[4:8] == b"ftyp":
        from pillow_heif import register_heif_opener

        register_heif_opener()


def _not_an_image_hint(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"%PDF"):
        return "; it is a PDF document"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return ""
    return "; it looks like text: to draft from typed notes use `afterboard draft`"


def _working(name: str, image: Image.Image, original: tuple[int, int], long_side: int) -> Photo:
    import numpy as np
    from PIL import Image

    rgb = image.convert("RGB")
    factor = long_side / max(rgb.size)
    if factor < 1:
        target = (max(1, round(rgb.width * factor)), max(1, round(rgb.height * factor)))
        rgb = rgb.resize(target, Image.Resampling.BILINEAR, reducing_gap=2.0)
    scale = original[0] / rgb.width
    return Photo(name=name, pixels=np.asarray(rgb, dtype=np.uint8), size=original, scale=scale)


def _reason(exc: BaseException) -> str:
    return str(exc).rstrip(".") or type(exc).__name__
