"""/postmortems/{id}/edit: the Markdown editor with its preview and findings, and the action items as rows.
Every save is a new revision in the archive (an identical document adds none)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from afterboard.postmortem import ActionStatus
from afterboard.store.records import Role
from afterboard.web.auth import requires
from afterboard.web.deps import checked_form, text_field, text_fields
from afterboard.web.documents import (
    ActionRow,
    document_html,
    kept_findings,
    publication_clock,
    read_markdown,
    save_revision,
    similar_to,
    stored_text,
    with_action_rows,
)
from afterboard.web.pages import page
from afterboard.web.routes.common import Ctx, see_other

router = APIRouter()
PmId = Annotated[int, Path(ge=1, le=2**31 - 1)]
BLANK_ROWS = 2


@router.get("/postmortems/{postmortem_id}/edit", response_class=HTMLResponse)
@requires(Role.AUTHOR)
def editor(request: Request, ctx: Ctx, postmortem_id: PmId) -> HTMLResponse:
    with ctx.store.reading():  # the page's questions to the archive, in one transaction
        stored = ctx.store.get(postmortem_id)
        return page(
            request,
            "editor.html",
            stored=stored,
            pm=stored.postmortem,
            text=stored_text(stored, ctx),
            preview=document_html(stored, ctx),
            findings=kept_findings(stored, ctx),
            clock=publication_clock(stored, ctx.store.policy, ctx.now()),
            similar=similar_to(stored, ctx, limit=5),
            statuses=[s.value for s in ActionStatus],
            blank_rows=BLANK_ROWS,
            saved=request.query_params.get("saved"),
        )


@router.post("/postmortems/{postmortem_id}/edit")
def save(ctx: Ctx, postmortem_id: PmId, form: Annotated[FormData, Depends(checked_form)]) -> Response:
    ctx.store.get(postmortem_id)
    pm, _findings = read_markdown(text_field(form, "markdown"), ctx, name=f"postmortem-{postmortem_id}.md")
    saved = save_revision(ctx, pm, id=postmortem_id, message="edited")
    return see_other(f"/postmortems/{postmortem_id}/edit?saved={saved.revision}")


@router.post("/postmortems/{postmortem_id}/actions")
def save_actions(ctx: Ctx, postmortem_id: PmId, form: Annotated[FormData, Depends(checked_form)]) -> Response:
    """The action-item rows (text, owner, date, status) become the document's action items."""
    pm = ctx.store.get(postmortem_id).postmortem
    columns = [text_fields(form, name) for name in ("item_text", "item_owner", "item_due", "item_status")]
    rows = [ActionRow(*values) for values in zip(*columns, strict=False)]
    updated = with_action_rows(pm, rows)
    saved = save_revision(ctx, updated, id=postmortem_id, message="action items edited")
    return see_other(f"/postmortems/{postmortem_id}/edit?saved={saved.revision}#actions")
