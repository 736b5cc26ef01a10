"""Write the example images of docs/documents.md and the README from the bundled example board: the first
page of its PDF (needs `pdftoppm`, from poppler-utils) and its three pictures.

Usage: python scripts/doc_images.py
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tempfile
from importlib import resources
from pathlib import Path

from PIL import Image

from afterboard.drafting import draft
from afterboard.ingest.text import parse_notes
from afterboard.render.pdf import render_pdf
from afterboard.render.pictures import draw_pictures

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
EXAMPLE_DATE = dt.date(2026, 11, 21)


def main() -> None:
    notes = resources.files("afterboard.examples").joinpath("checkout-outage.md").read_text(encoding="utf-8")
    pm = draft(parse_notes(notes, name="checkout-outage.md", today=EXAMPLE_DATE), today=EXAMPLE_DATE)
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, picture in draw_pictures(pm, formats=("png",)).items():
        assert picture.png is not None
        image = Image.open(io.BytesIO(picture.png))
        small = image.resize((image.width * 2 // 3, image.height * 2 // 3), Image.Resampling.LANCZOS)
        small.save(IMAGES / f"{name}.png", optimize=True)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "example.pdf"
        pdf.write_bytes(render_pdf(pm))
        for page in (1, 2):
            stem = IMAGES / f"example-pdf-page{page}"
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "60",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-singlefile",
                    str(pdf),
                    str(stem),
                ],
                check=True,
            )
    for path in sorted(IMAGES.iterdir()):
        print(f"{path} ({path.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
