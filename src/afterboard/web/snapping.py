"""From an uploaded photo to a draft: accept it (checked while the request is open), queue it, and once it
is read and its notes reviewed, draft the post-mortem from the board (or redraft it as a new revision)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from afterboard.errors import InputError
from afterboard.web.documents import findings_of, save_revision
from afterboard.web.uploads import check_photo, detect_type, display_name

if TYPE_CHECKING:
    from afterboard.store.records import Saved, Snap
    from afterboard.web.deps import Context

KINDS = ("incident", "project")
CROP_LONG_SIDE = 640


def accept_upload(ctx: Context, data: bytes, filename: str | None, kind: str | None) -> Snap:
    """Check the photo, keep it in the archive and queue it; InputError in one sentence when unusable."""
    name = display_name(filename)
    if kind not in (None, "", *KINDS):
        raise InputError(f"'{kind}' is not a kind of post-mortem; choose incident or project.")
    check_photo(data, name)
    snap = ctx.store.add_snap(data, filename=name, kind=kind or None, today=ctx.today(), actor=ctx.actor)
    ctx.queue.enqueue(snap.id)
    return snap


def draft_from_snap(ctx: Context, snap: Snap, restricted_to: list[str] | None = None) -> Saved:
    """Draft the post-mortem from the snap's (reviewed) notes: the first draft, or a new revision of it.

    Two first drafts at once (a double click, two people) keep one post-mortem: the later one finds the
    snap drafted and becomes a redraft of that post-mortem (no new revision when the board is the same).
    `restricted_to`: the first draft is restricted from its first save; a redraft asked to be restricted
    is refused if the post-mortem is the team's (its notes would be theirs to read).
    """
    from afterboard.drafting import draft
    from afterboard.store.snaps import SnapDraftedError

    if snap.board is None:
        raise InputError(f"The photo of snap {snap.id} has not been read yet; wait for it, then draft.")
    pm = draft(snap.board, kind=snap.kind, today=snap.today, settings=ctx.settings)
    if snap.postmortem_id is None:
        try:
            saved = ctx.store.draft_snap(
                snap.id,
                pm,
                actor=ctx.actor,
                message=f"drafted from {snap.filename}",
                restricted_to=restricted_to,
            )
        except SnapDraftedError:
            snap = ctx.store.snap(snap.id)
        else:
            ctx.store.record_findings(saved.id, findings_of(pm, ctx), revision=saved.revision)
            return saved
    assert snap.postmortem_id is not None
    if restricted_to is not None and ctx.store.access(snap.postmortem_id)[0] == "team":
        raise InputError(
            f"Snap {snap.id} was already drafted as post-mortem {snap.postmortem_id}, which the team may "
            "see; ask an admin to restrict it before redrafting."
        )
    return save_revision(ctx, pm, id=snap.postmortem_id, message="redrafted from the reviewed board")


def crop(ctx: Context, snap: Snap, index: int) -> bytes:
    """The part of the photo a note was read from (with a margin), as a JPEG, so a person can read it."""
    import io

    from PIL import Image, ImageOps

    if snap.board is None or not 0 <= index < len(snap.board.notes):
        raise InputError(f"Snap {snap.id} has no note {index + 1}.")
    box = snap.board.notes[index].box
    if box is None:
        raise InputError(f"Note {index + 1} of snap {snap.id} has no place on the photo.")
    data = ctx.store.snap_photo(snap)
    if detect_type(data) == "heic":
        from pillow_heif import register_heif_opener

        register_heif_opener()
    with Image.open(io.BytesIO(data)) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
    margin = max(box[2] - box[0], box[3] - box[1]) // 8
    area = (
        max(0, box[0] - margin),
        max(0, box[1] - margin),
        min(upright.width, box[2] + margin),
        min(upright.height, box[3] + margin),
    )
    if area[2] <= area[0] or area[3] <= area[1]:
        raise InputError(f"Note {index + 1} of snap {snap.id} lies outside the photo.")
    piece = upright.crop(area)
    piece.thumbnail((CROP_LONG_SIDE, CROP_LONG_SIDE))
    out = io.BytesIO()
    piece.save(out, format="JPEG", quality=85)
    return out.getvalue()


def media_type(data: bytes) -> str:
    kind = detect_type(data) or "jpg"
    return {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "heic": "image/heic"}[kind]
