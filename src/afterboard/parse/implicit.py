"""Which canonical sections a document has — under a heading of its own, only in its prose, or not at all —
and why, judged from what its sentences say rather than from a list of headings.

A heading counts when its section has content (an empty 'Trigger' or a 'Timeline' that only links to a
status page does not), and a heading no alias names can still name a section by what it asks ('Why did
this happen?') or by what its paragraphs state (a failure with its size under 'Fallout'). Without a
heading:

- **impact, root cause, contributing factors, what went well, action items** are found by the sentence
  model (`statements.py`): enough sentences of the prose outside the other sections' headings scored at
  or above the section's threshold. The model learnt from what real post-mortems write under each heading
  and from what careful readers found in whole documents, so it is not a list of phrasings;
- **timeline**: events told with their times or dates (`told.py`): three moments in a paragraph, or several
  paragraphs that each start from one; a span ('from 09:20 to 10:18') is a duration, not a timeline.

Under another canonical section's heading only a section named outright counts (the root cause in 'What
went wrong', contributing factors in the root-cause analysis), and a plain 'User impact: …' line states
its section. Each section found in prose keeps the sentences that show it and the reason (for the model,
how many sentences and the words that weighed most), which the JSON report gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from afterboard.extract.impact import read_impact
from afterboard.parse.headed import Found, has_content, headed_sections
from afterboard.parse.outline import Outline, clean_title
from afterboard.parse.pieces import Piece, pieces, sentences
from afterboard.parse.statements import MIN_WORDS, Statements, model
from afterboard.parse.told import told_in_time
from afterboard.postmortem import Kind, PostMortem
from afterboard.sections import CANONICAL, Section

_S = Section
_CANONICAL = tuple(s.value for s in CANONICAL)
_NOT_PROSE = frozenset({_S.TIMELINE.value, _S.ACTION_ITEMS.value})
_PROSE = tuple(k for k in _CANONICAL if k != _S.TIMELINE.value)
"""The sections the sentence model finds in prose (a timeline is told by its moments, `told.py`)."""
_OUTSIDE = frozenset({None, _S.TIMELINE.value}) | frozenset(s.value for s in Section if s not in CANONICAL)
"""Where a timeline told in prose may be: outside the other canonical sections."""

Test = Callable[[str], str | None]
"""A sentence → why it states the section, or None."""

_NEGATIVE = re.compile(
    r"\b(?:unusable|unavailab\w+|inaccessible|unreachable|unresponsive|sluggish|outages?|"
    r"(?:was|were|went|is|are) down|hard down|(?:appear|seem)(?:ed|s)? (?:to be )?(?:down|offline)|"
    r"took (?:[\w-]+ ){0,3}?(?:down|offline)|knocked (?:[\w-]+ ){0,3}?(?:out|offline)|"
    r"(?:high|higher|increased|elevated) latency|latency spikes?|"
    r"offline|broken|fail(?:ed|ing|ures?|s)?|errors?|[45]\d\d\b|5xx|crash\w*|stuck|stall\w*|unable|"
    r"could ?n[o']t|couldn't|cannot|can't|lost|loss|delay\w*|slow\w*|degrad\w*|disrupt\w*|impact\w*|"
    r"affect\w*|interrupt\w*|time[ds]? ?out|prevent(?:ed|ing)|blocked|downtime|halted|stopped|closed|"
    r"rejected|exposed|exposure|at risk|compromis\w+|exfiltrat\w+|leak\w*|no new|not (?:sent|posted|"
    r"delivered|processed|available|working)|did ?n[o']t|didn't|does ?n[o']t|no longer|"
    r"no (?:known )?impact|do ?n[o']t have|without (?:\w+ )?(?:connectivity|access|service|power|internet)|"
    r"(?:having|had|experienc\w+) (?:\w+ )?(?:issues|problems|trouble))\b",
    re.IGNORECASE,
)
"""Words that say something went wrong for someone."""
_DURATION_WORDS = re.compile(
    r"\b(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a few|about|around|over|"
    r"nearly|almost|\d+\+?)\s+(?:(?:full|whole|entire|straight)\s+)?(?:minutes?|hours?|days?|weeks?)|"
    r"for (?:the )?(?:day|night|weekend)|"
    r"time to (?:recovery|resolve|restore|mitigat\w+)|ttr|ttm)\b",
    re.IGNORECASE,
)
_RECOVERY = re.compile(
    r"\btime to (?:recovery|recover|resolve|resolution|restore|mitigat\w+)\s*:?\s*\d", re.IGNORECASE
)
"""'Time to recovery: 31 minutes' (a stats block) states how long the impact lasted."""
_PROJECT_CAUSE = re.compile(
    r"\b(?:root[- ]causes?|the root of the (?:issue|problem)|(?:was|were|is) caused by|caused (?:us|the)|"
    r"the (?:main |real |underlying )?reason (?:was|for|why)|because of (?:this|that|it)|"
    r"this (?:was|is) (?:because|due to)|the cause (?:was|of)|"
    r"(?:fell|fall|came|come) short\b[^.;]{0,40}?\b(?:due (?:\w+ )?to|because))\b",
    re.IGNORECASE,
)
_FACTOR_OUTRIGHT = re.compile(
    r"\b(?:contribut\w+ factors?|compounding|(?:was|were) (?:extended|prolonged|worsened|amplified|"
    r"exacerbated) by|made (?:it|this|things|the \w+) worse|exacerbat\w+|(?:delayed|slowed) (?:the |our )?"
    r"(?:detection|diagnosis|response|recovery|resolution|investigation))\b",
    re.IGNORECASE,
)


def find_sections(outline: Outline, pm: PostMortem, statements: Statements | None = None) -> Found:
    """The sections a document has, under a heading of its own or told in its prose; `statements` is the
    sentence model to judge prose with (the shipped one by default)."""
    headed = headed_sections(outline, pm)
    for key, line in _named_by_content(outline).items():
        headed.setdefault(key, line)
    texts, sections = prose(outline, headed)
    statements = statements or model()
    evidence: dict[str, list[Piece]] = {}
    reasons: dict[str, str] = {}
    # what went wrong tells the cause among the conditions: an incident's in its own words, a retro's only
    # when it says so ('this is because…', 'the root of the issue was…')
    among = _matching(
        _PROJECT_CAUSE if pm.kind is Kind.PROJECT else _CAUSE_AMONG_FACTORS,
        "the cause told among the conditions",
    )
    project = pm.kind is Kind.PROJECT
    score = _once(statements, project=project)
    for key in _PROSE:
        if key in headed:
            continue
        found: list[Piece] = []
        outside = [p for p in texts if in_prose(key, sections.get(id(p.block)), p)]
        told = _told(statements, key, outside, score=score, project=project)
        if told is not None:
            found, reasons[key] = told
        named, why = _named_outright(key, texts, sections, among)
        found += named
        if why is not None:
            reasons.setdefault(key, why)
        labels = _labelled(outline, key, pm)
        if labels:
            # a line that names its section says so more plainly than any score
            reasons[key] = f"labelled '{labels[0].text.split(':', 1)[0]}' in the prose"
            lines = {label.line for label in labels}
            found = labels + [p for p in found if p.line not in lines]
        if found:
            evidence[key] = found
    if _S.TIMELINE.value not in headed:
        story = told_in_time(
            [p for p in texts if p.block.kind != "heading" and sections.get(id(p.block)) in _OUTSIDE]
        )
        if story:
            evidence[_S.TIMELINE.value], reasons[_S.TIMELINE.value] = story
    implicit = {key: evidence[key][0].line for key in _CANONICAL if key in evidence}
    return Found(headed, implicit, evidence, {k: v for k, v in reasons.items() if k in evidence})


def prose(outline: Outline, headed: dict[str, int]) -> tuple[list[Piece], dict[int, str | None]]:
    """The pieces a section may be told in without its heading, and the section each one sits under (by
    the id of its block)."""
    # a section's content may sit under another heading ('What went wrong' telling the root cause), but
    # timeline entries and action items are events and plans, and key/value rows are metadata
    parts = [p for p in outline.parts if not (p.key in _NOT_PROSE and p.key in headed)]
    texts = [
        p for p in pieces(parts, sentences=True) if not (p.block.kind == "row" and len(p.block.cells) == 2)
    ]
    # a 'What happened?' heading over a story rather than a timeline leaves its text as free prose, where
    # every section may be told
    sections = {
        id(block): None if part.key == _S.TIMELINE.value and part.key not in headed else part.key
        for part in outline.parts
        for block in part.blocks
    }
    return texts, sections


def _once(statements: Statements, *, project: bool) -> Callable[[str], dict[str, float]]:
    """`statements.score`, each sentence scored once a document (every section's test reads the same)."""
    read: dict[str, dict[str, float]] = {}

    def score(sentence: str) -> dict[str, float]:
        if sentence not in read:
            read[sentence] = statements.score(sentence, project=project)
        return read[sentence]

    return score


def _named_outright(
    key: str, texts: list[Piece], sections: dict[int, str | None], among: Test
) -> tuple[list[Piece], str | None]:
    """The pieces under another canonical section's heading that name `key` outright (there a section counts
    only so; what went wrong tells the cause among the conditions), and why the first does."""
    found: list[Piece] = []
    why: str | None = None
    for piece in texts:
        section = sections.get(id(piece.block))
        if section not in _CANONICAL or section == key:
            continue
        among_factors = key == _S.ROOT_CAUSE.value and section == _S.CONTRIBUTING_FACTORS.value
        named = among if among_factors else _OUTRIGHT.get(key)
        reason = named(piece.text) if named is not None else None
        if reason is not None:
            found.append(piece)
            why = why or reason
    return found, why


def in_prose(key: str, section: str | None, piece: Piece) -> bool:
    """Whether `piece` is prose the sentence model judges for `key`: text outside every other canonical
    section's heading (under one, a section counts only when named outright), not a heading."""
    return piece.block.kind != "heading" and (section not in _CANONICAL or section == key)


def _told(
    statements: Statements,
    key: str,
    texts: list[Piece],
    *,
    score: Callable[[str], dict[str, float]],
    project: bool,
) -> tuple[list[Piece], str] | None:
    """The pieces whose sentences state `key` most clearly (at most `_SHOWN`, likeliest first: they are
    the evidence, and an impact or cause found this way fills its section), and why; None when fewer
    sentences than the section needs reach its threshold, or the model has no threshold for it."""
    if key not in statements.thresholds:
        return None
    threshold, need = statements.thresholds[key], statements.needs.get(key, 1)
    told = sorted(
        (
            (likely, sentence, piece)
            for piece in texts
            for sentence in sentences(piece.text)
            if len(sentence.split()) >= MIN_WORDS and (likely := score(sentence)[key]) >= threshold
        ),
        key=lambda t: -t[0],
    )
    if len(told) < need:
        return None
    best, sentence, _ = told[0]
    words = ", ".join(f"'{w}'" for w in statements.why(sentence, key, project=project))
    found = list({id(piece): piece for _, _, piece in told}.values())[:_SHOWN]
    many = "one sentence reads" if len(told) == 1 else f"{len(told)} sentences read"
    return found, f"{many} as {_NAMES[key]}: the likeliest {best:.2f} ({words})"


_SHOWN = 3
_NAMES = {
    _S.IMPACT.value: "an impact",
    _S.ROOT_CAUSE.value: "a cause",
    _S.CONTRIBUTING_FACTORS.value: "a contributing factor",
    _S.WENT_WELL.value: "something that went well",
    _S.ACTION_ITEMS.value: "a commitment",
}


def _labelled(outline: Outline, key: str, pm: PostMortem) -> list[Piece]:
    """A plain 'User impact: …' line states its section in prose: the label is a word of the sentence."""
    return [
        Piece(f"{p.title}: {p.blocks[0].text}", p.line, p.blocks[0])
        for p in outline.parts
        if p.key == key and p.labelled and not p.marked and has_content(p, pm)
    ]


def _named_by_content(outline: Outline) -> dict[str, int]:
    """Sections under a heading no alias names, recognised by what the heading asks ('Why did this
    happen?', 'What is being done about this?'), or an impact by what its paragraphs state: a failure with
    how many were affected or how long it lasted ('Fallout' over 'All trees were closed for 17 hours')."""
    found: dict[str, int] = {}
    for part in outline.parts:
        if part.key is not None or not part.headed or part.labelled or len(part.title.split()) > 10:
            continue
        if _GENRE.fullmatch(clean_title(part.title)):
            continue  # 'Postmortem' names the kind of document, not one of its sections
        asked = next((key for key, pattern in _ASKS.items() if pattern.search(clean_title(part.title))), None)
        if asked is not None:
            found.setdefault(asked, part.line)
            continue
        texts = [p.text for p in pieces([part])]
        measured = sum(1 for text in texts if _measured_impact(text))
        if texts and measured / len(texts) >= _MOSTLY:
            found.setdefault(_S.IMPACT.value, part.line)
    return found


def _measured_impact(text: str) -> bool:
    """A failure stated with its size: how many were affected, what share, or how long ('Time to recovery:
    31 minutes' in a stats block counts); a failure that only might have happened does not."""
    if _RECOVERY.search(text):
        return True
    failure = _NEGATIVE.search(text)
    if failure is None or _HYPOTHETICAL.search(text[: failure.start()]):
        return False
    facts = read_impact([text])
    measured = facts.users_affected is not None or facts.users_share is not None or facts.duration is not None
    return measured or _DURATION_WORDS.search(text) is not None


_GENRE = re.compile(
    r"(?:the )?(?:post[- ]?mortem|retrospective|incident report|report|debrief|write[- ]?up)s?", re.IGNORECASE
)
_MOSTLY = 0.6
"""The share of a section's paragraphs that must state a measured impact for its heading to name it."""
_ASKS = {
    _S.ROOT_CAUSE.value: re.compile(
        r"^(?:why\b|what (?:caused|went wrong)\b|how did (?:this|it) happen)", re.I
    ),
    _S.ACTION_ITEMS.value: re.compile(
        r"^(?:what (?:is|are|will|we)\b.*\b(?:done|doing|do|change|changing)\b|how (?:will )?we(?:'ll)? "
        r"(?:prevent|avoid|fix)|what(?:'s| is) next|what changes (?:for|in|going)\b)",
        re.I,
    ),
    _S.IMPACT.value: re.compile(
        r"^(?:(?:who|what) (?:was|were) (?:affected|impacted)|affected\b)|\baffected$", re.I
    ),
}
"""Headings that ask for a section in words no alias lists."""


_OUTRIGHT_CAUSE = re.compile(
    r"\b(?:root[- ]causes?|the root of the (?:issue|problem)|the (?:underlying |primary |main |real )?cause "
    r"(?:was|is|of)|caused by)\b",
    re.IGNORECASE,
)
_CAUSE_AMONG_FACTORS = re.compile(
    rf"{_OUTRIGHT_CAUSE.pattern}|\b(?:resulting in|as a result of|(?:this|which) (?:led|leads) to|"
    r"meant (?:that )?(?:our|the))\b",
    re.IGNORECASE,
)
"""The cause as the conditions under 'What went wrong' tell it ('a spike meant our pods…, resulting in…')."""


def _suspected(text: str) -> str | None:
    """A suspected cause, under whatever heading it is discussed ('Aki suspects that the configs meant…')."""
    for sentence in sentences(text):
        hunch = _HUNCH.search(sentence)
        if hunch is not None and _CAUSAL.search(sentence[hunch.end() :]):
            return f"a suspected cause ('{hunch.group(0)}')"
    return None


_HUNCH = re.compile(r"\b(?:suspect(?:s|ed)?|hypothes[ie]s|theory|likely cause)\b", re.IGNORECASE)
_CAUSAL = re.compile(
    r"\b(?:caus\w+|due to|because|meant|means|led to|lead to|result\w*|trigger\w*|stemm?\w*)\b", re.IGNORECASE
)
"""What makes a hunch a suspected cause rather than a suspected fact ('…meant that the loop exited')."""


def _matching(pattern: re.Pattern[str], why: str) -> Test:
    def test(text: str) -> str | None:
        found = pattern.search(text)
        return f"{why} ('{found.group(0)}')" if found else None

    return test


def _either(first: Test, second: Test) -> Test:
    def test(text: str) -> str | None:
        return first(text) or second(text)

    return test


_HYPOTHETICAL = re.compile(r"\b(?:if|whether|in case|could have|would have)\b", re.IGNORECASE)
"""A failure that only might have happened is no impact ('…assess if these services were affected')."""


_OUTRIGHT: dict[str, Test] = {
    _S.ROOT_CAUSE.value: _either(_matching(_OUTRIGHT_CAUSE, "the cause named outright"), _suspected),
    _S.CONTRIBUTING_FACTORS.value: _matching(_FACTOR_OUTRIGHT, "a contributing factor named outright"),
}
"""The sections that count under another section's heading, when named outright."""
