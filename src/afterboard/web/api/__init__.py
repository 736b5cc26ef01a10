"""The JSON API under /api: the same operations as the pages, described by /openapi.json.

Errors are `{"error": "one sentence"}` with a 4xx status (5xx only for a bug or a busy database). Calls that
change something and carry the app's cookie need its CSRF token in `X-CSRF-Token`; calls from other tools
carry no cookie and need none (`security.py` says why that is safe).
"""

from __future__ import annotations

from fastapi import FastAPI


def register(app: FastAPI) -> None:
    from afterboard.web.api import account, archive, postmortems, snaps

    for module in (postmortems, snaps, archive, account):
        app.include_router(module.router, prefix="/api")
