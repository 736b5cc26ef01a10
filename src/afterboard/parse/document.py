"""Markdown text → a `ParsedDocument`: the PostMortem, and the outline a check needs to point at lines."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from afterboard.extract.dates import find_date, parse_date
from afterboard.extract.durations import parse_duration
from afterboard.extract.impact import find_severity, read_impact
from afterboard.extract.times import zone_named
from afterboard.parse.actions import Context, read_actions, read_labelled_actions
from afterboard.parse.causes import read_factors, read_root_cause
from afterboard.parse.front import split_front
from afterboard.parse.headed import Found, headed_sections
from afterboard.parse.kind import kind_of
from afterboard.parse.markdown import Block, parse_blocks
from afterboard.parse.meta import Meta, people, read_meta, status_of
from afterboard.parse.outline import Outline, Part, build_outline, clean_title
from afterboard.parse.pieces import Piece, doubt, pieces
from afterboard.parse.timeline import Timeline, read_timeline
from afterboard.postmortem import (
    ActionItem,
    ExtraSection,
    Impact,
    Item,
    Kind,
    PostMortem,
    RootCause,
    Status,
)
from afterboard.sections import Section, normalise
from afterboard.settings import Settings

_S = Section
_IMPACT_FIELDS = re.compile(r"^(?P<key>who|how many|how long|severity)\s*:\s*(?P<value>.*)$", re.IGNORECASE)
_CONFIRM = re.compile(r'^(?P<section>[^:]+): "(?P<text>.*)" \((?P<pct>\d+)% sure')
_FOOTER = re.compile(r"^Drafted by afterboard\b")
_ON_CALL = re.compile(r"\b(?:paged|pager|on-?call)\b", re.IGNORECASE)
_SKIPPED_TITLES = frozenset({"to confirm"})
_METADATA_SECTIONS = frozenset(
    "date author authors owner owners status severity reviewers reviewer tags title".split()
)
"""Sections whose content is read as metadata (the SRE book's '## Date', '## Authors'), not kept as text."""


@dataclass(frozen=True)
class ParsedDocument:
    postmortem: PostMortem
    outline: Outline
    found: Found
    """Which canonical sections the document has, headed or not, and where."""
    name: str
    words: int
    """Words of prose (code and log blocks left out)."""
    status_stated: bool = False
    """Whether the document states its status (draft, in review, published); else it is only assumed."""


def parse_document(
    text: str,
    *,
    name: str = "<text>",
    today: dt.date | None = None,
    kind: Kind | str | None = None,
    settings: Settings | None = None,
) -> ParsedDocument:
    settings = settings or Settings()
    today = today or dt.date.today()
    front, body = split_front(text)
    blocks = parse_blocks(body)
    content = _without_footer(blocks)
    drafted = len(content) < len(blocks)
    outline = build_outline(content, has_title="title" in front)
    meta = read_meta(outline, front)
    title = _title(meta, outline, name)
    day = _reference_day(meta, title, today)
    default_tz = zone_named(meta.first("timezone", "time zone", "tz") or settings.timezone) or dt.UTC
    the_kind = Kind(kind) if kind else (kind_of(meta, title, outline) or Kind.INCIDENT)
    timeline = read_timeline(
        outline.of(_S.TIMELINE.value),
        on=day or today,
        default_tz=default_tz,
        name=name,
        order=settings.date_order,
        marks=the_kind is Kind.INCIDENT,
    )
    ctx = Context(today=day or today, order=settings.date_order, sprint_days=settings.sprint_days, name=name)
    confidence = _confidences(outline)
    pm = PostMortem(
        kind=the_kind,
        title=title,
        severity=None,
        status=status_of(meta) or Status.DRAFT,
        date=day,
        timezone=meta.first("timezone", "time zone") or timeline.zone,
        summary=tuple(
            _items(pieces(outline.of(_S.SUMMARY.value), sentences=True, every_line=drafted), name, confidence)
        ),
        impact=_impact(outline.of(_S.IMPACT.value), name, confidence),
        timeline=tuple(timeline.entries),
        root_cause=read_root_cause(outline.of(_S.ROOT_CAUSE.value), name),
        contributing_factors=tuple(read_factors(outline.of(_S.CONTRIBUTING_FACTORS.value), name)),
        went_well=tuple(_items(pieces(outline.of(_S.WENT_WELL.value)), name, confidence)),
        action_items=tuple(_actions(outline, ctx)),
        extra_sections=tuple(_extras(outline, name, confidence)),
        authors=people(meta, "authors", "author", "owners", "owner", "written by"),
        reviewers=people(meta, "reviewers", "reviewer"),
        tags=tuple(meta.fields.get("tags", ())),
    )
    pm = _with_times(pm, meta, timeline, settings)
    found = Found(headed_sections(outline, pm)) if drafted else _found_in_prose(outline, pm)
    pm = _with_prose(pm, found, name)
    return ParsedDocument(pm, outline, found, name, _words(outline), status_of(meta) is not None)


def _found_in_prose(outline: Outline, pm: PostMortem) -> Found:
    """Sections under headings or told in prose; an afterboard draft's summary only repeats its sections, so
    a draft is read for its headings alone and checking one does not import (compile) the prose patterns."""
    from afterboard.parse.implicit import find_sections

    return find_sections(outline, pm)


def _actions(outline: Outline, ctx: Context) -> list[ActionItem]:
    parts = outline.of(_S.ACTION_ITEMS.value)
    if parts:
        return read_actions(parts, ctx)
    return read_labelled_actions([b for p in outline.parts for b in p.blocks], ctx)


def _with_prose(pm: PostMortem, found: Found, name: str) -> PostMortem:
    """An impact or root cause stated only in prose fills the section, so that its checks read it."""
    update: dict[str, object] = {}
    impact = found.evidence.get(_S.IMPACT.value)
    if impact and not pm.impact.statements:
        statements = tuple(Item(text=p.text, source=f"{name}:{p.line}") for p in impact)
        facts = read_impact(s.text for s in statements)
        update["impact"] = Impact(
            who=facts.who,
            users_affected=facts.users_affected,
            users_share=facts.users_share,
            duration=facts.duration or pm.impact.duration,
            severity=facts.severity or pm.severity,
            statements=statements,
        )
    causes = found.evidence.get(_S.ROOT_CAUSE.value)
    if causes and pm.root_cause.is_empty:
        statements = tuple(Item(text=p.text, source=f"{name}:{p.line}") for p in causes)
        update["root_cause"] = RootCause(statements=statements)
    return pm.model_copy(update=update) if update else pm


def _title(meta: Meta, outline: Outline, name: str) -> str:
    title = meta.first("title") or outline.title or ""
    return " ".join(title.split()) or re.sub(r"\.(md|markdown|txt|json)$", "", name.rsplit("/", 1)[-1])


def _reference_day(meta: Meta, title: str, today: dt.date) -> dt.date | None:
    """The day the document is about: its date field, else the day its times are on, else its title's."""
    for key in ("date", "incident date", "date time", "when"):
        value = meta.first(key)
        if value:
            day = parse_date(value, today=today, prefer="past") or find_date(value, today=today)
            if day is not None:
                return day
    moments = meta.first("started detected mitigated resolved")
    if moments and (day := find_date(moments, today=today)):
        return day
    return find_date(title, today=today)


def _with_times(pm: PostMortem, meta: Meta, timeline: Timeline, settings: Settings) -> PostMortem:
    """Incident times: afterboard's metadata row when the document has one, else the timeline's marks."""
    moments = timeline.moments
    times = {
        "started_at": moments.started.at if moments.started else None,
        "detected_at": moments.detected.at if moments.detected else None,
        "mitigated_at": moments.mitigated.at if moments.mitigated else None,
        "resolved_at": moments.resolved.at if moments.resolved else None,
    }
    stated = meta.first("started detected mitigated resolved")
    if stated:
        times.update(_stated_times(stated, pm, settings))
    update: dict[str, object] = dict(times)
    if pm.kind is Kind.PROJECT:
        update = dict.fromkeys(times)
    if pm.date is None:
        first = next((e.at for e in pm.timeline if e.at is not None), None)
        update["date"] = first.date() if first else None
    impact = pm.impact
    severity = meta.first("severity", "sev") or impact.severity
    severity = (find_severity(severity) or severity) if severity else None
    if impact.duration is None and update.get("started_at") and update.get("resolved_at"):
        start, end = update["started_at"], update["resolved_at"]
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime) and end > start:
            impact = impact.model_copy(update={"duration": end - start})
    update["severity"] = severity
    update["impact"] = impact.model_copy(update={"severity": impact.severity or severity})
    required = meta.first("post mortem required") or ""
    on_call = "on-call response" in required or any(_ON_CALL.search(e.text) for e in pm.timeline)
    update["emergency_on_call"] = True if on_call else None
    due = meta.first("publication due") or ""
    deadline = re.search(r"deadline (\d{4}-\d{2}-\d{2} \d{2}:\d{2})", due)
    if deadline:
        tz = zone_named(pm.timezone or settings.timezone) or dt.UTC
        at = dt.datetime.fromisoformat(deadline[1]).replace(tzinfo=tz)
        update["publication_due"] = at
    elif isinstance(update.get("resolved_at"), dt.datetime):
        resolved = update["resolved_at"]
        assert isinstance(resolved, dt.datetime)
        update["publication_due"] = settings.policy.publication_window(resolved)[1]
    return pm.model_copy(update=update)


def _stated_times(text: str, pm: PostMortem, settings: Settings) -> dict[str, dt.datetime | None]:
    """'2026-11-20 09:12 / 09:31 / not set / 10:30 UTC' → the four moments."""
    zone_match = re.search(r"\s([A-Za-z][\w/+:-]*)$", text.strip())
    zone = zone_match[1] if zone_match else (pm.timezone or settings.timezone)
    tz = zone_named(zone) or dt.UTC
    body = text.strip()[: zone_match.start()] if zone_match else text
    day = find_date(body, today=pm.date or dt.date.today())
    values: dict[str, dt.datetime | None] = {}
    keys = ("started_at", "detected_at", "mitigated_at", "resolved_at")
    for key, written in zip(keys, body.split("/"), strict=False):
        stamp = re.search(r"(?:(\d{4}-\d{2}-\d{2})\s+)?(\d{1,2}):(\d{2})", written)
        if stamp is None:
            values[key] = None
            continue
        on = dt.date.fromisoformat(stamp[1]) if stamp[1] else day
        if on is None:
            continue
        values[key] = dt.datetime.combine(on, dt.time(int(stamp[2]), int(stamp[3])), tzinfo=tz)
    return values


def _impact(parts: list[Part], name: str, confidence: dict[str, float]) -> Impact:
    statements: list[Item] = []
    fields: dict[str, str] = {}
    for piece in pieces(parts):
        found = _IMPACT_FIELDS.match(piece.text)
        if found and piece.block.bold_lead:
            fields[found["key"].lower()] = found["value"]
            continue
        statements.extend(_items([piece], name, confidence))
    facts = read_impact(s.text for s in statements)
    who = fields.get("who")
    how_many = fields.get("how many", "")
    count = re.search(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?![\d.%])", how_many)
    share = re.search(r"(\d+(?:\.\d+)?)%", how_many)
    how_long = fields.get("how long", "")
    severity = fields.get("severity", "")
    return Impact(
        who=facts.who if who is None or who.startswith("not stated") else who,
        users_affected=int(count[1].replace(",", "")) if count else facts.users_affected,
        users_share=float(share[1]) / 100 if share else facts.users_share,
        duration=parse_duration(how_long) if how_long and "not" not in how_long else facts.duration,
        severity=severity if severity and "not set" not in severity else facts.severity,
        statements=tuple(statements),
    )


def _extras(outline: Outline, name: str, confidence: dict[str, float]) -> list[ExtraSection]:
    extras = []
    handled = {s.value for s in (_S.IMPACT, _S.TIMELINE, _S.ROOT_CAUSE, _S.CONTRIBUTING_FACTORS)}
    handled |= {_S.WENT_WELL.value, _S.ACTION_ITEMS.value, _S.SUMMARY.value, _S.METADATA.value}
    for part in outline.parts:
        title = clean_title(part.title)
        if not part.headed or part.key in handled or normalise(title) in _METADATA_SECTIONS:
            continue
        if normalise(title) in _SKIPPED_TITLES:
            continue
        items = tuple(_items(pieces([part]), name, confidence))
        extras.append(ExtraSection(title=title, key=part.key, items=items))
    return extras


def _items(found: list[Piece], name: str, confidence: dict[str, float]) -> list[Item]:
    items = []
    for piece in found:
        text, sure = doubt(piece.text)
        if sure < 1.0:
            sure = confidence.get(text, sure)
        items.append(Item(text=text, source=f"{name}:{piece.line}", confidence=sure))
    return items


def _confidences(outline: Outline) -> dict[str, float]:
    """A draft's 'To confirm' list: how sure the reader was of each doubtful line."""
    found: dict[str, float] = {}
    for part in outline.parts:
        if normalise(clean_title(part.title)) != "to confirm":
            continue
        for piece in pieces([part]):
            match = _CONFIRM.match(piece.text)
            if match:
                found[match["text"]] = int(match["pct"]) / 100
    return found


def _without_footer(blocks: list[Block]) -> list[Block]:
    """The blocks without afterboard's footer ('Drafted by afterboard from notes.md...')."""
    return [b for b in blocks if not (b.kind == "paragraph" and b.only_em and _FOOTER.match(b.flat))]


def _words(outline: Outline) -> int:
    return sum(len(b.text.split()) for p in outline.parts for b in p.blocks if b.kind != "code")
