"""/api/search, /api/actions, /api/due, /api/stats: the archive's lists and numbers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import TypeAdapter

from afterboard.errors import InputError
from afterboard.postmortem import ActionStatus
from afterboard.store.records import Action, Due, Filters, Hit
from afterboard.store.stats import Stats
from afterboard.web.api.models import ActionChange, Id
from afterboard.web.deps import Context, checked_api, context

router = APIRouter(tags=["archive"])
Ctx = Annotated[Context, Depends(context)]
_ACTIONS = TypeAdapter(list[Action])


@router.get("/search", response_model=list[Hit])
def search(
    ctx: Ctx,
    q: Annotated[str, Query(max_length=500)] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[Hit]:
    """Words (all must appear), "exact phrases", OR, -word, prefix*; best first."""
    return ctx.store.search(q, Filters(), limit=limit)


@router.get("/actions", response_model=list[Action])
def actions(
    ctx: Ctx,
    owner: Annotated[str | None, Query(max_length=200)] = None,
    overdue: bool = False,
    open_only: bool = False,
) -> Response:
    items = ctx.store.actions(owner=owner, overdue=overdue, open_only=open_only, today=ctx.today())
    # written once by pydantic-core: FastAPI would validate the thousand records again before writing them
    return Response(_ACTIONS.dump_json(items), media_type="application/json")


@router.patch("/actions/{action_id}", response_model=Action, dependencies=[Depends(checked_api)])
def change_action(ctx: Ctx, action_id: Id, body: ActionChange) -> Action:
    """Mark an action item's status, or record its link in a tracker."""
    try:
        new_status = ActionStatus(body.status) if body.status is not None else None
    except ValueError:
        raise InputError(
            f"'{body.status}' is not a status; use open, in_progress, done or wont_do."
        ) from None
    return ctx.store.mark_action(action_id, status=new_status, link=body.link, actor=ctx.actor)


@router.get("/due", response_model=list[Due])
def due(ctx: Ctx) -> list[Due]:
    """Post-mortems whose publication clock runs or ran out, and incidents still missing one."""
    return ctx.store.due()


@router.get("/stats", response_model=Stats)
def stats(ctx: Ctx) -> Stats:
    return ctx.store.stats(today=ctx.today())
