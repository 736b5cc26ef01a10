"""PostMortem → one self-contained HTML page: no external assets, every note escaped (notes are untrusted).

Pictures are inline SVG (text kept as text, so the page stays searchable and needs no image source in a
Content-Security-Policy). matplotlib escapes the text it writes into the SVG; the element ids of each
picture are prefixed with its name, so three pictures on one page never share an id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from markupsafe import Markup, escape

from afterboard.postmortem import PostMortem
from afterboard.render._jinja import environment
from afterboard.render.pictures import Picture, fishbone_section
from afterboard.render.view import View
from afterboard.settings import Settings

_IDS = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)


def render_html(
    pm: PostMortem, *, settings: Settings | None = None, pictures: Mapping[str, Picture] | None = None
) -> str:
    """The page. `pictures` are drawn when not given; pass {} for a page without them."""
    if pictures is None:
        from afterboard.render.pictures import draw_pictures

        pictures = draw_pictures(pm, settings=settings, formats=("svg",))
    figures = {name: _figure(picture) for name, picture in pictures.items() if picture.svg}
    template = environment(html=True).get_template("postmortem.html.j2")
    return template.render(
        v=View(pm, settings or Settings()), pm=pm, figures=figures, fishbone_section=fishbone_section(pm)
    )


def _figure(picture: Picture) -> Markup:
    assert picture.svg is not None
    svg = _METADATA.sub("", picture.svg)
    svg = _IDS.sub(lambda m: f"{m[1]}{picture.name}-{m[2]}", svg)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(picture.alt)}" ', 1)
    return Markup(f'<figure class="picture picture-{picture.name}">{svg}</figure>')
