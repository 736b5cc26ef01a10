"""The fishbone (Ishikawa) picture: the problem at the head, the causes grouped on category bones.

Drawn in inch coordinates (the axes fill the figure, one data unit is one inch), so text sizes and the
room each bone's causes need can be reckoned directly. Bones alternate above and below the spine; each
bone's causes stack along it, wrapped to the width between two bones, so they cannot run into each other.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from afterboard.postmortem import PostMortem
from afterboard.render.pictures._figure import INK, LINE, MUTED, Picture, PictureFormat, export, figure, wrap
from afterboard.render.pictures.categories import bones

if TYPE_CHECKING:
    from matplotlib.axes import Axes

WIDTH_IN = 6.7
_HEAD_IN = 1.45
_LINE_IN = 7 * 1.2 / 72
"""The height of one line of 7-point text."""
_GAP_IN = 0.06
_MAX_LINES = 3
_MAX_SLANT = 0.3
"""How far, in inches, a bone leans back from the spine to its end."""
_BONE_COLOURS = ("#2e86c1", "#d68910", "#1e8449", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d", "#b9770e")


def fishbone_picture(
    pm: PostMortem, *, formats: tuple[PictureFormat, ...] = ("svg", "png")
) -> Picture | None:
    """The fishbone of the causes and contributing factors, or None when there are fewer than two causes."""
    groups = bones(pm)
    if sum(len(causes) for _, causes in groups) < 2:
        return None
    columns = math.ceil(len(groups) / 2)
    spacing = (WIDTH_IN - _HEAD_IN - 0.25) / columns
    # a cause's text sits between its bone and the next one, which leans up to _MAX_SLANT to the left
    chars = max(10, int((spacing - _MAX_SLANT - 0.2) / 0.056))
    lines = _MAX_LINES if chars >= 16 else _MAX_LINES + 1
    wrapped = [(category, [wrap(c, chars, max_lines=lines) for c in causes]) for category, causes in groups]
    reach = max(_bone_height(causes) for _, causes in wrapped)
    # room below the spine only for bones that go there (one category needs none); the head box needs a
    # little either way
    top, bottom = reach + 0.32, (reach + 0.32 if len(groups) > 1 else 0.45)
    alt = "Fishbone diagram of the causes of '{}': {}".format(
        pm.title, "; ".join(f"{category} ({len(causes)})" for category, causes in groups)
    )
    if not formats:
        return Picture(name="fishbone", alt=alt, width_in=WIDTH_IN, height_in=top + bottom)
    with figure(WIDTH_IN, top + bottom) as fig:
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, WIDTH_IN)
        ax.set_ylim(-bottom, top)
        ax.set_axis_off()
        _draw(ax, pm, wrapped, spacing=spacing, reach=reach)
        return export(fig, name="fishbone", alt=alt, formats=formats)


def _draw(
    ax: Axes, pm: PostMortem, groups: list[tuple[str, list[str]]], *, spacing: float, reach: float
) -> None:
    spine_end = WIDTH_IN - _HEAD_IN
    ax.plot([0.1, spine_end], [0, 0], color=INK, linewidth=2, solid_capstyle="butt")
    ax.annotate(
        wrap(pm.title or "The incident", 17, max_lines=5),
        (spine_end + 0.05, 0),
        ha="left",
        va="center",
        fontsize=8,
        fontweight="bold",
        color="white",
        bbox={"boxstyle": "round,pad=0.45", "facecolor": INK, "edgecolor": "none"},
    )
    slant = min(reach * 0.38, _MAX_SLANT)
    for index, (category, causes) in enumerate(groups):
        column, side = divmod(index, 2)
        sign = 1 if side == 0 else -1
        root = spine_end - 0.15 - spacing * column
        colour = _BONE_COLOURS[index % len(_BONE_COLOURS)]
        ax.plot([root, root - slant], [0, sign * reach], color=colour, linewidth=1.6)
        ax.annotate(
            category.capitalize(),
            (root - slant, sign * reach),
            xytext=(0, 4 * sign),
            textcoords="offset points",
            ha="center",
            va="bottom" if sign > 0 else "top",
            fontsize=7.5,
            fontweight="bold",
            color=colour,
        )
        _causes(ax, causes, root=root, slant=slant, reach=reach, sign=sign)


def _causes(ax: Axes, causes: list[str], *, root: float, slant: float, reach: float, sign: int) -> None:
    """Each cause right-aligned against the bone, stacked from the spine outwards."""
    y = 0.12
    for text in causes:
        height = text.count("\n") + 1
        centre = y + height * _LINE_IN / 2
        x = root - slant * centre / reach
        ax.plot([x - 0.12, x], [sign * centre] * 2, color=LINE, linewidth=0.7)
        ax.annotate(
            text,
            (x - 0.14, sign * centre),
            ha="right",
            va="center",
            fontsize=7,
            color=MUTED if text.endswith("…") else INK,
            linespacing=1.05,
        )
        y += height * _LINE_IN + _GAP_IN


def _bone_height(causes: list[str]) -> float:
    lines = sum(text.count("\n") + 1 for text in causes)
    return max(0.7, 0.12 + lines * _LINE_IN + len(causes) * _GAP_IN + 0.05)
