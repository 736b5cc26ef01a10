"""Which kind of review a document is — an incident post-mortem, or a project post-mortem / retrospective —
from everything it says, not from one word of its title.

Teams call incident reviews 'retrospectives' ('Retrospective: DNS outage') and project reviews
'post-mortems' ('LTGameJam postmortem'), so the title alone misleads. The evidence is weighed: what the
title and tags name (an outage, a leak, an attack; a retro, a launch, a game jam), the headings a review of
each kind has (impact, trigger, detection, resolution; went well, could be improved, start/stop/continue),
the vocabulary of an incident (outage, downtime, paged, rolled back, compromised) and clock times, which
project milestones rarely have. A stated `kind:` or `type:` field wins over all of it.
"""

from __future__ import annotations

import re

from afterboard.parse.meta import Meta
from afterboard.parse.outline import Outline, clean_title
from afterboard.postmortem import Kind
from afterboard.sections import normalise

_STATED_PROJECT = re.compile(r"\b(?:project|retro(?:spective)?s?)\b", re.IGNORECASE)
_TITLE_PROJECT = re.compile(
    r"(?:game ?jam|jam)s?\b|\b(?:retro(?:spective)?s?|project|launch|release (?:process|retro\w*)|ludum dare|"
    r"hackathon|milestones?|sprint|all[- ]hands|redesign|migration project|beta|conference|offsite|quarter|"
    r"year in review|games?|competitions?|tournaments?|contests?|ctf)\b",
    re.IGNORECASE,
)
_TITLE_INCIDENT = re.compile(
    r"\b(?:outages?|incidents?|down(?:time)?|disruptions?|degrad\w+|breach\w*|compromis\w+|attacks?|leak\w*|"
    r"exposure|vulnerabilit\w+|cve|security|errors?|failures?|failed|crash\w*|bug|unavailab\w+|stall\w*|"
    r"backlog|takeover|phishing|expir\w+|loss|lost|broken|exhaust\w+|overload\w*|evictions?|starvation|"
    r"split|stuck|delays?|slow\w*|403|404|500|5xx)\b",
    re.IGNORECASE,
)
_INCIDENT_HEADINGS = frozenset(
    "impact customer impact user impact trigger detection resolution resolution and recovery recovery "
    "mitigation root cause root causes root cause analysis timeline of events incident timeline "
    "fallout blast radius".split(" ")
)
_INCIDENT_HEADING_WORDS = re.compile(
    r"\b(?:impact|trigger|detection|resolution|recovery|mitigation|root causes?|fallout|outage|incident)\b"
)
_PROJECT_HEADING_WORDS = re.compile(
    r"\b(?:went well|worked|went wrong|did ?n[o']?t (?:go|work)|could (?:have gone|be) better|improve\w*|"
    r"challenges|positives|negatives|start|stop|continue|keep|goals?|next time|differently|kudos|"
    r"shout ?outs|wins|attendees|retrospective)\b"
)
_INCIDENT_TERMS = frozenset(
    "outage outages downtime incident incidents paged pager on-call oncall 5xx error errors rollback "
    "roll-back failover attacker attackers cve alert alerts alarm alarms credentials token tokens sev-1 "
    "sev-2 sev1 sev2 p0 p1 p2".split()
)
_INCIDENT_STEMS = (
    "unavailab",
    "degrad",
    "restor",
    "mitigat",
    "vulnerab",
    "compromis",
    "exploit",
    "leak",
    "breach",
    "exfiltrat",
)
"""The vocabulary of an incident, counted word by word (a regular expression over a long document costs
more than the rest of the reading)."""
_WORD = re.compile(r"[a-z0-9][a-z0-9-]*")
_CLOCK = re.compile(r"\b(?:[01]?\d|2[0-3]):[0-5]\d\b|\b(?:1[0-2]|0?[1-9])\s?[ap]\.?m\b", re.IGNORECASE)


def kind_of(meta: Meta, title: str, outline: Outline) -> Kind | None:
    """The kind the document is, or None when nothing says (the caller then assumes an incident)."""
    stated = meta.first("kind", "type", "category", "categories") or ""
    if "incident" in stated.lower():
        return Kind.INCIDENT
    if _STATED_PROJECT.search(stated):
        return Kind.PROJECT
    if not (meta.first("title") or outline.title) or not (
        _TITLE_INCIDENT.search(title) or _TITLE_PROJECT.search(title)
    ):
        # without a title, or under one that names no event ('Post-mortem (2023-04-20)'), the opening line
        # says what is reviewed ('the post mortem I wrote for Ludum Dare', 'the competition went smoothly')
        title = f"{title} {_opening(outline)}"
    incident, project = _weigh(meta, title, outline)
    if incident == project == 0:
        return None
    return Kind.PROJECT if project > incident else Kind.INCIDENT


def _opening(outline: Outline) -> str:
    """The first sentence; after a title written as a plain line ('The Postmortem Megamix'), the title and
    the first sentence under it."""
    paragraphs = (b.text for p in outline.parts for b in p.blocks if b.kind == "paragraph")
    first = next(paragraphs, "")
    opening = _FIRST_SENTENCE.split(first, maxsplit=1)[0]
    if len(first.split()) <= _TITLE_WORDS and not first.rstrip().endswith((".", "!", "?")):
        opening = f"{first} {_FIRST_SENTENCE.split(next(paragraphs, ''), maxsplit=1)[0]}"
    return opening[:200]


_TITLE_WORDS = 8


_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s")


def _weigh(meta: Meta, title: str, outline: Outline) -> tuple[float, float]:
    """The weight of the evidence for an incident and for a project review."""
    tags = " ".join(meta.fields.get("tags", []))
    incident = 3.0 * bool(_TITLE_INCIDENT.search(title)) + bool(_TITLE_INCIDENT.search(tags))
    project = 3.0 * bool(_TITLE_PROJECT.search(title)) + bool(_TITLE_PROJECT.search(tags))
    headings = [normalise(clean_title(p.title)) for p in outline.parts if p.headed and not p.labelled]
    incident += min(
        4, sum(1 for h in headings if h in _INCIDENT_HEADINGS or _INCIDENT_HEADING_WORDS.search(h))
    )
    project += min(4, sum(1 for h in headings if _PROJECT_HEADING_WORDS.search(h)))
    prose = "\n".join(b.text for p in outline.parts for b in p.blocks if b.kind != "code")
    words = max(1, len(prose.split()))
    # incident vocabulary by density, so that a long retro that mentions one outage stays a retro
    terms = sum(
        1 for w in _WORD.findall(prose.lower()) if w in _INCIDENT_TERMS or w.startswith(_INCIDENT_STEMS)
    )
    incident += min(4.0, 400 * terms / words)
    incident += 2 * (len(_CLOCK.findall(prose)) >= 3)
    return incident, project
