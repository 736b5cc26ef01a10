"""The five-whys picture: a vertical flow from the problem down, one box per answer, ending in the root
cause (highlighted). Each box is sized to its wrapped text, so long answers grow the box, never overlap."""

from __future__ import annotations

from typing import TYPE_CHECKING

from afterboard.postmortem import PostMortem
from afterboard.render.pictures._figure import INK, LINE, MUTED, Picture, PictureFormat, export, figure, wrap

if TYPE_CHECKING:
    from matplotlib.axes import Axes

WIDTH_IN = 4.6
_CHARS = 62
_LINE_IN = 8 * 1.25 / 72
_BOX_PAD_IN = 0.24
_ARROW_IN = 0.34
_ROOT_COLOUR = "#c0392b"


def whys_picture(pm: PostMortem, *, formats: tuple[PictureFormat, ...] = ("svg", "png")) -> Picture | None:
    """The five-whys chain as a flow, or None when the chain has fewer than two links."""
    whys = pm.root_cause.whys
    if len(whys) < 2:
        return None
    problem = whys[0].question or pm.title or "The incident"
    boxes = [wrap(problem, _CHARS, max_lines=3)] + [wrap(w.answer, _CHARS, max_lines=5) for w in whys]
    heights = [(text.count("\n") + 1) * _LINE_IN + _BOX_PAD_IN for text in boxes]
    total = sum(heights) + _ARROW_IN * (len(boxes) - 1) + 0.12
    alt = f"Five whys: {len(whys)} steps from '{problem}' to the root cause '{whys[-1].answer}'"
    if not formats:
        return Picture(name="whys", alt=alt, width_in=WIDTH_IN, height_in=total)
    with figure(WIDTH_IN, total) as fig:
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, WIDTH_IN)
        ax.set_ylim(-total, 0)
        ax.set_axis_off()
        # The first question is the problem box itself; later ones label the arrow they lead along.
        arrows = ["why?"] + [_arrow_label(w.question) for w in whys[1:]]
        _draw(ax, boxes, heights, arrows)
        return export(fig, name="whys", alt=alt, formats=formats)


def _arrow_label(question: str | None) -> str:
    """The question that leads to the next answer, when it says more than 'Why?'."""
    if question is None or len(question.strip(" ?")) <= 4:
        return "why?"
    return wrap(question, 40, max_lines=2)


def _draw(ax: Axes, boxes: list[str], heights: list[float], arrows: list[str]) -> None:
    from matplotlib.patches import FancyBboxPatch

    top = -0.05
    last = len(boxes) - 1
    for index, (text, height) in enumerate(zip(boxes, heights, strict=True)):
        is_root = index == last
        face = _ROOT_COLOUR if is_root else ("#eef2f6" if index == 0 else "white")
        edge = _ROOT_COLOUR if is_root else (INK if index == 0 else LINE)
        ax.add_patch(
            FancyBboxPatch(
                (0.3, top - height),
                WIDTH_IN - 0.6,
                height,
                boxstyle="round,pad=0,rounding_size=0.06",
                facecolor=face,
                edgecolor=edge,
                linewidth=1.0,
            )
        )
        caption = "Problem" if index == 0 else ("Root cause" if is_root else f"Why {index}")
        ax.text(
            0.36, top - 0.03, caption, ha="left", va="top", fontsize=6, color="white" if is_root else MUTED
        )
        ax.text(
            WIDTH_IN / 2,
            top - height / 2 - 0.05,
            text,
            ha="center",
            va="center",
            fontsize=8,
            color="white" if is_root else INK,
            fontweight="bold" if is_root or index == 0 else "normal",
            linespacing=1.25,
        )
        top -= height
        if index < last:
            ax.annotate(
                "",
                (WIDTH_IN / 2, top - _ARROW_IN + 0.02),
                (WIDTH_IN / 2, top - 0.02),
                arrowprops={"arrowstyle": "-|>", "color": MUTED, "linewidth": 1.2},
            )
            ax.text(
                WIDTH_IN / 2 + 0.08,
                top - _ARROW_IN / 2,
                arrows[index],
                va="center",
                fontsize=7,
                color=MUTED,
                fontstyle="italic",
            )
            top -= _ARROW_IN
