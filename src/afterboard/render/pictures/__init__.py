"""Pictures of a post-mortem, drawn with matplotlib from the model: the timeline, the fishbone of causes and
the five-whys chain. Each exists only when the document has the data for it."""

from __future__ import annotations

from afterboard.postmortem import PostMortem
from afterboard.render.pictures._figure import Picture, PictureFormat
from afterboard.render.view import View
from afterboard.settings import Settings

__all__ = ["Picture", "PictureFormat", "draw_pictures", "fishbone_section"]


def draw_pictures(
    pm: PostMortem, *, settings: Settings | None = None, formats: tuple[PictureFormat, ...] = ("svg", "png")
) -> dict[str, Picture]:
    """{'timeline': ..., 'fishbone': ..., 'whys': ...}, each present only when there is data for it.

    With no `formats` the pictures are measured, not drawn: each holds its size and alt text only, and
    matplotlib is not even imported (the page count of `afterboard check` needs the sizes alone)."""
    from afterboard.render.pictures.fishbone import fishbone_picture
    from afterboard.render.pictures.timeline import timeline_picture
    from afterboard.render.pictures.whys import whys_picture

    drawn = (
        timeline_picture(pm, View(pm, settings or Settings()), formats=formats),
        fishbone_picture(pm, formats=formats),
        whys_picture(pm, formats=formats),
    )
    return {picture.name: picture for picture in drawn if picture is not None}


def fishbone_section(pm: PostMortem) -> str:
    """The section the fishbone stands at the top of: the contributing factors, which it mostly draws,
    when there are any; else the root cause, whose own fishbone it then draws."""
    return "contributing_factors" if pm.contributing_factors else "root_cause"
