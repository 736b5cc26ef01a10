"""Post-mortems written for the check tests, in the shape of real ones (none is copied from a real one)."""

from __future__ import annotations

import datetime as dt
import re

from afterboard.checks import Finding, check_document
from afterboard.parse import parse_document
from afterboard.settings import Settings

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
"""The morning after the incident in GOOD: inside its publication window."""

GOOD = """\
---
title: Checkout errors after the v2.3 deploy
date: 2026-11-20
status: draft
authors: [Ana Lopez, Raj Patel]
severity: SEV-2
---

# Checkout errors after the v2.3 deploy

## Summary

On 2026-11-20 a deploy of v2.3 exhausted the checkout database pool, and checkout failed for 58 minutes.
The new order-history query held its connections for seconds under production load. Staging holds a
tenth of production's data, so the query was fast there and nothing flagged it before the deploy. The
on-call engineer rolled back to v2.2 and checkout recovered; three changes follow.

## Impact

- About 3,400 EU customers (12% of checkout attempts) saw an error page.
- Checkout failed for 58 minutes, from 09:20 to 10:18 UTC.

## Timeline (all times UTC)

| Time | Event |
|---|---|
| 09:12 | Deploy v2.3 started (new order-history query) |
| 09:20 | Checkout error rate spikes to 14% |
| 09:31 | Pager alert fired, on-call (Ana) paged |
| 09:45 | Rollback to v2.2 started |
| 09:52 | Rolled back, error rate dropping |
| 10:30 | All clear, incident closed |

## Root cause

### Five whys

1. Why did checkout fail? Because the DB connection pool was exhausted.
2. Why? Because the new order-history query held connections for seconds.
3. Why was that not caught before production? Because staging has 10x less data, so the query was fast.
4. Why? Because no load test runs against production-sized data.

## Contributing factors

- The error-rate alert threshold was 10%, so paging came 11 minutes late.
- The deploy went out on a Friday morning without a canary stage.

## What went well

- The rollback took 7 minutes; the runbook was up to date.
- Support posted on the status page within 20 minutes.

## Lessons learned

Load that only production sees is the blind spot of our staging tests. Queries that look cheap on a
small table can hold connections for seconds on a large one, and the pool gives no warning before it is
empty. Measuring pool saturation, and testing with production-sized data, would have shown the problem
before customers did.

## Action items

- [ ] Add a load test with production-sized data to CI — @ana — by 2026-12-05
- [ ] Lower the checkout error-rate alert to 2% — @raj — by 2026-11-27
- [ ] Add a canary stage for checkout deploys — @sam — by 2026-12-18
"""


def without(heading: str, text: str = GOOD) -> str:
    """The document without the section under `## heading` (renamed instead, its content would still be
    read in prose)."""
    pattern = re.compile(rf"^## {re.escape(heading)}.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    assert pattern.search(text), heading
    return pattern.sub("", text, count=1)


def findings(text: str, *, settings: Settings | None = None, now: dt.datetime = NOW) -> list[Finding]:
    doc = parse_document(text, name="pm.md", today=now.date(), settings=settings)
    return check_document(doc, settings=settings, now=now)


def rules_of(text: str, **kwargs: object) -> set[str]:
    return {f.rule for f in findings(text, **kwargs)}  # type: ignore[arg-type]
