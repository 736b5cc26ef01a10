"""PostMortem → one self-contained HTML page: no external assets, every note escaped (notes are untrusted)."""

from __future__ import annotations

from afterboard.postmortem import PostMortem
from afterboard.render._jinja import environment
from afterboard.render.view import View
from afterboard.settings import Settings


def render_html(pm: PostMortem, *, settings: Settings | None = None) -> str:
    template = environment(html=True).get_template("postmortem.html.j2")
    return template.render(v=View(pm, settings or Settings()), pm=pm)
