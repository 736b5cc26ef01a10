"""/search, /actions (the dashboard), /due and /stats: the archive's lists and numbers."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from afterboard.errors import InputError
from afterboard.postmortem import ActionStatus
from afterboard.store.records import Action
from afterboard.web.charts import bar_chart
from afterboard.web.deps import checked_form, text_field
from afterboard.web.pages import page
from afterboard.web.routes.common import Ctx, filters_from, see_other

router = APIRouter()
ACTIONS_SHOWN = 200
"""The dashboard lists the most pressing items (earliest due first); a filter narrows the rest."""


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, ctx: Ctx) -> HTMLResponse:
    params = dict(request.query_params)
    query = params.get("q", "")[:500]
    hits = ctx.store.search(query, filters_from(params), limit=50) if query or len(params) > 1 else []
    return page(request, "archive.html", hits=hits, params=params, title="Search")


@router.get("/actions", response_class=HTMLResponse)
def actions(request: Request, ctx: Ctx) -> HTMLResponse:
    owner = request.query_params.get("owner", "").strip()[:200] or None
    overdue = request.query_params.get("overdue") == "1"
    today = ctx.today()
    listed = ctx.store.open_actions_page(owner=owner, overdue=overdue, today=today, limit=ACTIONS_SHOWN)
    by_owner: dict[str, list[Action]] = defaultdict(list)
    for item in listed.items:
        by_owner[item.owner or "(no owner)"].append(item)
    return page(
        request,
        "actions.html",
        by_owner=sorted(by_owner.items(), key=lambda kv: (kv[0] == "(no owner)", kv[0].lower())),
        owner=owner or "",
        overdue=overdue,
        today=today,
        total=listed.total,
        shown=len(listed.items),
        late=listed.late,
    )


@router.post("/actions/{action_id}")
def mark(
    ctx: Ctx,
    action_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    form: Annotated[FormData, Depends(checked_form)],
) -> Response:
    try:
        status = ActionStatus(text_field(form, "status"))
    except ValueError:
        raise InputError("Choose open, in progress, done or won't do.") from None
    ctx.store.mark_action(action_id, status=status, actor=ctx.actor)
    back = text_field(form, "back")
    return see_other(back if back.startswith("/actions") else "/actions")


@router.get("/due", response_class=HTMLResponse)
def due(request: Request, ctx: Ctx) -> HTMLResponse:
    return page(request, "due.html", due=ctx.store.due())


@router.get("/stats", response_class=HTMLResponse)
def stats(request: Request, ctx: Ctx) -> HTMLResponse:
    numbers = ctx.store.stats(today=ctx.today())
    charts = [
        bar_chart("Post-mortems by month", dict(numbers.by_month)),
        bar_chart("By severity", dict(numbers.by_severity)),
        bar_chart("Most frequent contributing factors", dict(numbers.factor_categories)),
    ]
    return page(
        request,
        "stats.html",
        stats=numbers,
        charts=[c for c in charts if c.bars],
        deadline=ctx.store.policy.publish_deadline_hours,
    )
