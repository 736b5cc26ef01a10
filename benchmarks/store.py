"""Benchmark the archive: load N generated post-mortems, then time full-text search and "similar".

    python benchmarks/store.py                         # 100,000 post-mortems into a new SQLite file
    python benchmarks/store.py --db postgresql://postgres@127.0.0.1:5432/test --n 100000

The first --single post-mortems are saved with `Store.save`, one transaction per save (as `afterboard save`
does); the rest with `Store.save_many`, 1,000 to a transaction (an import). Both rates include the revision,
the search index, tags, factors and action items. The documents are
generated from a fixed seed: services, components, failure modes, causes and factors combined at random,
with a Zipf-like word distribution, so some words are in most documents and some in a handful. On
PostgreSQL the run works in a schema of its own, dropped at the end (unless --keep).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TypeVar

from afterboard.postmortem import ActionItem, Factor, Item, Kind, PostMortem, RootCause, TimelineEntry
from afterboard.store import migrate_store, open_store
from afterboard.store.records import Filters, Role, Viewer
from afterboard.store.store import Store

T = TypeVar("T")

SERVICES = (
    "checkout payments login search api-gateway billing notifications inventory recommendations catalog "
    "shipping auth sessions media-upload reporting analytics ledger fraud-scoring pricing onboarding"
).split()
COMPONENTS = (
    "database replica cache load-balancer dns certificate queue scheduler cdn kubernetes node pool disk "
    "config feature-flag deploy-pipeline firewall vpn cron job worker connection-pool index shard backup"
).split()
FAILURES = (
    "expired|filled up|ran out of connections|failed over|timed out|was misconfigured|leaked memory|"
    "returned stale data|dropped messages|hit a rate limit|deadlocked|lost quorum|crashed on start|"
    "rejected valid tokens|served errors|slowed to a crawl|was deleted by mistake|rolled back halfway"
).split("|")
CAUSES = (
    "renewal was manual|no review step for config changes|the retry policy had no backoff|alerts were muted|"
    "the runbook was out of date|capacity planning ignored seasonal peaks|the migration locked a hot table|"
    "a default changed in the library upgrade|health checks only tested the port|"
    "the canary stage was skipped|"
    "log rotation was disabled|the dependency had no timeout|the failover was never rehearsed|"
    "two teams owned the same setting|the dashboard hid the error rate"
).split("|")
FACTORS = (
    ("monitoring", "no alert on {c} saturation"),
    ("process", "weekend deploys had no second reviewer"),
    ("tooling", "the {c} dashboard was slow to load"),
    ("capacity", "{c} headroom was under ten percent"),
    ("testing", "staging had no {c} like production"),
    ("communication", "the status page was updated late"),
    ("dependencies", "a vendor {c} changed behaviour without notice"),
)
OWNERS = [f"eng{i}" for i in range(60)]
FILLER = (
    "customers users requests errors latency minutes traffic region service team engineer on-call page "
    "rollback restart mitigation impact timeline graph spike recovered degraded partial retried queue"
).split()


def generate(n: int, *, seed: int = 7) -> Iterator[PostMortem]:
    rng = random.Random(seed)
    start = dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
    for i in range(n):
        service, component = rng.choice(SERVICES), rng.choice(COMPONENTS)
        failure, cause = rng.choice(FAILURES), rng.choice(CAUSES)
        began = start + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 365 * 4))
        words = " ".join(rng.choices(FILLER, k=12))
        category, factor = rng.choice(FACTORS)
        yield PostMortem(
            kind=Kind.PROJECT if i % 10 == 0 else Kind.INCIDENT,
            title=f"{service} outage: {component} {failure}",
            severity=rng.choice(["SEV1", "SEV2", "SEV2", "SEV3", "SEV3", "SEV3"]),
            date=began.date(),
            started_at=began,
            detected_at=began + dt.timedelta(minutes=rng.randint(1, 30)),
            mitigated_at=began + dt.timedelta(minutes=rng.randint(30, 90)),
            resolved_at=began + dt.timedelta(minutes=rng.randint(90, 300)),
            summary=(Item(text=f"The {service} {component} {failure}; {words}."),),
            timeline=tuple(
                TimelineEntry(text=f"{rng.choice(FILLER)} {rng.choice(FILLER)} on {service}")
                for _ in range(6)
            ),
            root_cause=RootCause(statements=(Item(text=f"The {component} {failure} because {cause}."),)),
            contributing_factors=(Factor(category=category, text=factor.format(c=component)),),
            action_items=tuple(
                ActionItem(
                    text=f"Fix {rng.choice(COMPONENTS)} {rng.choice(FILLER)} for {service}",
                    owner=rng.choice(OWNERS),
                    due=began.date() + dt.timedelta(days=rng.randint(7, 60)),
                )
                for _ in range(rng.randint(3, 5))
            ),
            tags=(service, component),
        )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(calls: Sequence[T], run: Callable[[T], object], *, repeat: int = 3) -> list[float]:
    """Milliseconds per call, the best of `repeat` runs (as timeit does): other work on the machine only
    ever adds time, so the minimum is the closest to the cost of the call itself."""
    times = []
    for call in calls:
        best = float("inf")
        for _ in range(repeat):
            began = time.perf_counter()
            run(call)
            best = min(best, time.perf_counter() - began)
        times.append(best * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000, help="post-mortems to load [100000]")
    parser.add_argument("--db", help="a postgresql:// URL or SQLite file [a new file in a temporary folder]")
    parser.add_argument("--single", type=int, default=2000, help="saves timed one per transaction [2000]")
    parser.add_argument("--queries", type=int, default=500, help="full-text queries to time [500]")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--queries-only", action="store_true", help="time the queries on --db as loaded by a --keep run"
    )
    parser.add_argument(
        "--as-author",
        action="store_true",
        help="with --queries-only: restrict every 100th post-mortem to someone else (changes --db), then "
        "time the queries as an author, through the viewer condition of restricted post-mortems",
    )
    args = parser.parse_args()

    if args.queries_only:
        store = open_store(args.db)
        time_queries(args, args.db, as_author(store) if args.as_author else store, rates=(0.0, 0.0))
        return
    folder = Path(tempfile.mkdtemp(prefix="afterboard-bench-"))
    url = args.db or str(folder / "archive.db")
    schema = None
    if url.startswith("postgres"):
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        _pg(url, f"CREATE SCHEMA {schema}")
        url = f"{url}?options=-csearch_path%3D{schema}"
    try:
        migrate_store(url)
        store = open_store(url)
        documents = generate(args.n)
        single = min(args.single, args.n)
        began = time.perf_counter()
        for pm in islice(documents, single):
            store.save(pm, actor="bench")
        single_s = time.perf_counter() - began
        print(f"  {single:,} single saves, {single / single_s:,.0f}/s", file=sys.stderr, flush=True)
        began = time.perf_counter()
        done = 0
        while chunk := list(islice(documents, 10_000)):
            store.save_many(chunk, actor="bench", batch=1000)
            done += len(chunk)
            rate = done / (time.perf_counter() - began)
            print(f"  {single + done:>7,} saved, import {rate:,.0f}/s", file=sys.stderr, flush=True)
        bulk_s = time.perf_counter() - began
        if schema:
            _pg(url, "ANALYZE")
        time_queries(args, url, store, rates=(single / single_s, done / bulk_s if done else 0.0))
    finally:
        if schema and not args.keep:
            _pg(url.split("?")[0], f"DROP SCHEMA {schema} CASCADE")
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def as_author(store: Store) -> Store:
    """The archive as an author sees it, once every 100th post-mortem is restricted to someone else."""
    import sqlalchemy as sa

    from afterboard.store import schema as t

    p = t.postmortems
    with store.engine.begin() as conn:
        ids = list(conn.execute(sa.select(p.c.id).where(p.c.id % 100 == 0)).scalars())
    for pm_id in ids:
        store.set_access(pm_id, "restricted", ["security@example.com"])
    return store.as_viewer(Viewer(name="ann@example.com", role=Role.AUTHOR))


def time_queries(args: argparse.Namespace, url: str, store: Store, *, rates: tuple[float, float]) -> None:
    rng = random.Random(11)
    vocabulary = SERVICES + COMPONENTS + [w for f in FAILURES for w in f.split()] + FILLER
    queries = [" ".join(rng.sample(vocabulary, rng.choice([1, 1, 2, 2, 3]))) for _ in range(args.queries)]
    timed(queries[:20], store.search)  # warm the caches
    search_ms = timed(queries, store.search)
    filtered_ms = timed(
        queries[:100], lambda q: store.search(q, Filters(severity="SEV1", kind=Kind.INCIDENT))
    )
    drafts = list(generate(100, seed=99))
    similar_ms = timed(drafts, store.similar)
    hits = [len(store.search(q)) for q in queries[:50]]
    store.close()
    report(
        args,
        url,
        rates=rates,
        search_ms=search_ms,
        filtered_ms=filtered_ms,
        similar_ms=similar_ms,
        hits=hits,
    )


def report(
    args: argparse.Namespace,
    url: str,
    *,
    rates: tuple[float, float],
    search_ms: list[float],
    filtered_ms: list[float],
    similar_ms: list[float],
    hits: list[int],
) -> None:
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    print(
        f"\n{engine}, {args.n:,} post-mortems, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}"
        + (", as an author (1% restricted)" if args.as_author else ", as the admin")
    )
    print(f"| measure | {engine} |\n| --- | --- |")
    if rates[0]:  # not measured by --queries-only
        print(f"| insert rate, one save per transaction | {rates[0]:,.0f} post-mortems/s |")
        print(f"| insert rate, import 1,000 per transaction | {rates[1]:,.0f} post-mortems/s |")
    for name, values in (
        ("full-text search", search_ms),
        ("search + filters (kind, severity)", filtered_ms),
        ('"similar" for a new draft', similar_ms),
    ):
        print(
            f"| {name}: median / p99 | {statistics.median(values):.1f} ms / "
            f"{percentile(values, 0.99):.1f} ms |"
        )
    print(f"| hits per query (first 50, limit 20) | median {statistics.median(hits):.0f} |")


def _pg(url: str, statement: str) -> None:
    import sqlalchemy as sa

    from afterboard.store.url import resolve_url

    engine = sa.create_engine(resolve_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(statement)
    engine.dispose()


if __name__ == "__main__":
    main()
