"""The document as a list of blocks (headings, paragraphs, lists, tables, pictures), built once from the
View in the kind's section order, so that the PDF and the DOCX say exactly what the Markdown says.

Gaps are shown as in Markdown ('Owner: not set', the section's hint when it is empty), low-confidence items
carry '(?)', and each picture sits at the top of the section it illustrates, before the prose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from afterboard.postmortem import Traced
from afterboard.render.pictures import Picture, fishbone_section
from afterboard.render.skeleton import SectionSpec
from afterboard.render.view import View

Style = Literal["plain", "bold", "missing", "doubt", "small"]


@dataclass(frozen=True)
class Span:
    text: str
    style: Style = "plain"


Inline = tuple[Span, ...]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2
    """1 for the title, 2 for a section, 3 for a part of one."""


@dataclass(frozen=True)
class Paragraph:
    spans: Inline


@dataclass(frozen=True)
class Bullets:
    items: tuple[Inline, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]
    widths: tuple[float, ...]
    """Each column's share of the text width."""
    meta: bool = False
    """The title block: labels in the first column, no header row."""


@dataclass(frozen=True)
class Figure:
    picture: Picture
    width: float = 1.0
    """Share of the text width the picture takes."""


Block = Heading | Paragraph | Bullets | Table | Figure

NO_SUMMARY = "No summary yet: say what happened, the impact, the root cause and the plan in a few sentences."


def document_blocks(view: View, pictures: Mapping[str, Picture] | None = None) -> list[Block]:
    """Every block of the document, in reading order."""
    pm = view.pm
    pictures = pictures or {}
    blocks: list[Block] = [Heading(pm.title, level=1), _meta(view), Heading("Summary")]
    blocks += [Paragraph(_text(view, item.text, item)) for item in pm.summary] or [_missing(NO_SUMMARY)]
    fishbone_home = fishbone_section(pm)
    for section in view.sections:
        heading = section.heading + (f" ({view.zone_note})" if section.key == "timeline" else "")
        blocks.append(Heading(heading))
        if section.key == "timeline" and "timeline" in pictures:
            blocks.append(Figure(pictures["timeline"]))
        if section.key == fishbone_home and "fishbone" in pictures:
            blocks.append(Figure(pictures["fishbone"]))
        blocks += _section(view, section, pictures)
    for extra in pm.extra_sections:
        blocks.append(Heading(extra.title))
        blocks.append(Bullets(tuple(_text(view, item.text, item) for item in extra.items)))
    if view.doubts:
        blocks.append(Heading("To confirm"))
        blocks.append(Paragraph(_plain("These were read with low confidence; check them against the board:")))
        blocks.append(
            Bullets(
                tuple(
                    (
                        Span(
                            f"{d.section}: “{d.text}” ({d.confidence * 100:.0f}% sure"
                            + (f", {d.source})" if d.source else ")")
                        ),
                    )
                    for d in view.doubts
                )
            )
        )
    return blocks


def footer_text(view: View) -> str:
    sources = f" from {view.sources}" if view.sources else ""
    return f"Drafted by afterboard{sources}. Every line comes from a note; edit freely."


def _meta(view: View) -> Table:
    pm = view.pm
    rows: list[tuple[str, Inline]] = [
        ("Kind", _plain(view.kind_label)),
        ("Status", _plain(view.status_label)),
    ]
    if view.is_incident:
        rows.append(("Severity", _or_missing(pm.severity, "not set")))
    rows.append(("Date", _or_missing(pm.date.isoformat() if pm.date else None, "not set")))
    if view.is_incident:
        durations = " / ".join(
            view.duration(d) for d in (pm.time_to_detect, pm.time_to_mitigate, pm.time_to_resolve)
        )
        rows += [
            ("Started / detected / mitigated / resolved", _plain(view.moments)),
            ("Time to detect / mitigate / resolve", _plain(durations)),
            ("Publication due", _or_missing(view.publication, "once the incident is resolved")),
            ("Post-mortem required", _plain(view.requirement.explain())),
        ]
    rows.append(("Authors", _or_missing(", ".join(pm.authors) or None, "not set")))
    if pm.reviewers:
        rows.append(("Reviewers", _plain(", ".join(pm.reviewers))))
    if pm.tags:
        rows.append(("Tags", _plain(", ".join(pm.tags))))
    return Table(
        header=("", ""),
        rows=tuple(((Span(label, "bold"),), value) for label, value in rows),
        widths=(0.3, 0.7),
        meta=True,
    )


def _section(view: View, section: SectionSpec, pictures: Mapping[str, Picture]) -> list[Block]:
    pm = view.pm
    hint: list[Block] = [_missing(section.hint)]
    if section.key == "impact":
        return hint if pm.impact.is_empty else _impact(view)
    if section.key == "timeline":
        return _timeline(view) if pm.timeline else hint
    if section.key == "root_cause":
        return hint if pm.root_cause.is_empty else _root_cause(view, pictures)
    if section.key == "contributing_factors":
        factors = tuple(
            ((Span(f"{f.category.capitalize()}: ", "bold"),) if f.category else ()) + _text(view, f.text, f)
            for f in pm.contributing_factors
        )
        return [Bullets(factors)] if factors else hint
    if section.key == "went_well":
        items = tuple(_text(view, item.text, item) for item in pm.went_well)
        return [Bullets(items)] if items else hint
    return _actions(view) if pm.action_items else hint


def _impact(view: View) -> list[Block]:
    impact = view.pm.impact
    blocks: list[Block] = []
    if view.is_incident:
        facts: list[Inline] = []
        if not impact.who:
            facts.append((Span("Who: ", "bold"), Span("not stated", "missing")))
        elif view.who_is_stated_apart:
            facts.append((Span("Who: ", "bold"), Span(impact.who)))
        how_long = view.duration(impact.duration) if impact.duration else None
        facts += [
            (Span("How many: ", "bold"), *_or_missing(view.how_many or None, "not stated")),
            (Span("How long: ", "bold"), *_or_missing(how_long, "not stated")),
            (Span("Severity: ", "bold"), *_or_missing(impact.severity, "not set")),
        ]
        blocks.append(Bullets(tuple(facts)))
    if impact.statements:
        blocks.append(Bullets(tuple(_text(view, s.text, s) for s in impact.statements)))
    return blocks


def _timeline(view: View) -> list[Block]:
    rows = tuple(
        (
            _or_missing(view.time(e.at) or None, "no time"),
            _text(view, e.text, e),
            (Span(e.mark.value, "bold"),) if e.mark else (),
        )
        for e in view.pm.timeline
    )
    return [Table(header=("Time", "Event", ""), rows=rows, widths=(0.17, 0.68, 0.15))]


def _root_cause(view: View, pictures: Mapping[str, Picture]) -> list[Block]:
    rc = view.pm.root_cause
    blocks: list[Block] = [Paragraph(_text(view, s.text, s)) for s in rc.statements]
    if rc.whys:
        blocks.append(Heading("Five whys", level=3))
        if "whys" in pictures:
            blocks.append(Figure(pictures["whys"], width=0.7))
        blocks.append(
            Bullets(
                tuple(
                    ((Span(w.question + " ", "bold"),) if w.question else ()) + _text(view, w.answer, w)
                    for w in rc.whys
                ),
                numbered=True,
            )
        )
        blocks.append(Paragraph((Span("Deepest cause: ", "bold"), Span(rc.deepest or ""))))
    for bone in rc.fishbone:
        blocks.append(Heading(bone.category.capitalize(), level=3))
        blocks.append(Bullets(tuple((Span(cause),) for cause in bone.causes)))
    return blocks


def _actions(view: View) -> list[Block]:
    rows = []
    for number, a in enumerate(view.pm.action_items, start=1):
        action = list(_text(view, a.text, a))
        if a.priority:
            action.append(Span(f" ({a.priority})"))
        if a.link:
            action.append(Span(f" [{a.link}]", "small"))
        due: Inline = (
            (Span(a.due.isoformat()),) + ((Span(f" ({a.due_text})", "small"),) if a.due_text else ())
            if a.due
            else (Span("Due: not set", "missing"),)
        )
        rows.append(
            (
                _plain(str(number)),
                tuple(action),
                _or_missing(a.owner, "Owner: not set"),
                due,
                _plain(a.status.value.replace("_", " ")),
            )
        )
    return [
        Table(
            header=("#", "Action", "Owner", "Due", "Status"),
            rows=tuple(rows),
            widths=(0.05, 0.5, 0.16, 0.17, 0.12),
        )
    ]


def _text(view: View, text: str, item: Traced) -> Inline:
    return (Span(text), Span(" (?)", "doubt")) if view.doubtful(item) else (Span(text),)


def _plain(text: str) -> Inline:
    return (Span(text),)


def _missing(text: str) -> Paragraph:
    return Paragraph((Span(text, "missing"),))


def _or_missing(value: str | None, gap: str) -> Inline:
    return (Span(value),) if value else (Span(gap, "missing"),)
