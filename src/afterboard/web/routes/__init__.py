"""The pages, one module per area; each route is a few lines over the library and a template."""

from __future__ import annotations

from fastapi import FastAPI


def register(app: FastAPI) -> None:
    from afterboard.web.routes import account, archive, board, editor, health, home, postmortems, snap

    for module in (home, snap, board, postmortems, editor, archive, account, health):
        app.include_router(module.router, include_in_schema=False)
