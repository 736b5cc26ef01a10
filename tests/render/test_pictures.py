"""The pictures: drawn only when there is data, with the events, moments, categories and whys as text in
the SVG, and no two labels overlapping."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from render_fixtures import CASES, draft_text, drafted, words_of

from afterboard.extract.durations import format_duration
from afterboard.render.pictures import draw_pictures, fishbone_section
from afterboard.render.pictures import fishbone as fishbone_module
from afterboard.render.pictures import timeline as timeline_module
from afterboard.render.pictures._figure import wrap
from afterboard.render.pictures.categories import bones, guess_category


def svg_text(svg: str) -> str:
    """The words the SVG writes as text, in order."""
    return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))


@pytest.mark.parametrize("case", CASES)
def test_each_picture_exists_exactly_when_its_data_does(case: str) -> None:
    pm = drafted(case)
    pictures = draw_pictures(pm)
    timed = [e for e in pm.timeline if e.at is not None]
    assert ("timeline" in pictures) == (len(timed) >= 2)
    assert ("whys" in pictures) == (len(pm.root_cause.whys) >= 2)
    causes = sum(len(b.causes) for b in pm.root_cause.fishbone) + len(pm.contributing_factors)
    assert ("fishbone" in pictures) == (causes >= 2)
    for picture in pictures.values():
        assert picture.svg is not None and picture.svg.startswith("<svg")
        assert picture.png is not None and picture.png.startswith(b"\x89PNG")


def test_nearly_empty_board_gets_no_pictures() -> None:
    assert draw_pictures(drafted("nearly-empty")) == {}


def test_timeline_svg_has_every_event_moment_and_duration() -> None:
    pm = drafted("incident-db-disk")
    view = _view(pm)
    text = svg_text(draw_pictures(pm, formats=("svg",))["timeline"].svg or "")
    for entry in pm.timeline:
        label = view.time(entry.at) + (f" · {entry.mark.value}" if entry.mark else "")
        assert label in text
        assert " ".join(words_of(entry.text).split()[:3]) in words_of(text), entry.text
    assert {e.mark.value for e in pm.timeline if e.mark} == {"started", "detected", "mitigated", "resolved"}
    spans = (("TTD", pm.time_to_detect), ("TTM", pm.time_to_mitigate), ("TTR", pm.time_to_resolve))
    for label, delta in spans:
        assert delta is not None
        assert f"{label} {format_duration(delta)}" in text


def test_fishbone_svg_has_the_problem_and_each_category_with_its_causes() -> None:
    pm = drafted("incident-db-disk")
    picture = draw_pictures(pm, formats=("svg",))["fishbone"]
    text = words_of(svg_text(picture.svg or ""))
    for category, causes in bones(pm):
        assert words_of(category.capitalize()) in text
        for cause in causes:
            assert " ".join(words_of(cause).split()[:3]) in text, cause
    assert "Orders DB disk full" in text


def test_whys_svg_runs_from_the_problem_to_the_root_cause() -> None:
    pm = drafted("incident-dns-midnight")
    text = svg_text(draw_pictures(pm, formats=("svg",))["whys"].svg or "")
    assert text.index("Problem") < text.index("Why 1") < text.index("Root cause")
    assert words_of(pm.root_cause.whys[-1].answer) in words_of(text[text.index("Root cause") :])


def test_explicit_categories_win_and_the_rest_are_assigned_by_keywords() -> None:
    pm = draft_text(
        "# Outage\n\n## Contributing factors\n- Process: nobody reviews zone changes\n"
        "- Disk alert was muted and never unmuted\n- Feature flag default was on in production config\n"
        "- New hire had no onboarding for the failover runbook\n- The moon was full\n"
    )
    assert dict(bones(pm)) == {
        "configuration": ["Feature flag default was on in production config"],
        "process": ["nobody reviews zone changes"],
        "monitoring": ["Disk alert was muted and never unmuted"],
        "people & training": ["New hire had no onboarding for the failover runbook"],
        "other": ["The moon was full"],
    }
    text = svg_text(draw_pictures(pm, formats=("svg",))["fishbone"].svg or "")
    for category in ("Configuration", "Process", "Monitoring", "People &amp; training", "Other"):
        assert category in text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Error-rate alert threshold at 10%", "monitoring"),
        ("Deploy went out on Friday without a canary", "process"),
        ("The new query had an N+1 bug", "code"),
        ("Upstream DNS provider outage", "dependencies"),
        ("Replica disk on the database cluster filled", "infrastructure"),
        ("Nobody had training on the runbook", "people & training"),
        ("It rained", "other"),
    ],
)
def test_guess_category(text: str, category: str) -> None:
    assert guess_category(text) == category


def test_fishbone_stands_with_the_factors_or_else_the_root_cause() -> None:
    assert fishbone_section(drafted("incident-db-disk")) == "contributing_factors"
    assert fishbone_section(draft_text("# X\n\n## Root cause\n- a\n")) == "root_cause"


def test_long_labels_are_wrapped_and_cut() -> None:
    wrapped = wrap("word " * 60, 20, max_lines=3)
    lines = wrapped.split("\n")
    assert len(lines) == 3 and all(len(line) <= 20 for line in lines) and lines[-1].endswith("…")


@contextmanager
def captured_figures(
    monkeypatch: pytest.MonkeyPatch, module: Any = timeline_module
) -> Iterator[list[Figure]]:
    """The figures a picture module draws, kept so a test can measure where their texts landed."""
    figures: list[Figure] = []
    real = module.export

    def keep(fig: Figure, **kwargs: Any) -> Any:
        figures.append(fig)
        return real(fig, **kwargs)

    monkeypatch.setattr(module, "export", keep)
    yield figures


def assert_texts_inside_and_apart(fig: Figure) -> None:
    renderer = FigureCanvasAgg(fig).get_renderer()
    boxes = [t.get_window_extent(renderer) for t in fig.findobj(Text) if t.get_text().strip()]
    width, height = fig.bbox.width, fig.bbox.height
    for box in boxes:
        assert box.x0 >= -1 and box.x1 <= width + 1 and box.y0 >= -1 and box.y1 <= height + 1
    for i, first in enumerate(boxes):
        for second in boxes[i + 1 :]:
            assert not first.overlaps(second) or _touching(first, second)


def test_timeline_labels_never_overlap_even_for_crowded_long_events(monkeypatch: pytest.MonkeyPatch) -> None:
    events = "\n".join(
        f"- 10:{minute:02d} event number {minute} with a rather long description of what the team saw then"
        for minute in range(0, 40)
    )
    pm = draft_text(f"# Crowded\n\n## Timeline\n{events}\n- 10:45 resolved\n")
    with captured_figures(monkeypatch) as figures:
        picture = timeline_module.timeline_picture(pm, _view(pm), formats=("svg",))
    assert picture is not None
    assert picture.alt.startswith(f"Timeline of 41 events ({timeline_module.MAX_LABELS} labelled)")
    assert "10:45 · resolved" in svg_text(picture.svg or "")  # a marked moment always keeps its label
    assert_texts_inside_and_apart(figures[0])


def test_fishbone_texts_stay_apart_with_every_category_full(monkeypatch: pytest.MonkeyPatch) -> None:
    categories = (
        "Code",
        "Configuration",
        "Infrastructure",
        "Dependencies",
        "Process",
        "Monitoring",
        "Tooling",
    )
    factors = "\n".join(
        f"- {category}: cause {n} of {category.lower()}, described at some length so that it has to wrap"
        for category in categories
        for n in range(3)
    )
    pm = draft_text(
        f"# A long problem title that has to wrap in the head box\n\n## Contributing factors\n{factors}\n"
    )
    with captured_figures(monkeypatch, fishbone_module) as figures:
        assert fishbone_module.fishbone_picture(pm, formats=("png",)) is not None
    assert_texts_inside_and_apart(figures[0])


def _touching(a: Any, b: Any) -> bool:
    """Boxes that share an edge within a pixel count as not overlapping."""
    return min(a.x1, b.x1) - max(a.x0, b.x0) < 1 or min(a.y1, b.y1) - max(a.y0, b.y0) < 1


def _view(pm: Any) -> Any:
    from afterboard.render.view import View
    from afterboard.settings import Settings

    return View(pm, Settings())
