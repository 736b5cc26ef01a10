"""/api/postmortems: list, create (from Markdown, notes or JSON), read, revise, change status, findings."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from afterboard.checks.finding import Finding
from afterboard.errors import InputError
from afterboard.postmortem import Kind, Status
from afterboard.store.records import CheckRecord, Filters, Hit, Revision, Role, StatusChange
from afterboard.web.api.models import (
    Access,
    Checked,
    Document,
    Id,
    NewPostMortem,
    Preview,
    Previewed,
    Revise,
    StatusBody,
)
from afterboard.web.auth import requires
from afterboard.web.deps import Context, checked_api, context
from afterboard.web.documents import (
    findings_of,
    preview_html,
    read_markdown,
    save_revision,
    stored_text,
)

router = APIRouter(tags=["post-mortems"])
Ctx = Annotated[Context, Depends(context)]
Limit = Annotated[int, Query(ge=1, le=200)]


@router.get("/postmortems", response_model=list[Hit])
def list_postmortems(
    ctx: Ctx,
    *,
    q: Annotated[str, Query(max_length=500)] = "",
    kind: Kind | None = None,
    severity: Annotated[str | None, Query(max_length=40)] = None,
    status: Status | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    owner: Annotated[str | None, Query(max_length=200)] = None,
    tag: Annotated[str | None, Query(max_length=100)] = None,
    limit: Limit = 50,
) -> list[Hit]:
    """Search (`q`) and filter the archive; without `q`, newest first."""
    filters = Filters(
        kind=kind, severity=severity, status=status, since=since, until=until, owner=owner, tag=tag
    )
    return ctx.store.search(q, filters, limit=limit)


@router.post("/postmortems", response_model=Checked, status_code=201, dependencies=[Depends(checked_api)])
def create_postmortem(ctx: Ctx, body: NewPostMortem) -> Checked:
    """Save a new post-mortem; the response has its id and the findings of its check. With
    `restricted_to` it is restricted from its first save (see the field)."""
    given = [v for v in (body.markdown, body.notes, body.postmortem) if v is not None]
    if len(given) != 1:
        raise InputError("Give exactly one of markdown, notes or postmortem.")
    if body.markdown is not None:
        pm, findings = read_markdown(body.markdown, ctx, name="api.md")
    elif body.notes is not None:
        from afterboard.drafting import draft
        from afterboard.ingest.text import parse_notes

        board = parse_notes(body.notes, name="notes", today=ctx.today())
        pm = draft(board, today=ctx.today(), settings=ctx.settings)
        findings = findings_of(pm, ctx)
    else:
        assert body.postmortem is not None
        pm = body.postmortem
        findings = findings_of(pm, ctx)
    saved = save_revision(
        ctx, pm, id=None, message=body.message or "created", restricted_to=body.restricted_to
    )
    return Checked(saved=saved, findings=findings)


@router.get("/postmortems/{postmortem_id}", response_model=Document)
def get_postmortem(
    ctx: Ctx, postmortem_id: Id, revision: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None
) -> Document:
    stored = ctx.store.get(postmortem_id, revision)
    return Document(
        id=stored.id,
        revision=stored.revision,
        latest_revision=stored.latest_revision,
        status=stored.status,
        markdown=stored_text(stored, ctx),
        postmortem=stored.postmortem,
    )


@router.put("/postmortems/{postmortem_id}", response_model=Checked, dependencies=[Depends(checked_api)])
def revise_postmortem(ctx: Ctx, postmortem_id: Id, body: Revise) -> Checked:
    """Save the Markdown as the next revision (an identical document adds none)."""
    ctx.store.get(postmortem_id)
    pm, findings = read_markdown(body.markdown, ctx, name=f"postmortem-{postmortem_id}.md")
    saved = save_revision(ctx, pm, id=postmortem_id, message=body.message or "edited")
    return Checked(saved=saved, findings=findings)


@router.post(
    "/postmortems/{postmortem_id}/status",
    response_model=StatusChange,
    dependencies=[Depends(checked_api)],
)
def set_status(ctx: Ctx, postmortem_id: Id, body: StatusBody) -> StatusChange:
    """draft → in_review → published (and back to review to correct a published one)."""
    return ctx.store.set_status(postmortem_id, body.status, actor=ctx.actor)


@router.get("/postmortems/{postmortem_id}/findings", response_model=CheckRecord | None)
def last_findings(ctx: Ctx, postmortem_id: Id) -> CheckRecord | None:
    ctx.store.get(postmortem_id)
    return ctx.store.last_check(postmortem_id)


@router.get("/postmortems/{postmortem_id}/history", response_model=list[Revision])
def history(ctx: Ctx, postmortem_id: Id) -> list[Revision]:
    return ctx.store.history(postmortem_id)


@router.get("/postmortems/{postmortem_id}/similar", response_model=list[Hit])
def similar(ctx: Ctx, postmortem_id: Id, limit: Annotated[int, Query(ge=1, le=20)] = 5) -> list[Hit]:
    """Past post-mortems whose causes read most like this one's."""
    pm = ctx.store.get(postmortem_id).postmortem
    return ctx.store.similar(pm, limit=limit, exclude=postmortem_id)


@router.get("/postmortems/{postmortem_id}/access", response_model=Access)
def get_access(ctx: Ctx, postmortem_id: Id) -> Access:
    """Who may see it: the team, or only the people named (and admins)."""
    visibility, people = ctx.store.access(postmortem_id)
    return Access.model_validate({"visibility": visibility, "people": people})


@router.put("/postmortems/{postmortem_id}/access", response_model=Access, dependencies=[Depends(checked_api)])
@requires(Role.ADMIN)
def set_access(ctx: Ctx, postmortem_id: Id, body: Access) -> Access:
    """Restrict it to named people (a security incident, say), or open it to the team again. Admins only."""
    visibility, people = ctx.store.set_access(postmortem_id, body.visibility, body.people)
    return Access.model_validate({"visibility": visibility, "people": people})


@router.post("/preview", response_model=Previewed, dependencies=[Depends(checked_api)])
def preview(ctx: Ctx, body: Preview) -> Previewed:
    """The editor's live view: the Markdown as sanitised HTML, and its findings. Saves nothing."""
    findings: list[Finding]
    _pm, findings = read_markdown(body.markdown, ctx, name="preview.md")
    return Previewed(html=preview_html(body.markdown), findings=findings)
