"""PostMortem → Markdown: the canonical form, one clean file a person would paste into a wiki.

Note text is untrusted: characters that Markdown or a wiki would turn into structure or HTML (`<`, `*`, a
leading `#`, `|` in tables...) are escaped, so a note saying `<script>` shows as text wherever it is pasted.
"""

from __future__ import annotations

import re

from afterboard.postmortem import PostMortem
from afterboard.render._jinja import environment
from afterboard.render.view import View
from afterboard.settings import Settings

_INLINE = re.compile(r"([\\`*<>\[\]])")
_LEADING = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def render_markdown(pm: PostMortem, *, settings: Settings | None = None) -> str:
    template = environment(html=False).get_template("postmortem.md.j2")
    template.globals.update(md=escape_inline, cell=escape_cell)
    text = template.render(v=View(pm, settings or Settings()), pm=pm)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def escape_inline(text: object) -> str:
    """Text that renders as itself in Markdown: no emphasis, HTML, links or block structure."""
    escaped = _INLINE.sub(r"\\\1", " ".join(str(text).split()))
    escaped = re.sub(r"(?<!\w)_|_(?!\w)", r"\\_", escaped)
    # '# x' would be a heading and '1. x' a list: escape the marker ('\# x', '1\. x')
    leading = _LEADING.match(escaped)
    if leading is None:
        return escaped
    if leading.group(2).isdigit():
        end = leading.end()
        return escaped[:end] + "\\" + escaped[end:]
    return leading.group(1) + "\\" + escaped[leading.start(2) :]


def escape_cell(text: object) -> str:
    """`escape_inline` for a table cell, where '|' would end the cell."""
    return escape_inline(text).replace("|", "\\|")
