"""procrastinate's job manager, fenced like the snap row: a worker finishes or retries a job only while it
still holds the run it fetched.

procrastinate ends a job by its id alone. A worker presumed dead (no heartbeat) whose job the sweep retried
and another worker fetched would, on finishing late, delete the job that the other worker is running; if
that one then died too, nothing would be left to notice it. procrastinate counts a job's attempts and its
retry counts one more, so the attempt a worker fetched is the fence: the job is changed only while it is
'doing' at that attempt, in one statement that locks the row (the sweep's retry locks it too).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from procrastinate import utils
from procrastinate.manager import JobManager

if TYPE_CHECKING:
    from procrastinate import jobs

log = logging.getLogger("afterboard.worker")

_HELD = (
    "WITH held AS (SELECT id FROM procrastinate_jobs WHERE id = %(job_id)s AND status = 'doing'"
    " AND attempts = %(attempts)s FOR UPDATE) "
)
# procrastinate's own functions (schema 3.x, as pinned in pyproject.toml), called only on the held row
FINISH = _HELD + "SELECT procrastinate_finish_job_v1(id, %(status)s, %(delete_job)s) FROM held"
RETRY = (
    _HELD + "SELECT procrastinate_retry_job_v2(id, %(retry_at)s, %(new_priority)s, %(new_queue_name)s,"
    " %(new_lock)s) FROM held"
)


class HeldJobManager(JobManager):
    """Finishes or retries a job only while the run that was fetched still holds it; else leaves it."""

    async def finish_job(self, job: jobs.Job, status: jobs.Status, delete_job: bool) -> None:
        rows = await self.connector.execute_query_all_async(
            query=FINISH,
            job_id=job.id,
            attempts=job.attempts,
            status=status.value,
            delete_job=delete_job,
        )
        _report(job, rows, "finish")

    async def retry_job(
        self,
        job: jobs.Job,
        retry_at: dt.datetime | None = None,
        priority: int | None = None,
        queue: str | None = None,
        lock: str | None = None,
    ) -> None:
        rows = await self.connector.execute_query_all_async(
            query=RETRY,
            job_id=job.id,
            attempts=job.attempts,
            retry_at=retry_at or utils.utcnow(),
            new_priority=priority,
            new_queue_name=queue,
            new_lock=lock,
        )
        _report(job, rows, "retry")


def _report(job: jobs.Job, rows: list[dict[str, Any]], doing: str) -> None:
    if not rows:
        log.warning(
            "job %s (%s): not ours to %s any more (retried and taken by another worker, or settled); "
            "left as it is",
            job.id,
            job.call_string,
            doing,
        )
