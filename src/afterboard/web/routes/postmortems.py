"""/postmortems: the archive with filters, one post-mortem (view, status, clock, downloads, files), and a new
one drafted from typed notes or imported from a digital board's export."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from afterboard.errors import InputError, NotFoundError
from afterboard.postmortem import Status
from afterboard.render import FORMATS
from afterboard.store.records import Role, Saved
from afterboard.web.auth import requires
from afterboard.web.deps import Context, checked_form, names_field, restriction_field, text_field
from afterboard.web.documents import document_html, kept_findings, publication_clock, save_revision
from afterboard.web.pages import page
from afterboard.web.routes.common import Ctx, filters_from, see_other
from afterboard.web.uploads import display_name

router = APIRouter()
ITEM_CHANGES_SHOWN = 20
"""The page shows the latest changes to action items; `/api/actions` and the archive keep them all."""
PmId = Annotated[int, Path(ge=1, le=2**31 - 1)]
MEDIA = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@router.get("/postmortems", response_class=HTMLResponse)
def archive(request: Request, ctx: Ctx) -> HTMLResponse:
    params = dict(request.query_params)
    filters = filters_from(params)
    hits = ctx.store.search(params.get("q", "")[:500], filters, limit=100)
    return page(request, "archive.html", hits=hits, params=params, title="Post-mortems")


@router.get("/postmortems/new", response_class=HTMLResponse)
@requires(Role.AUTHOR)
def new(request: Request, ctx: Ctx) -> HTMLResponse:
    return page(request, "new.html", accounts=ctx.principal.user is not None)


@router.post("/postmortems/new")
def create(ctx: Ctx, form: Annotated[FormData, Depends(checked_form)]) -> Response:
    """Draft from typed notes, as `afterboard draft` does, and keep the draft."""
    from afterboard.drafting import draft
    from afterboard.ingest.text import parse_notes

    text = text_field(form, "notes")
    if not text.strip():
        raise InputError("Type or paste the notes of the board first.")
    kind = text_field(form, "kind") or None
    board = parse_notes(text, name="notes", today=ctx.today())
    pm = draft(board, kind=kind, today=ctx.today(), settings=ctx.settings)
    saved = save_revision(
        ctx, pm, id=None, message="drafted from typed notes", restricted_to=restriction_field(form)
    )
    return see_other(f"/postmortems/{saved.id}/edit")


@router.get("/postmortems/import", response_class=HTMLResponse)
@requires(Role.AUTHOR)
def import_form(request: Request, ctx: Ctx) -> HTMLResponse:
    return page(request, "import.html", accounts=ctx.principal.user is not None)


@router.post("/postmortems/import")
async def import_board(ctx: Ctx, form: Annotated[FormData, Depends(checked_form)]) -> Response:
    """Draft from a digital board's export (or an on-call tool's log), as `afterboard draft FILE` does, keep
    the draft with the file it came from, and open it in the editor."""
    upload = form.get("board")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InputError("Choose the board's export file (Miro, FigJam, Excalidraw, Trello, a CSV…) first.")
    data, name = await upload.read(), display_name(upload.filename)
    kind, restricted_to = text_field(form, "kind") or None, restriction_field(form)
    saved = await run_in_threadpool(_import, ctx, data, name, kind, restricted_to)
    return see_other(f"/postmortems/{saved.id}/edit")


def _import(ctx: Context, data: bytes, name: str, kind: str | None, restricted_to: list[str] | None) -> Saved:
    from afterboard.drafting import draft
    from afterboard.ingest.headers import vocabulary_for
    from afterboard.ingest.sources import read_upload
    from afterboard.web.snapping import KINDS

    if kind not in (None, *KINDS):
        raise InputError(f"'{kind[:40]}' is not a kind of post-mortem; choose incident or project.")
    vocabulary = vocabulary_for(ctx.settings.board_sections)
    board = read_upload(data, name=name, today=ctx.today(), vocabulary=vocabulary)
    pm = draft(board, kind=kind, today=ctx.today(), settings=ctx.settings)
    saved = save_revision(ctx, pm, id=None, message=f"drafted from {name}", restricted_to=restricted_to)
    ctx.store.attach(saved.id, data, role="other", filename=name, revision=saved.revision, actor=ctx.actor)
    return saved


@router.get("/postmortems/{postmortem_id}", response_class=HTMLResponse)
def view(
    request: Request, ctx: Ctx, postmortem_id: PmId, revision: Annotated[int | None, Query(ge=1)] = None
) -> HTMLResponse:
    with ctx.store.reading():  # the page's ten questions to the archive, in one transaction
        stored = ctx.store.get(postmortem_id, revision)
        return page(
            request,
            "postmortem.html",
            stored=stored,
            pm=stored.postmortem,
            body=document_html(stored, ctx),
            findings=kept_findings(stored, ctx),
            clock=publication_clock(stored, ctx.store.policy, ctx.now()),
            history=ctx.store.history(postmortem_id),
            statuses=ctx.store.status_history(postmortem_id),
            item_changes=ctx.store.action_changes(postmortem_id)[-ITEM_CHANGES_SHOWN:],
            files=ctx.store.attachments(postmortem_id),
            snap=ctx.store.snap_for(postmortem_id),
            access=ctx.store.access(postmortem_id),
            accounts=ctx.principal.user is not None,
            formats=FORMATS,
            drafted=request.query_params.get("drafted"),
        )


@router.post("/postmortems/{postmortem_id}/status")
def change_status(
    ctx: Ctx, postmortem_id: PmId, form: Annotated[FormData, Depends(checked_form)]
) -> Response:
    try:
        to = Status(text_field(form, "status"))
    except ValueError:
        raise InputError("Choose draft, in review or published.") from None
    ctx.store.set_status(postmortem_id, to, actor=ctx.actor)
    return see_other(f"/postmortems/{postmortem_id}")


@router.post("/postmortems/{postmortem_id}/access")
@requires(Role.ADMIN)
def change_access(
    ctx: Ctx, postmortem_id: PmId, form: Annotated[FormData, Depends(checked_form)]
) -> Response:
    """Restrict the post-mortem to the people named (one per line or comma-separated), or open it again."""
    ctx.store.set_access(postmortem_id, text_field(form, "visibility", "team"), names_field(form))
    return see_other(f"/postmortems/{postmortem_id}")


@router.get("/postmortems/{postmortem_id}/download/{fmt}")
def download(
    ctx: Ctx,
    postmortem_id: PmId,
    fmt: str,
    public: bool = False,
    revision: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    """The document in any format the renderers write; `?public=1` for the redacted public version."""
    from afterboard.render import render_bytes
    from afterboard.render.public import make_public

    if fmt not in FORMATS:
        raise NotFoundError(f"'{fmt}' is not a format afterboard writes; choose one of {', '.join(FORMATS)}.")
    stored = ctx.store.get(postmortem_id, revision)
    pm = make_public(stored.postmortem, settings=ctx.settings).pm if public else stored.postmortem
    data = render_bytes(pm, fmt, settings=ctx.settings)
    name = f"postmortem-{postmortem_id}{'-public' if public else ''}.{fmt}"
    return Response(
        data, media_type=MEDIA[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("/postmortems/{postmortem_id}/files/{attachment_id}")
def attachment(ctx: Ctx, postmortem_id: PmId, attachment_id: PmId) -> Response:
    meta, data = ctx.store.read_attachment(attachment_id)
    if meta.postmortem_id != postmortem_id:
        raise NotFoundError(f"Post-mortem {postmortem_id} has no file {attachment_id}.")
    # served as a download, never rendered by the browser as a page of this site
    return Response(
        data,
        media_type=meta.media_type if meta.media_type.startswith("image/") else "application/octet-stream",
        headers={"Content-Disposition": f'inline; filename="file-{attachment_id}"'},
    )
