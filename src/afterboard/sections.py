"""The vocabulary of section names: what teams write on boards and in documents, mapped to canonical keys.

The six canonical sections are those every post-mortem needs (DOMAIN.md). Other well-known sections
(summary, lessons learned, where we got lucky...) have keys of their own so readers can keep them; a heading
that matches nothing is kept as written by the caller.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import cache

from rapidfuzz import fuzz, process


class Section(StrEnum):
    IMPACT = "impact"
    TIMELINE = "timeline"
    ROOT_CAUSE = "root_cause"
    CONTRIBUTING_FACTORS = "contributing_factors"
    WENT_WELL = "went_well"
    ACTION_ITEMS = "action_items"
    SUMMARY = "summary"
    LESSONS_LEARNED = "lessons_learned"
    LUCKY = "lucky"
    METADATA = "metadata"


CANONICAL: tuple[Section, ...] = (
    Section.IMPACT,
    Section.TIMELINE,
    Section.ROOT_CAUSE,
    Section.CONTRIBUTING_FACTORS,
    Section.WENT_WELL,
    Section.ACTION_ITEMS,
)

# Each alias is written as people write it; matching normalises case, punctuation and plurals.
ALIASES: dict[Section, tuple[str, ...]] = {
    Section.IMPACT: (
        "impact",
        "customer impact",
        "user impact",
        "business impact",
        "impact statement",
        "impacts",
        "who was affected",
        "scope",
        "blast radius",
        "severity and impact",
        "goals vs outcome",
        "goals and outcome",
        "goals vs outcomes",
        "impact analysis",
        "impact on users",
        "incident impact",
        "summary of impact",
        "the impact",
        "user facing impact",
        "outcome",
        "outcomes",
        "results",
        "goals",
        "goals and results",
        "fallout",
        "user visible effects",
    ),
    Section.TIMELINE: (
        "timeline",
        "timeline of events",
        "time line",
        "chronology",
        "sequence of events",
        "events",
        "incident timeline",
        "detailed timeline",
        "milestones",
        "what happened",
        "timeline all times utc",
        "timeline summary",
        "chain of events",
        "follow up timeline",
    ),
    Section.ROOT_CAUSE: (
        "root cause",
        "root causes",
        "root cause analysis",
        "rca",
        "cause",
        "causes",
        "why",
        "5 whys",
        "five whys",
        "5 why",
        "5 whys analysis",
        "fishbone",
        "ishikawa",
        "trigger",
        "why it failed",
        "why it happened",
        "technical details",
        "cause analysis",
        "root cause and mitigation",
        "identified cause",
        "what caused it",
        "how did this happen",
        "why did this happen",
        "underlying cause",
    ),
    Section.CONTRIBUTING_FACTORS: (
        "contributing factors",
        "contributing factor",
        "factors",
        "what went wrong",
        "went wrong",
        "what went badly",
        "went badly",
        "what didnt go well",
        "didnt go well",
        "what didnt work",
        "what could have gone better",
        "could have gone better",
        "what went poorly",
        "challenges",
        "problems",
        "issues",
        "pain points",
        "what went differently than planned",
        "stop",
        "what we could improve",
        "needs improvement",
        "to improve",
        "improvements",
        "bad",
        "the bad",
        "less well",
        "what did not go well",
        "what went less well",
        "frustrations",
        "risks",
        "could be improved",
        "what could be improved",
        "how can we improve",
        "areas for improvement",
        "negatives",
        "cons",
        "wrong",
        "what didnt",
        "lowlights",
        "weaknesses",
    ),
    Section.WENT_WELL: (
        "what went well",
        "went well",
        "wins",
        "successes",
        "what worked",
        "what worked well",
        "good",
        "the good",
        "highlights",
        "keep",
        "continue",
        "positives",
        "what we did well",
        "glad",
        "liked",
        "kudos",
        "shout outs",
        "what went right",
        "went right",
        "pros",
        "right",
        "strengths",
    ),
    Section.ACTION_ITEMS: (
        "action items",
        "action item",
        "actions",
        "next steps",
        "follow ups",
        "follow up",
        "follow up issues",
        "follow up tasks",
        "follow up items",
        "followups",
        "todo",
        "to do",
        "to dos",
        "remediation",
        "remediations",
        "corrective actions",
        "corrective and preventative measures",
        "corrective and preventive measures",
        "preventive measures",
        "preventative measures",
        "what were doing about it",
        "what we are doing",
        "action plan",
        "tasks",
        "start",
        "try",
        "owners",
        "fixes",
        "mitigations and fixes",
        "follow up improvements",
        "follow up actions",
        "followup actions",
        "improvements for next time",
        "what we will do",
        "what we will do differently",
        "immediate actions",
        "immediate fixes",
        "short term improvements",
        "long term improvements",
        "short term actions",
        "long term actions",
        "process improvements",
        "technical improvements",
        "prevention",
        "future work",
        "action points",
        "recommendations",
        "recommendations for next time",
        "future improvements",
        "further improvements",
        "what we would do differently",
        "do differently",
        "next time",
        "for next time",
    ),
    Section.SUMMARY: (
        "summary",
        "issue summary",
        "incident summary",
        "executive summary",
        "overview",
        "tldr",
        "tl dr",
        "abstract",
        "description",
        "background",
    ),
    Section.LESSONS_LEARNED: ("lessons learned", "lessons", "learnings", "takeaways", "what we learned"),
    Section.LUCKY: ("where we got lucky", "got lucky", "lucky", "near misses"),
    Section.METADATA: ("metadata", "details", "incident details", "info"),
}

_STOP_PREFIX = re.compile(r"^(?:\d+[.)]\s*|[ivx]+[.)]\s+|section\s+\d+\s*)", re.IGNORECASE)
_PAREN = re.compile(r"\([^)]*\)")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(heading: str) -> str:
    """'2. Timeline (all times UTC):' → 'timeline': no case, accents, numbering, parentheses, punctuation."""
    text = unicodedata.normalize("NFKD", heading)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("'", "").replace("\u2019", "").lower().strip()
    text = _STOP_PREFIX.sub("", text)
    without_paren = _PAREN.sub(" ", text)
    if without_paren.strip(" :-"):
        text = without_paren
    text = text.replace("&", " and ")
    return _NON_WORD.sub(" ", text).strip()


@cache
def _alias_table() -> dict[str, Section]:
    return {normalise(alias): section for section, aliases in ALIASES.items() for alias in aliases}


EXACT_ONLY = frozenset({"right", "wrong", "what didnt", "lowlights", "strengths", "weaknesses"})
"""Aliases that name their section only when they are the whole heading: inside a longer heading they are
some other word's ('Highlights and lowlights' is what went well, 'Contract strengths' no section)."""


@cache
def _fuzzy_keys() -> tuple[str, ...]:
    return tuple(key for key in _alias_table() if key not in EXACT_ONLY)


def match_section(heading: str, *, threshold: float = 86.0) -> Section | None:
    """The section a heading names, or None when it is none of the known ones.

    Exact aliases win; otherwise a fuzzy match (for OCR slips such as 'TIMLINE' and for wordier headings
    like 'Timeline of the outage') must score at least `threshold` out of 100.
    """
    key = normalise(heading)
    if not key:
        return None
    table = _alias_table()
    if key in table:
        return table[key]
    if len(key) > 60:
        return None
    best = process.extractOne(key, _fuzzy_keys(), scorer=fuzz.WRatio, score_cutoff=threshold)
    if best is None:
        return None
    alias = best[0]
    # Short aliases ('why', 'stop', 'keep') only match nearly exactly; partial matches on them are noise.
    # A heading that is only some of an alias's words ('Analysis' of 'impact analysis', 'Process' of
    # 'process improvements') has lost the word that named the section.
    if (len(alias) <= 5 and fuzz.ratio(key, alias) < threshold) or set(key.split()) < set(alias.split()):
        return None
    return table[alias]
