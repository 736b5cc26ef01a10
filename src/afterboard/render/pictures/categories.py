"""Fishbone categories for factors that carry none: assigned from the words of the factor.

A factor's own category (from a 'Process: ...' note, a board cluster or a sub-heading) always wins; these
keywords only sort the rest onto the seven usual bones. The words are stems matched at word starts, so
'alert' also finds 'alerting' and 'alerts'.
"""

from __future__ import annotations

import re
from functools import cache

from afterboard.postmortem import CATEGORIES, PostMortem

OTHER = "other"

_KEYWORDS: dict[str, str] = {
    "monitoring": "alert, monitor, metric, dashboard, paging, pager, observab, logging, logs, tracing, "
    "threshold, detect, visibility, telemetry, health check",
    "configuration": "config, setting, feature flag, flag, hard-coded, hardcoded, parameter, timeout, "
    "limit, environment variable, yaml, toml",
    "people & training": "training, knowledge, onboarding, new hire, documentation, docs, fatigue, "
    "staffing, understaffed, experience, familiar, handoff, handover, on-call rota",
    "process": "review, canary, rollout, roll-out, deploy, release, process, approval, checklist, runbook, "
    "staging, test, qa, change management, friday, freeze, policy, procedure",
    "code": "bug, code, query, regression, null, exception, race condition, memory leak, refactor, "
    "commit, patch, logic, retry, loop",
    "dependencies": "dependenc, third-party, third party, vendor, upstream, library, package, provider, "
    "cdn, saas, external api, certificate, expir",
    "infrastructure": "server, host, node, cluster, disk, network, dns, load balancer, database, db, "
    "pool, capacity, cpu, kubernetes, k8s, container, storage, region, replica, failover, instance",
}
"""Keyword stems per category, matched at the start of a word; longer ones are tried first."""


def guess_category(text: str) -> str:
    """The bone a factor most likely belongs on: the category whose keywords it uses most; else 'other'.

    Ties go to the category listed first in `_KEYWORDS`, which puts the more specific ones first.
    """
    scores = {category: len(pattern.findall(text)) for category, pattern in _patterns().items()}
    best = max(scores, key=lambda category: scores[category])
    return best if scores[best] else OTHER


def bones(pm: PostMortem) -> list[tuple[str, list[str]]]:
    """(category, causes) for the fishbone: the root cause's own bones, then every contributing factor on
    its category's bone; the usual categories first, in their usual order, then any the team named."""
    grouped: dict[str, list[str]] = {}
    for bone in pm.root_cause.fishbone:
        grouped.setdefault(bone.category.lower(), []).extend(bone.causes)
    for factor in pm.contributing_factors:
        category = (factor.category or guess_category(factor.text)).lower()
        grouped.setdefault(category, []).append(factor.text)
    rank = {category: index for index, category in enumerate(CATEGORIES)}
    ordered = sorted(grouped, key=lambda c: (c == OTHER, rank.get(c, len(rank)), c))
    return [(category, grouped[category]) for category in ordered if grouped[category]]


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    patterns = {}
    for category, words in _KEYWORDS.items():
        stems = sorted((w.strip() for w in words.split(",")), key=len, reverse=True)
        patterns[category] = re.compile(
            r"(?<![\w-])(?:" + "|".join(map(re.escape, stems)) + ")", re.IGNORECASE
        )
    return patterns
