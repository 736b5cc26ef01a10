"""Every text of a post-mortem with where it is: section, index ('action_items[2]') and source line."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from afterboard.checks.context import Context
from afterboard.parse.pieces import pieces


@dataclass(frozen=True)
class Located:
    text: str
    section: str
    where: str
    line: int | None


def located_texts(ctx: Context) -> Iterator[Located]:
    pm = ctx.pm
    groups: list[tuple[str, list[tuple[str, str | None]]]] = [
        ("summary", [(i.text, i.source) for i in pm.summary]),
        ("impact", [(i.text, i.source) for i in pm.impact.statements]),
        ("timeline", [(e.text, e.source) for e in pm.timeline]),
        ("root_cause", [(i.text, i.source) for i in pm.root_cause.statements]),
        ("root_cause.whys", [(w.answer, w.source) for w in pm.root_cause.whys]),
        ("contributing_factors", [(f.text, f.source) for f in pm.contributing_factors]),
        ("went_well", [(i.text, i.source) for i in pm.went_well]),
        ("action_items", [(a.text, a.source) for a in pm.action_items]),
    ]
    for extra in pm.extra_sections:
        groups.append((f"extra:{extra.title}", [(i.text, i.source) for i in extra.items]))
    for section, items in groups:
        for index, (text, source) in enumerate(items):
            yield Located(text, section.split(".")[0], f"{section}[{index}]", ctx.line(source))
    if ctx.document is not None:
        # prose before the first heading belongs to no section, yet it is often where a short
        # post-mortem says everything
        opening = [part for part in ctx.document.outline.parts if not part.headed]
        for index, piece in enumerate(pieces(opening, sentences=True)):
            yield Located(piece.text, "document", f"document[{index}]", piece.line)


def short(text: str, limit: int = 90) -> str:
    """A quotation that fits on a line (without a final full stop: the message puts its own after it)."""
    text = " ".join(text.split()).rstrip(".")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
