"""Words shared by several rules: 'human error', what is not blame, and the people a document names."""

from __future__ import annotations

import re

from afterboard.postmortem import PostMortem

HUMAN_ERROR = re.compile(
    r"(?<!not )(?<!no )\b(?:human|operator|user|manual|engineer)[ -]error\b", re.IGNORECASE
)
NOT_BLAME = re.compile(
    r"\b(?:blameless\w*|blame[- ]?free|no[- ]blame|not to blame|git blame)\b", re.IGNORECASE
)


def document_people(pm: PostMortem) -> list[str]:
    """Names the document itself gives people: authors, reviewers, action-item owners, and those it thanks
    or lists as responders or attendees — whether or not they are common given names ('Thanks: bstack,
    Pete Moore')."""
    names: list[str] = [*pm.authors, *pm.reviewers]
    for item in pm.action_items:
        if item.owner:
            names.extend(n.strip() for n in re.split(r",|/|\band\b", item.owner) if n.strip())
    for section in pm.extra_sections:
        if _PEOPLE_SECTION.search(section.title):
            for line in section.items:
                names.extend(
                    n.strip() for n in re.split(r",|/|\band\b", line.text) if _NAME.fullmatch(n.strip())
                )
    return [n.lstrip("@") for n in names if len(n) > 1 and not n.lower().endswith("team")]


_PEOPLE_SECTION = re.compile(
    r"\b(?:thanks|thank you|acknowledg\w+|responders?|attendees|participants|people involved)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"@?[\w.-]+(?: [A-Z][\w.-]+){0,2}")
"""A name or handle of one to three words, not a sentence."""
