"""The Jinja2 environment shared by the Markdown and HTML renderers (templates ship in the package)."""

from __future__ import annotations

from functools import cache

import jinja2


@cache
def environment(*, html: bool) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("afterboard.render", "templates"),
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
