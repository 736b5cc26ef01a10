"""/api/snaps: upload a board photo (read by the worker), follow it, correct its notes, draft from it."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, UploadFile

from afterboard.board import Board
from afterboard.store.records import Saved, Snap
from afterboard.web.api.models import DraftSnap, Id, NotesBody, SnapOut
from afterboard.web.deps import Context, checked_api, context
from afterboard.web.notes import api_edits
from afterboard.web.snapping import accept_upload, draft_from_snap

router = APIRouter(tags=["snaps"])
Ctx = Annotated[Context, Depends(context)]


@router.post("/snaps", response_model=SnapOut, status_code=202, dependencies=[Depends(checked_api)])
async def upload(
    ctx: Ctx,
    photo: Annotated[UploadFile, File(description="The board photo: JPEG, PNG, WebP or HEIC.")],
    kind: Annotated[Literal["incident", "project"] | None, Form()] = None,
) -> SnapOut:
    """Queue a photo to be read; poll `GET /api/snaps/{id}` until its status is done or failed."""
    from starlette.concurrency import run_in_threadpool

    data = await photo.read()
    snap = await run_in_threadpool(accept_upload, ctx, data, photo.filename, kind)
    return _out(snap)


@router.get("/snaps/{snap_id}", response_model=SnapOut)
def status(ctx: Ctx, snap_id: Id) -> SnapOut:
    return _out(ctx.store.snap(snap_id))  # the job's state is the snap row, as this person may see it


@router.put("/snaps/{snap_id}/notes", response_model=SnapOut, dependencies=[Depends(checked_api)])
def set_notes(ctx: Ctx, snap_id: Id, body: NotesBody) -> SnapOut:
    """Replace the notes read from the photo with corrected ones (before drafting)."""
    snap = ctx.store.snap(snap_id)
    return _out(ctx.store.set_snap_board(snap_id, api_edits(snap.board or Board(), body.notes)))


@router.post("/snaps/{snap_id}/draft", response_model=Saved, dependencies=[Depends(checked_api)])
def draft(ctx: Ctx, snap_id: Id, body: DraftSnap | None = None) -> Saved:
    """Draft the post-mortem from the notes (a new revision if it was drafted before); `restricted_to`
    makes the first draft restricted from its first save."""
    return draft_from_snap(ctx, ctx.store.snap(snap_id), body.restricted_to if body else None)


def _out(snap: Snap) -> SnapOut:
    return SnapOut(
        id=snap.id,
        status=snap.status,
        filename=snap.filename,
        error=snap.error,
        postmortem_id=snap.postmortem_id,
        notes=list(snap.board.notes) if snap.board else None,
    )
