"""/api/me: who the API sees (scripts check their token with it)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from afterboard.web.api.models import Me
from afterboard.web.deps import Context, context

router = APIRouter(tags=["account"])
Ctx = Annotated[Context, Depends(context)]


@router.get("/me", response_model=Me)
def me(ctx: Ctx) -> Me:
    user = ctx.principal.user
    return Me(
        name=user.name if user else None,
        display_name=user.display_name if user else None,
        role=ctx.principal.viewer.role,
    )
