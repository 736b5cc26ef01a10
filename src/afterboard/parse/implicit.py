"""Which canonical sections a document has — under a heading of its own, only in its prose, or not at all —
and why, judged from what its sentences say rather than from a list of headings.

A heading counts when its section has content (an empty 'Trigger' or a 'Timeline' that only links to a
status page does not). Without a heading, a section is found from sentence-level cues, the way a careful
reader finds it:

- **impact**: something went wrong (unavailable, failed, errors, degraded, at risk, clients without
  connectivity) together with who or what was affected, how many or what share, or for how long, or a
  failure the writer apologises for ('sorry for the downtime'); for a project, what it set out to do and
  what came of it ('came 23rd', 'far surpassed my expectations');
- **timeline**: events told with their times or dates (`told.py`): three moments in a paragraph, or several
  paragraphs that each start from one ('On 13 April…', 'At 14:02…'); a span ('from 09:20 to 10:18') is a
  duration, not a timeline;
- **root cause**: a causal statement ('caused by', 'due to', 'because', 'resulted from', 'the root cause
  was', ', so'), a suspected cause, or the cause told as a flaw in the system (`conditions.py`); for a
  project only an explicit one ('the reason was', 'root cause', 'the root of the issue');
- **contributing factors**: conditions that made the failure likelier, longer or worse ('compounding',
  'delayed the investigation', 'which contributed to the disruption', 'the two together', 'a lack of …',
  a project's inexperience or scope), or told without saying so: a late detection, nobody alerted, a
  safeguard that did not work or was missing, one dependency (`conditions.py`);
- **what went well**: responses and systems that worked ('went well', 'worked as intended', 'quickly
  rolled back', 'prevented a larger…', 'the good parts'), a safeguard that did its job ('logging caught the
  anomaly', 'rate limiting blocked 99.9% of them');
- **action items**: commitments in any person ('we will', 'I will', 'we're updating', 'going forward',
  'plans to', 'is being rotated', 'next time we…', 'have to improve on') — not the next steps of an update
  posted during the incident, a change ruled out, or a prediction.

Under another canonical section's heading only a section named outright counts (the root cause in 'What
went wrong', contributing factors in the root-cause analysis). Each section found in prose keeps the
sentences that show it and the reason, which the JSON report gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from afterboard.extract.impact import read_impact
from afterboard.parse.commitments import planned
from afterboard.parse.conditions import CONDITION, FLAW, SAFEGUARD
from afterboard.parse.headed import Found, has_content, headed_sections
from afterboard.parse.markdown import Block
from afterboard.parse.outline import Outline, clean_title
from afterboard.parse.pieces import Piece, pieces, sentences
from afterboard.parse.told import told_in_time
from afterboard.postmortem import Kind, PostMortem
from afterboard.sections import CANONICAL, Section

_S = Section
_CANONICAL = tuple(s.value for s in CANONICAL)
_NOT_PROSE = frozenset({_S.TIMELINE.value, _S.ACTION_ITEMS.value})
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
_AFFECTED = re.compile(
    r"\b(?:users?|customers?|clients?|students?|learners?|visitors?|readers?|people|tenants?|orgs?|"
    r"organi[sz]ations?|merchants?|members?|developers?|players?|subscribers?|community|everyone|"
    r"traffic|requests?|queries|builds?|launches|sessions?|logins?|checkouts?|orders?|payments?|"
    r"site|website|service|services|api|app|secrets?|credentials|tokens?|data|trees|notices|e-?mails?|"
    r"connections)\b"
    r"|\b(?:all|every|no|any|most|many|some)\s+(?:of\s+(?:the|our)\s+)?[a-z-]+s\b",
    re.IGNORECASE,
)
"""Who or what was affected: people, a service, the data — or any 'all/every/no …s'."""
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
_GOALS = re.compile(
    r"\b(?:(?:our|the|main|primary) goals? (?:was|were|is|are)|we set out to|(?:we )?aimed to|"
    r"the (?:outcome|result) (?:was|is)|(?:we|i) (?:shipped|delivered|launched|released|finished|completed|"
    r"submitted)\b|(?:we|i) (?:made|built) an? (?:[\w-]+ ){0,2}(?:game|app|prototype|product|tool|site|"
    r"entry)\b|"
    r"failed to (?:submit|ship|finish|deliver|complete|launch|release)|"
    r"(?:met|missed|exceeded|beat|blew)\s+(?:\w+\s+)?(?:our|the)\s+(?:[\w-]+\s+)?(?:goals?|targets?|"
    r"projections?|deadlines?|budget|estimates?)|"
    r"(?:shipped|delivered|launched|released|finished) (?:on time|late|early)|"
    r"(?:came|placed|finished|ranked|ended up)\s+(?:in\s+)?(?:#?\d+(?:st|nd|rd|th)|first|second|third|last)|"
    r"(?:met|missed|exceeded|surpassed|beat|fell short of)\s+(?:\w+\s+)?(?:my|our|the|all)\s+(?:[\w-]+\s+)?"
    r"expectations|"
    r"(?:milestone|release|version|sprint|project)\b[^.]{0,40}\b(?:established|delivered|shipped|completed|"
    r"introduced|brought)\b|(?:weeks?|days?|months?) "
    r"(?:late|behind|ahead)|missed the (?:deadline|date)|over budget|under budget|achieved)\b",
    re.IGNORECASE,
)
"""A project's goals against its outcome."""
_CAUSE = re.compile(
    r"\b(?:root[- ]causes?\s+(?:(?:for|of|behind) [^.,;]{1,40}?\s+)?(?:was|were|is|are)\b|"
    r"root[- ]causes?\s*:|"
    r"(?:was|were|is|are) (?:caused|triggered) by|caused|causing|due to|because|"
    r"as a result of|resulted from|result of|stemm?(?:ed|s) from|triggered by|led to|traced (?:it |this |"
    r"the \w+ )?(?:back )?to|turned out (?:to be|that)|the culprit|"
    r"the (?:underlying |primary |main |real |true |core )?(?:cause|issue|problem|reason) (?:was|is|were)|"
    r"(?:a|the) bug in|(?:was|were) (?:introduced|misconfigured)|inadvertently led|"
    r"the underlying (?:issue|cause|problem)|created (?:a situation|the conditions)|thus|therefore|hence|"
    r"consequently|as a consequence|(?:this|which) meant|(?:permitted|allowed|enabled|let) (?:anyone|an? \w+|"
    r"attackers?|users?|the \w+) to|(?:is|was|were) (?:related|attributed|linked) to|"
    r"(?:is|was|were|are) to blame|blamed on|(?:means?|meant) that|suspect(?:s|ed)? that|"
    r"(?:the|our|my) (?:hypothesis|theory) (?:is|was) that|"
    # 'this resulted in' ties the sentence before to the failure; 'and lead to' is 'led to' misspelt, as
    # often written; an attacker's way in is the cause of a breach
    r"(?:this|which|it|that) (?:\w+ )?resulted in|(?:and|which|this|that) lead to|"
    r"(?:gain(?:ed|ing)?|got|obtain(?:ed|ing)) (?:unauthori[sz]ed |admin\w* )?access\b[^.;]{0,60}?"
    r"\b(?:via|through|by exploiting|using))\b"
    r"|(?<=,\s)so\b(?!\s+(?:that|far|much|many|long|as|we|I)\b)",
    re.IGNORECASE,
)
_PROJECT_CAUSE = re.compile(
    r"\b(?:root[- ]causes?|the root of the (?:issue|problem)|(?:was|were|is) caused by|caused (?:us|the)|"
    r"the (?:main |real |underlying )?reason (?:was|for|why)|because of (?:this|that|it)|"
    r"this (?:was|is) (?:because|due to)|the cause (?:was|of)|"
    r"(?:fell|fall|came|come) short\b[^.;]{0,40}?\b(?:due (?:\w+ )?to|because))\b",
    re.IGNORECASE,
)
_FACTOR = re.compile(
    r"\b(?:(?:monitoring|alerting|alerts?)\b[^.]{0,40}?\b(?:incorrect\w*|misconfigured|missing|disabled|"
    r"silenced|not configured|did not pick up)|gaps? in (?:our )?(?:monitoring|alerting|testing)|"
    r"blind spot in (?:our )?(?:monitoring|alerting|observability)|"
    r"contribut\w+ factors?|contribut\w+ to (?:the|this|an?|its|our) (?:\w+ )?(?:outage|incident|failure|"
    r"problem|issue|delay|degradation|breach|compromise|confusion|backlog|load|disruption|downtime|"
    r"interruption|instability|slowdown|errors|impact|severity|duration|overload|exposure|loss|crash)|"
    r"compounding|compounded|(?:the|these|those) (?:two|three|both) (?:together|combined)|"
    r"the combination of|inexperience|underestimat\w+|over-?scop\w+|scope creep|too ambitious|"
    r"ran out of time|time constraints?|went MIA|dropped out|"
    r"(?:was|were) (?:extended|prolonged|worsened|amplified|exacerbated) by|"
    r"made (?:it|this|things|the \w+) (?:worse|harder|longer|likelier|more likely)|"
    r"exacerbat\w+|aggravat\w+|amplif\w+|(?:delayed|slowed(?: down)?|hampered|hindered) (?:the |our )?"
    r"(?:detection|diagnosis|response|recovery|resolution|investigation|mitigation|reporting)|"
    r"caused a delay|(?:a |the )?lack of \w+|in turn|cascad\w+|snowball\w*|knock-on|domino|"
    r"fall behind|fell behind|complicating (?:this|the|matters)|further complicat\w+|went unnoticed|"
    r"went wrong|did ?n[o']t go (?:well|as planned)|could have gone better|"
    r"(?:was|were)(?: not|n't) (?:caught|noticed|detected|checked|monitored|alerted|notified|tested)|"
    r"(?:did not|didn't) (?:catch|notice|detect|alert)|combined with|in addition(?! to)|additionally|also "
    r"(?:made|meant|contributed))\b",
    re.IGNORECASE,
)
_FACTOR_OUTRIGHT = re.compile(
    r"\b(?:contribut\w+ factors?|compounding|(?:was|were) (?:extended|prolonged|worsened|amplified|"
    r"exacerbated) by|made (?:it|this|things|the \w+) worse|exacerbat\w+|(?:delayed|slowed) (?:the |our )?"
    r"(?:detection|diagnosis|response|recovery|resolution|investigation))\b",
    re.IGNORECASE,
)
_WELL = re.compile(
    r"\b(?:went (?:well|smoothly)|worked (?:well|as (?:intended|designed|expected))|good parts?|"
    r"positives?|(?:quickly|promptly|rapidly|swiftly) (?:identified|detected|noticed|mitigated|restored|"
    r"rolled back|reverted|fixed|responded|contained|caught)|(?:was|were) caught quickly|"
    r"(?:patched|fixed|resolved|mitigated|contained|reverted|rolled back) (?:the (?:\w+ )?(?:issue|problem|"
    r"bug|vulnerability|leak)|it) (?:very )?(?:quickly|promptly|swiftly|immediately|right away)|"
    r"prevented (?:a |any )?(?:larger|bigger|wider|further|worse|potential)|protected us|"
    r"provided (?:multiple )?(?:layers of )?protection|security benefits|"
    r"limited the (?:impact|damage|blast radius)|kudos|proud of|glad that|went right|"
    r"did an? (?:amazing|great|excellent|fantastic|wonderful) job|(?:great|worthwhile|wonderful) experience|"
    r"(?:only|just) affected (?:a (?:few|small|handful)|\d+)|isolated (?:only )?to|(?:good|great) progress|"
    r"paid off|saved us)\b",
    re.IGNORECASE,
)


_HELD = re.compile(
    rf"\b(?:{SAFEGUARD}|logging|firewalls?|CAPTCHAs?|(?:intrusion |anomaly )?detection(?: systems?)?)\b"
    r"(?P<gap>[^.;]{0,40}?)\b(?:caught|blocked|thwarted|flagged|(?:worked|performed) "
    r"(?:as|well))\b",
    re.IGNORECASE,
)
"""A safeguard that did its job ('our data access logging caught the anomaly')."""
_HELD_VERB = re.compile(r"\b(?:caught|blocked|thwarted|flagged|worked|performed)\b", re.IGNORECASE)
_UNDONE = re.compile(r"\b(?:not|never|n't|failed|without)\b", re.IGNORECASE)


def _held(text: str) -> str | None:
    # the verbs are rare and the safeguards many: look for a verb before trying every safeguard at every word
    found = _HELD.search(text) if _HELD_VERB.search(text) else None
    if found is None or _UNDONE.search(found["gap"]):
        return None
    return f"a safeguard that worked ('{found.group(0)}')"


def find_sections(outline: Outline, pm: PostMortem) -> Found:
    """The sections a document has, under a heading of its own or told in its prose."""
    headed = headed_sections(outline, pm)
    for key, line in _named_by_content(outline).items():
        headed.setdefault(key, line)
    # a section's content may sit under another heading ('What went wrong' telling the root cause), but
    # timeline entries and action items are events and plans, and key/value rows are metadata
    parts = [p for p in outline.parts if not (p.key in _NOT_PROSE and p.key in headed)]
    texts = [_title_piece(outline)] if outline.title else []
    texts += [
        p for p in pieces(parts, sentences=True) if not (p.block.kind == "row" and len(p.block.cells) == 2)
    ]
    # a 'What happened?' heading over a story rather than a timeline leaves its text as free prose, where
    # every section may be told
    sections = {
        id(block): None if part.key == _S.TIMELINE.value and part.key not in headed else part.key
        for part in outline.parts
        for block in part.blocks
    }
    evidence: dict[str, list[Piece]] = {}
    reasons: dict[str, str] = {}
    # what went wrong tells the cause among the conditions: an incident's in its own words, a retro's only
    # when it says so ('this is because…', 'the root of the issue was…')
    among = _matching(
        _PROJECT_CAUSE if pm.kind is Kind.PROJECT else _CAUSE_AMONG_FACTORS,
        "the cause told among the conditions",
    )
    for key, (test, outright) in _tests(pm.kind).items():
        if key in headed:
            continue
        found: list[Piece] = []
        for piece in texts:
            why = _states(
                key, piece, sections.get(id(piece.block)), test=test, outright=outright, among=among
            )
            if why is not None:
                found.append(piece)
                reasons.setdefault(key, why)
        labels = _labelled(outline, key, pm)
        if labels and not found:
            reasons[key] = f"labelled '{labels[0].text.split(':', 1)[0]}' in the prose"
        found += labels
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
    """A failure stated with its size: how many were affected, what share, or how long."""
    why = _impact(text)
    return why is not None and ("how many" in why or "how long" in why)


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


def _states(
    key: str, piece: Piece, section: str | None, *, test: Test, outright: Test | None, among: Test | None
) -> str | None:
    """Why `piece` states section `key`, or None: in prose (or under the section's own heading that held no
    proper content, such as a 'Timeline' told as a story) by the section's test; under another canonical
    section's heading only by naming it outright."""
    if piece.block.kind == "heading":
        # a title names the event ('Checkout outage'), which is not yet an impact statement; but one that
        # says what caused it ('Upgrading ingress-nginx caused an outage') states a cause
        return test(piece.text) if key == _S.ROOT_CAUSE.value else None
    if section in _CANONICAL and section != key:
        if key == _S.ROOT_CAUSE.value and section == _S.CONTRIBUTING_FACTORS.value and among is not None:
            return among(piece.text)
        return outright(piece.text) if outright is not None else None
    return test(piece.text)


def _tests(kind: Kind) -> dict[str, tuple[Test, Test | None]]:
    """Each section's test in prose, and the stricter one under another section's heading."""
    project = kind is Kind.PROJECT
    return {
        # a project's outcome is often told under 'What went well' ('we released on the expected date')
        _S.IMPACT.value: (_sentences(_goals), _goals)
        if project
        else (_sentences(_either(_impact, _matching(_APOLOGY, "a failure the writer apologises for"))), None),
        # a project's cause counts only when named: its 'because' explains a choice, not a failure
        _S.ROOT_CAUSE.value: (
            _sentences(_matching(_PROJECT_CAUSE, "a causal statement"))
            if project
            else _sentences(
                _either(
                    _matching(_CAUSE, "a causal statement"),
                    _matching(FLAW, "the cause told as a flaw in the system"),
                )
            ),
            _either(_matching(_OUTRIGHT_CAUSE, "the cause named outright"), _suspected),
        ),
        _S.CONTRIBUTING_FACTORS.value: (
            _sentences(
                _either(
                    _matching(_FACTOR, "a condition that made the failure likelier or worse"),
                    _matching(CONDITION, "a condition that slowed the response or widened the damage"),
                )
            ),
            _matching(_FACTOR_OUTRIGHT, "a contributing factor named outright"),
        ),
        _S.WENT_WELL.value: (_sentences(_either(_matching(_WELL, "something that worked"), _held)), None),
        _S.ACTION_ITEMS.value: (partial(planned, lessons=project), None),
    }


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
        if hunch is not None and _CAUSE.search(sentence[hunch.end() :]):
            return f"a suspected cause ('{hunch.group(0)}')"
    return None


_HUNCH = re.compile(r"\b(?:suspect(?:s|ed)?|hypothes[ie]s|theory|likely cause)\b", re.IGNORECASE)


def _matching(pattern: re.Pattern[str], why: str) -> Test:
    def test(text: str) -> str | None:
        found = pattern.search(text)
        return f"{why} ('{found.group(0)}')" if found else None

    return test


def _either(first: Test, second: Test) -> Test:
    def test(text: str) -> str | None:
        return first(text) or second(text)

    return test


def _sentences(test: Test) -> Test:
    """A test that holds when it holds for one sentence of the text."""

    def each(text: str) -> str | None:
        return next((why for s in sentences(text) if (why := test(s)) is not None), None)

    return each


def _impact(text: str) -> str | None:
    if _RECOVERY.search(text):
        return "how long it took to recover"
    failure = _NEGATIVE.search(text)
    if failure is None or _HYPOTHETICAL.search(text[: failure.start()]):
        return None
    facts = read_impact([text])
    if facts.users_affected is not None or facts.users_share is not None:
        return f"a failure ('{failure.group(0)}') with how many were affected"
    if facts.duration is not None or _DURATION_WORDS.search(text):
        return f"a failure ('{failure.group(0)}') with how long it lasted"
    affected = _AFFECTED.search(text)
    if affected:
        return f"a failure ('{failure.group(0)}') with who or what was affected ('{affected.group(0)}')"
    return None


_APOLOGY = re.compile(
    r"\b(?:apologi[sz]e|sorry)\s+(?:\w+\s+)?for\s+(?:the|this|any|our|all the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:downtime|outages?|disruptions?|interruptions?|inconvenience|errors|delays|data loss)\b",
    re.IGNORECASE,
)
"""An apology names the failure its readers lived through ('I truly apologize for the downtime')."""
_HYPOTHETICAL = re.compile(r"\b(?:if|whether|in case|could have|would have)\b", re.IGNORECASE)
"""A failure that only might have happened is no impact ('…assess if these services were affected')."""


def _goals(text: str) -> str | None:
    found = _GOALS.search(text)
    return f"the project's goals or outcome ('{found.group(0)}')" if found else None


def _title_piece(outline: Outline) -> Piece:
    title = outline.title or ""
    return Piece(title, 1, Block("heading", title, 1, level=1))
