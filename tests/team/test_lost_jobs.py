"""Jobs lost between workers, on the real PostgreSQL: a worker presumed dead that finishes late leaves the job
another worker now runs, and a snap left running with no job to finish it is settled and read again."""

from __future__ import annotations

import asyncio
import signal
from collections import Counter

import sqlalchemy as sa
from procrastinate.jobs import Status

from afterboard.settings import load_settings
from afterboard.store.records import SnapStatus
from afterboard.web.team_queue import QUEUE, build_app
from team.conftest import Team, wait_for
from team.test_workers import completions, upload, web_side


def _jobs(team: Team, snap_id: int) -> list[tuple[str, int | None]]:
    """The status and worker of each procrastinate job of the snap."""
    with web_side(team) as (store, _queue), store.engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT status::text, worker_id FROM procrastinate_jobs"
                " WHERE (args->>'snap_id')::int = :snap ORDER BY id"
            ),
            {"snap": snap_id},
        )
        return [(str(status), worker) for status, worker in rows.all()]


def test_a_worker_presumed_dead_that_finishes_late_leaves_the_job_the_other_worker_runs(team: Team) -> None:
    with web_side(team) as (store, queue):
        snap_id = upload(store, queue, "board.png")

    async def late_finish() -> None:
        app = build_app(load_settings(env=team.env), sync=False)  # as `afterboard worker` builds it
        async with app.open_async():
            manager = app.job_manager
            first, second = await manager.register_worker(), await manager.register_worker()
            held_by_first = await manager.fetch_job(queues=[QUEUE], worker_id=first)
            assert held_by_first is not None
            await manager.retry_job(held_by_first)  # the sweep: the first stopped sending heartbeats
            held_by_second = await manager.fetch_job(queues=[QUEUE], worker_id=second)
            assert held_by_second is not None and held_by_second.id == held_by_first.id

            # the first was only slow: it finishes, and procrastinate would delete the job
            await manager.finish_job(held_by_first, Status.SUCCEEDED, delete_job=True)
            assert _jobs(team, snap_id) == [("doing", second)]  # still the second's to finish
            await manager.retry_job(held_by_first)  # nor can it send the job back to the queue
            assert _jobs(team, snap_id) == [("doing", second)]

            await manager.finish_job(held_by_second, Status.SUCCEEDED, delete_job=True)
            assert _jobs(team, snap_id) == []

    asyncio.run(late_finish())


def test_a_snap_left_running_without_a_job_is_settled_and_read_again_by_the_sweep(team: Team) -> None:
    with web_side(team) as (store, queue):
        snap_id = upload(store, queue, "board.png")
        claimed = store.claim_snap(snap_id)  # a worker took it, and then its job row went away
        assert claimed is not None and claimed.status is SnapStatus.RUNNING
        with store.engine.begin() as conn:
            conn.execute(
                sa.text("DELETE FROM procrastinate_jobs WHERE (args->>'snap_id')::int = :snap"),
                {"snap": snap_id},
            )

        worker = team.start_worker()
        wait_for(
            lambda: store.snap(snap_id).status is SnapStatus.DONE,
            what="the sweep to settle the running snap and queue it again",
            timeout=40,
        )
        assert f"snap {snap_id}: running without a job to finish it; now queued" in worker.text()
        assert store.snap(snap_id).attempts == 2
        assert completions(team) == Counter({snap_id: 1})


def test_a_paused_worker_that_wakes_after_its_job_was_taken_leaves_it_and_reads_it_when_the_taker_dies(
    team: Team,
) -> None:
    team.env["FAKE_SLOW_SECONDS"] = "8"  # the first worker's read outlasts the second one's start
    with web_side(team) as (store, queue):
        holder = team.start_worker()
        slow = upload(store, queue, "slow-board.png")
        wait_for(lambda: f"snap {slow}: reading" in holder.text(), what="the slow photo to be taken")
        team.env["FAKE_SLOW_SECONDS"] = "30"  # the second worker's read outlasts the steps below
        taker = team.start_worker()
        assert store.snap(slow).status is SnapStatus.RUNNING  # the first is still reading it
        holder.process.send_signal(signal.SIGSTOP)  # no heartbeats: presumed dead, yet still alive

        wait_for(
            lambda: f"snap {slow}: reading slow-board.png (attempt 2)" in taker.text(), what="a takeover"
        )
        holder.process.send_signal(signal.SIGCONT)
        wait_for(lambda: "not ours to finish any more" in holder.text(), what="the late finish to be refused")
        assert "no longer held by attempt 1" in holder.text()
        assert [status for status, _worker in _jobs(team, slow)] == ["doing"]  # the taker's, untouched

        taker.process.send_signal(signal.SIGKILL)  # and now the taker dies holding it
        taker.process.wait(timeout=10)
        wait_for(lambda: store.snap(slow).status is SnapStatus.DONE, what="the photo to be read a third time")
        assert store.snap(slow).attempts == 3
        assert f"snap {slow}: done (attempt 3)" in holder.text()
        assert "its worker stopped answering" in holder.text()
        assert completions(team) == Counter({slow: 1})
