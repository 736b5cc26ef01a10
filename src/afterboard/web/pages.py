"""Rendering pages: one Jinja2 environment with autoescape on for every template, and the filters they use."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import HTMLResponse

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).parent / "templates"
STATUS_LABELS = {"draft": "Draft", "in_review": "In review", "published": "Published"}


@cache
def environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    # autoescape=True for every template, whatever its name: user text is always escaped
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined, trim_blocks=True
    )
    env.filters.update(when=when, day=day, duration=duration, status_label=status_label, pct=pct)
    return env


def page(request: Request, name: str, *, status_code: int = 200, **values: Any) -> HTMLResponse:
    """The template `name` with the request, its CSRF token and the current path, as an HTML response."""
    template = environment().get_template(name)
    html = template.render(
        request=request,
        csrf_token=request.state.csrf_token,
        path=request.url.path,
        who=getattr(request.state, "principal", None),
        **values,
    )
    return HTMLResponse(html, status_code=status_code)


def when(moment: dt.datetime | None) -> str:
    return "—" if moment is None else moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def day(value: dt.date | None) -> str:
    return "—" if value is None else value.isoformat()


def duration(delta: dt.timedelta | None) -> str:
    from afterboard.extract.durations import format_duration

    return "—" if delta is None else format_duration(delta)


def status_label(value: object) -> str:
    text = str(getattr(value, "value", value))
    return STATUS_LABELS.get(text, text.replace("_", " "))


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"
