"""Bar charts for the stats page, laid out here and drawn as SVG by a template: no chart library."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

WIDTH = 560
ROW = 26
LABEL = 150
"""Room on the left for the bar's label."""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    y: int
    width: int


@dataclass(frozen=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]
    width: int = WIDTH
    label_width: int = LABEL

    @property
    def height(self) -> int:
        return ROW * len(self.bars) + 8

    @property
    def bar_room(self) -> int:
        return self.width - self.label_width - 60


def bar_chart(title: str, values: Mapping[str, float], *, unit: str = "") -> Chart:
    """Horizontal bars, one per entry, scaled to the largest value."""
    top = max(values.values(), default=0) or 1
    room = WIDTH - LABEL - 60
    bars = tuple(
        Bar(
            label=label[:22],
            value=value,
            text=f"{value:g}{unit}",
            y=index * ROW + 4,
            width=max(1, round(room * value / top)) if value else 0,
        )
        for index, (label, value) in enumerate(values.items())
    )
    return Chart(title=title, bars=bars)
