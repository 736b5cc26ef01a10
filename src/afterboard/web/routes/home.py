"""/: the recent post-mortems and the publication clocks still running."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from afterboard.store.records import Filters
from afterboard.web.pages import page
from afterboard.web.routes.common import Ctx

router = APIRouter()
DUE_SHOWN = 8


@router.get("/", response_class=HTMLResponse)
def home(request: Request, ctx: Ctx) -> HTMLResponse:
    with ctx.store.reading():
        recent = ctx.store.search("", Filters(), limit=10)
        due = ctx.store.due()
    return page(request, "home.html", recent=recent, due=due[:DUE_SHOWN], more_due=len(due) - DUE_SHOWN)
