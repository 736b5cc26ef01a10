"""The timeline picture: events on a time axis, the incident's moments marked, TTD / TTM / TTR drawn as
spans from the start.

Labels never overlap, however close the events: each row (above and below the axis) is divided into equal
slots, events take the slots in time order, and a leader line joins each label to its point on the axis.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from afterboard.extract.durations import format_duration
from afterboard.postmortem import PostMortem, TimelineEntry
from afterboard.render.pictures._figure import (
    INK,
    LINE,
    MARK_COLOURS,
    MUTED,
    Picture,
    PictureFormat,
    export,
    figure,
    wrap,
)
from afterboard.render.view import View

if TYPE_CHECKING:
    from matplotlib.axes import Axes

WIDTH_IN = 6.7
"""The text width of an A4 or Letter page with 2 cm margins."""
_ABOVE = 0.3
"""Distance of the upper labels from the axis, in inches (y is drawn in inches, the time axis at 0)."""
_SPAN_STEP = 0.16
_LINE_PT = 7 * 1.15 * 1.2
"""The height of a line of 7-point text, in points, with the line spacing the labels use."""
_SPANS = (("TTD", "detected"), ("TTM", "mitigated"), ("TTR", "resolved"))
MAX_LABELS = 12
"""Six a row: each label keeps about 1.1 inch, room for a readable line of text."""


def timeline_picture(
    pm: PostMortem, view: View, *, formats: tuple[PictureFormat, ...] = ("svg", "png")
) -> Picture | None:
    """The timeline as a picture, or None when fewer than two events have a time."""
    events = sorted((e for e in pm.timeline if e.at is not None), key=_at)
    if len(events) < 2:
        return None
    spans = _spans(pm)
    labelled = _labelled(events)
    lines = 4 if len(labelled) <= 8 else 3
    chars = _chars(math.ceil(len(labelled) / 2))
    heading_lines = max(_heading(view, events[i], chars).count("\n") + 1 for i in labelled)
    text_in = (4 + (lines + heading_lines) * _LINE_PT) / 72
    below = _ABOVE + _SPAN_STEP * len(spans)
    top, bottom = _ABOVE + text_in + 0.05, below + text_in + 0.05
    shown = "" if len(labelled) == len(events) else f" ({len(labelled)} labelled)"
    alt = "Timeline of {} events{} from {} to {}{}".format(
        len(events),
        shown,
        view.time(events[0].at),
        view.time(events[-1].at),
        "".join(f"; {label} {format_duration(delta)}" for label, _, delta in spans),
    )
    if not formats:
        return Picture(name="timeline", alt=alt, width_in=WIDTH_IN, height_in=top + bottom)
    with figure(WIDTH_IN, top + bottom) as fig:
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_ylim(-bottom, top)
        _draw(ax, events, labelled, view=view, lines=lines, below=below)
        _durations(ax, spans, origin=_at(events[0]))
        return export(fig, name="timeline", alt=alt, formats=formats)


def _draw(
    ax: Axes, events: list[TimelineEntry], labelled: list[int], *, view: View, lines: int, below: float
) -> None:
    origin = _at(events[0])
    xs = [_minutes(_at(e), origin) for e in events]
    first, last = xs[0], xs[-1]
    pad = (last - first) * 0.04 or 1.0
    ax.set_xlim(first - pad, last + pad)
    ax.set_axis_off()
    ax.axhline(0, color=INK, linewidth=1.2, zorder=1)

    for index in set(range(len(events))) - set(labelled):
        ax.plot([xs[index]], [0], marker="o", markersize=3, color=LINE, zorder=3)
    for row, y in ((labelled[0::2], _ABOVE), (labelled[1::2], -below)):
        slots = _slots(len(row), first - pad, last + pad)
        chars = _chars(len(row))
        for index, slot in zip(row, slots, strict=True):
            _label(ax, events[index], xs[index], slot, y, view=view, chars=chars, lines=lines)


def _durations(ax: Axes, spans: list[tuple[str, dt.datetime, dt.timedelta]], *, origin: dt.datetime) -> None:
    """TTD, TTM and TTR as bars from the start, each labelled where its text fits: inside the bar's end,
    after it, or, near the right edge, before the bar's start."""
    left, right = ax.get_xlim()
    room = 0.16 * (right - left)
    for offset, (label, start, delta) in enumerate(spans, start=1):
        y = -_SPAN_STEP * offset
        begin = _minutes(start, origin)
        end = begin + delta.total_seconds() / 60
        ax.plot([begin, end], [y, y], color=MUTED, linewidth=2.2, solid_capstyle="butt", zorder=2)
        if end - begin > room:
            at, shift, ha = end, -1.5, "right"
        elif right - end > room:
            at, shift, ha = end, 3.0, "left"
        else:
            at, shift, ha = begin, -3.0, "right"
        ax.annotate(
            f"{label} {format_duration(delta)}",
            (at, y),
            xytext=(shift, 0),
            textcoords="offset points",
            ha=ha,
            va="center",
            fontsize=7,
            color=INK,
            fontweight="bold",
            bbox={"boxstyle": "square,pad=0.3", "facecolor": "white", "edgecolor": "none"},
            zorder=3,
        )


def _label(
    ax: Axes,
    event: TimelineEntry,
    x: float,
    slot: float,
    y: float,
    *,
    view: View,
    chars: int,
    lines: int,
) -> None:
    colour = MARK_COLOURS.get(event.mark.value, INK) if event.mark else INK
    marked = event.mark is not None
    ax.plot(
        [x], [0], marker="o", markersize=7 if marked else 4.5, color=colour, zorder=4, markeredgecolor="white"
    )
    sign = 1 if y > 0 else -1
    ax.plot([x, slot], [0.03 * sign, y], color=LINE, linewidth=0.7, zorder=0)
    heading = _heading(view, event, chars)
    va = "bottom" if sign > 0 else "top"
    ax.annotate(
        heading,
        (slot, y),
        xytext=(0, 2 * sign),
        textcoords="offset points",
        ha="center",
        va=va,
        fontsize=7,
        fontweight="bold",
        color=colour,
        linespacing=1.15,
    )
    ax.annotate(
        wrap(event.text, chars, max_lines=lines),
        (slot, y),
        xytext=(0, (3 + _LINE_PT * (heading.count("\n") + 1)) * sign),
        textcoords="offset points",
        ha="center",
        va=va,
        fontsize=7,
        color=INK,
        linespacing=1.15,
    )


def _labelled(events: list[TimelineEntry]) -> list[int]:
    """The events that get a label: all of them when they fit, else the marked moments and others spread
    evenly in time (the rest stay dots on the axis; the table beside the picture lists every one)."""
    if len(events) <= MAX_LABELS:
        return list(range(len(events)))
    marked = [i for i, e in enumerate(events) if e.mark]
    rest = [i for i, e in enumerate(events) if not e.mark]
    room = max(MAX_LABELS - len(marked), 0)
    picked = [rest[round(j * (len(rest) - 1) / max(room - 1, 1))] for j in range(room)] if room else []
    return sorted(set(marked) | set(picked))


def _chars(count: int) -> int:
    """How many characters of 7-point text fit across one of `count` slots of the row."""
    return max(12, min(34, int(WIDTH_IN / max(count, 1) / 0.058)))


def _heading(view: View, event: TimelineEntry, chars: int) -> str:
    """'14:05 · detected' on one line when the slot has room, else one part a line (bold runs wide)."""
    parts = [view.time(event.at), *([event.mark.value] if event.mark else [])]
    if len(" · ".join(parts)) * 1.15 <= chars:
        return " · ".join(parts)
    return "\n".join(
        word for part in parts for word in ([part] if len(part) * 1.15 <= chars else part.split())
    )


def _slots(count: int, left: float, right: float) -> list[float]:
    """`count` evenly spaced centres across [left, right], each in the middle of its share of the width."""
    width = (right - left) / max(count, 1)
    return [left + width * (i + 0.5) for i in range(count)]


def _spans(pm: PostMortem) -> list[tuple[str, dt.datetime, dt.timedelta]]:
    """(label, start, duration) for each of TTD, TTM and TTR the document knows."""
    if pm.started_at is None:
        return []
    known = {"detected": pm.time_to_detect, "mitigated": pm.time_to_mitigate, "resolved": pm.time_to_resolve}
    return [(label, pm.started_at, delta) for label, key in _SPANS if (delta := known[key]) is not None]


def _minutes(at: dt.datetime, origin: dt.datetime) -> float:
    """The position of `at` on the time axis: minutes since the first event."""
    return (at - origin).total_seconds() / 60


def _at(entry: TimelineEntry) -> dt.datetime:
    assert entry.at is not None  # callers keep only timed entries
    return entry.at
