"""Commitments to change something, in any person or tense — and what only looks like one.

'We will', 'I will fix these next year', 'we're updating our warnings', 'going forward', 'is being rotated'
commit to a change, and so does a safeguard already put in place ('we have since added stricter checks',
'Changes implemented: …') or a vague 'we are taking steps to improve'. The next steps of an update posted
during the incident ('20:37 PST … We will be starting the servers one by one'), a change ruled out ('is an
option in the future, but we're not…'), a prediction or hope ('I think we'll all live', 'hopefully') and the
writer's plan for the text itself ('I'll start with mine', 'I'll be listing these') do not, nor, in a
retrospective, a lesson told as a need ('we need to remember that scope kills jams').
"""

from __future__ import annotations

import re

from afterboard.parse.pieces import sentences
from afterboard.parse.told import MOMENT, starts_at_moment

_GUARD = (
    r"(?:safeguards?|measures|controls|checks|protections?|guardrails?|monitoring|alerting|alerts|tests|"
    r"limits|policies|procedures|processes)"
)
_DONE = (
    rf"(?:put|have|has|had|'ve)\s+(?:[\w-]+\s+){{0,4}}?{_GUARD}\s+in place|"
    r"changes (?:implemented|made|deployed|shipped)(?=\s*:)|"
    rf"(?:have|has|'ve)\s+(?:since|now|also)\s+(?:added|implemented|introduced|deployed|enabled|put)\b|"
    rf"(?:implemented|introduced|added|deployed|enabled)\s+(?:additional|new|extra|further|stricter|"
    rf"automat\w+)\s+(?:[\w-]+\s+){{0,2}}?{_GUARD}"
)
"""A change already made to stop a recurrence: a reader counts it with the commitments (the fix that ended
the incident is not one, and names no safeguard)."""
_ACTION = re.compile(
    r"\b(?:(?:we|i)(?: will|'ll| shall| are going to| am going to| plan to| intend to| need to| must)|"
    r"(?:and|,) will be \w+ing|action (?:point|item)s?|next (?:year|release|jam|sprint|event|quarter)|"
    r"we(?:'re| are) (?:also |now |currently |actively )?(?:updating|adding|improving|changing|building|"
    r"moving|migrating|rewriting|implementing|introducing|attempting|planning|revisiting|rolling out|"
    r"reviewing|refining|replacing|working (?:on|to|with))|i(?:'m| am) (?:also |now |currently )?working "
    r"(?:on|to|with)|"
    r"next steps?|going forward|moving forward|from now on|in the (?:future|coming weeks|coming months)|"
    r"(?:plans?|planning|intends?|is going|are going) to|plan on|(?:is|are) (?:being|now being) (?:rotated|"
    r"rebuilt|replaced|updated|added|reviewed|changed)|(?:are|is) (?:under ?way|coming)|"
    r"next time,? (?:we|i)|(?:have|has) to improve|will (?:add|implement|introduce|improve|review|change|"
    r"update|create|set up|build|move|switch|enforce|rotate|audit)|"
    r"should (?:consider|implement|add|increase|review)|"
    r"to prevent (?:this|similar|it|recurrence)|tracking issue|follow[- ]up (?:work|issue|ticket)|"
    r"(?:we|i)(?:'re| are|'m| am) (?:\w+ )?taking (?:steps|measures|action) to|"
    rf"{_DONE})\b",
    re.IGNORECASE,
)


def planned(text: str, *, lessons: bool = False) -> str | None:
    """A commitment to change something in one of the text's sentences — unless the text is an update posted
    during the incident ('20:37 PST … We will be starting the servers'): its plans are the response's next
    steps."""
    first = MOMENT.search(text)
    if first is not None and starts_at_moment(text, first):
        return None
    return next((why for s in sentences(text) if (why := _commitment(s, lessons=lessons)) is not None), None)


def _commitment(sentence: str, *, lessons: bool = False) -> str | None:
    """A commitment — not a change ruled out ('is an option, but we're not…') or a prediction; with
    `lessons`, not a need or a step either: a retrospective's 'we need to…' is a lesson, not a plan."""
    found = _ACTION.search(sentence)
    if found is None or _UNCOMMITTED.search(sentence):
        return None
    if lessons and _LESSON.fullmatch(found.group(0)):
        return None
    return f"a commitment to change something ('{found.group(0)}')"


_LESSON = re.compile(r"(?:we|i) (?:need to|must)|next steps?|should \w+", re.IGNORECASE)


_UNCOMMITTED = re.compile(
    r"\b(?:not (?:currently |yet )?(?:possible|feasible|justifiable|affordable|planned)|"
    r"is(?:n't| not) (?:justifiable|possible|feasible)|but we(?:'re| are) not|is an option|"
    r"(?:i|we) (?:think|hope|guess|expect|believe) (?:that )?(?:we|it|this)(?:'ll| will)|hopefully|"
    r"(?:most |quite )?(?:likely|probably) (?:not|never)|"
    r"(?:i|we)(?:'ll| will) (?:be )?(?:start\w* with|list\w*|talk\w* about|go\w* (?:over|through)|"
    r"describ\w+|explain\w*|cover\w*|shar\w+ (?:my|our|some)|walk\w* (?:you )?through))\b",
    re.IGNORECASE,
)
