"""The web app: snap a board from a phone, review what was read, edit the draft with live checks, publish,
find it again. A thin shell over the same library calls the CLI makes.

    from afterboard.web import create_app
    app = create_app(load_settings())      # an ASGI app; `afterboard serve` runs it with uvicorn

Importing this package does no work; FastAPI loads when `create_app` is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from afterboard.settings import Settings
    from afterboard.web.options import WebOptions

__all__ = ["create_app"]


def create_app(settings: Settings | None = None, *, options: WebOptions | None = None) -> FastAPI:
    """The app over the archive `settings` name (see `app.py`)."""
    from afterboard.web.app import create_app as create

    return create(settings, options=options)
