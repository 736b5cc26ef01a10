"""/snap/{id}/board: review the board — the annotated photo beside the notes read, by section; doubtful
notes with their crop of the photo; edit, move, split, merge or delete notes, then draft."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from afterboard.errors import InputError
from afterboard.web.deps import checked_form, restriction_field, text_field, text_fields
from afterboard.web.notes import apply_edits, grouped, operate, section_choices
from afterboard.web.pages import page
from afterboard.web.routes.common import Ctx, see_other
from afterboard.web.snapping import crop, draft_from_snap, media_type

router = APIRouter()
SnapId = Annotated[int, Path(ge=1, le=2**31 - 1)]
NoteIndex = Annotated[int, Path(ge=0, le=100_000)]
_IMMUTABLE = {"Cache-Control": "private, max-age=3600"}


@router.get("/snap/{snap_id}/board", response_class=HTMLResponse)
def review(request: Request, ctx: Ctx, snap_id: SnapId) -> Response:
    snap = ctx.store.snap(snap_id)
    if snap.board is None:
        return see_other(f"/snap/{snap_id}")
    return page(
        request,
        "board.html",
        snap=snap,
        groups=grouped(snap.board),
        choices=section_choices(snap.board),
        low=ctx.settings.low_confidence,
        saved=request.query_params.get("saved"),
        accounts=ctx.principal.user is not None,
    )


@router.post("/snap/{snap_id}/board")
def edit(ctx: Ctx, snap_id: SnapId, form: Annotated[FormData, Depends(checked_form)]) -> Response:
    """Keep the edits in the form; then split/merge/delete/confirm one note, or draft from them all."""
    snap = ctx.store.snap(snap_id)
    if snap.board is None:
        raise InputError("The photo has not been read yet; wait for it before editing its notes.")
    board = apply_edits(
        snap.board, text_fields(form, "note"), text_fields(form, "text"), text_fields(form, "section")
    )
    operation = text_field(form, "op", "save")
    if operation not in {"save", "draft"}:
        board = operate(board, operation)
    snap = ctx.store.set_snap_board(snap_id, board)
    if operation == "draft":
        saved = draft_from_snap(ctx, snap, restriction_field(form))  # after the edits are kept
        return see_other(f"/postmortems/{saved.id}?drafted={saved.revision}")
    return see_other(f"/snap/{snap_id}/board?saved=1")


@router.get("/snap/{snap_id}/photo")
def photo(ctx: Ctx, snap_id: SnapId) -> Response:
    data = ctx.store.snap_photo(ctx.store.snap(snap_id))
    return Response(data, media_type=media_type(data), headers=_IMMUTABLE)


@router.get("/snap/{snap_id}/annotated.jpg")
def annotated(ctx: Ctx, snap_id: SnapId) -> Response:
    data = ctx.store.snap_photo(ctx.store.snap(snap_id), annotated=True)
    return Response(data, media_type="image/jpeg", headers=_IMMUTABLE)


@router.get("/snap/{snap_id}/notes/{index}/crop.jpg")
def note_crop(ctx: Ctx, snap_id: SnapId, index: NoteIndex) -> Response:
    return Response(crop(ctx, ctx.store.snap(snap_id), index), media_type="image/jpeg")
