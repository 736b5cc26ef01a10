"""/snap: the upload form (a phone's camera opens from it), its POST, and the progress of the reading."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from afterboard.errors import InputError
from afterboard.store.records import Role, SnapStatus
from afterboard.web.auth import requires
from afterboard.web.deps import checked_form, text_field
from afterboard.web.pages import page
from afterboard.web.routes.common import Ctx, see_other

router = APIRouter()
SnapId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/snap", response_class=HTMLResponse)
@requires(Role.AUTHOR)
def form(request: Request) -> HTMLResponse:
    return page(request, "snap.html")


@router.post("/snap")
async def upload(ctx: Ctx, form: Annotated[FormData, Depends(checked_form)]) -> Response:
    from afterboard.web.snapping import accept_upload

    photo = form.get("photo")
    if not isinstance(photo, UploadFile) or not photo.filename:
        raise InputError("Choose a photo of the board (or take one) before sending.")
    data = await photo.read()
    snap = await run_in_threadpool(accept_upload, ctx, data, photo.filename, text_field(form, "kind"))
    return see_other(f"/snap/{snap.id}")


@router.get("/snap/{snap_id}", response_class=HTMLResponse)
def progress(request: Request, ctx: Ctx, snap_id: SnapId) -> Response:
    """While the photo is read: a progress page that refreshes itself; then the board to review."""
    snap = ctx.store.snap(snap_id)  # the job's state is the snap row, as this person may see it
    if snap.status is SnapStatus.DONE:
        return see_other(f"/snap/{snap_id}/board")
    return page(
        request, "progress.html", snap=snap, waiting=snap.status in {SnapStatus.QUEUED, SnapStatus.RUNNING}
    )
