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
    """Names the document itself gives people: authors, reviewers, action-item owners."""
    names: list[str] = [*pm.authors, *pm.reviewers]
    for item in pm.action_items:
        if item.owner:
            names.extend(n.strip() for n in re.split(r",|/|\band\b", item.owner) if n.strip())
    return [n.lstrip("@") for n in names if len(n) > 1 and not n.lower().endswith("team")]
