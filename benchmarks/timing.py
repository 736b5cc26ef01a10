"""Timing shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """(median, max) wall time and median CPU time of the process: on a shared machine the CPU time says
    what the work costs, the wall time what a user waits. One run first, untimed, warms imports and caches."""
    run()
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), max(times), statistics.median(cpu)
