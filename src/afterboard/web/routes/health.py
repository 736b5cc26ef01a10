"""/healthz: for load balancers and service managers, whether this web process can serve at all."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse

from afterboard.errors import StoreError
from afterboard.web.auth import public
from afterboard.web.deps import Context

router = APIRouter()
log = logging.getLogger("afterboard.web")


@router.get("/healthz", response_class=PlainTextResponse)
@public
def healthz(request: Request) -> PlainTextResponse:
    """200 while the archive answers, 503 when it does not; public (a proxy's probe has no session) and
    it tells a stranger nothing about the archive's content."""
    ctx: Context = request.app.state.ctx
    try:
        with ctx.store.transaction(write=False) as conn:
            conn.exec_driver_sql("SELECT 1")
    except (StoreError, sa.exc.SQLAlchemyError) as exc:
        log.warning("health check: %s", exc)
        return PlainTextResponse("the archive does not answer\n", status_code=503)
    return PlainTextResponse("ok\n")
