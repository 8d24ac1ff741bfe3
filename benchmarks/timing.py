"""Timing helpers shared by the benchmarks: medians, percentiles, progress, units."""

from __future__ import annotations

import math
import statistics
import sys
import time
from collections.abc import Callable, Sequence

REPEATS = 7
_STARTED = time.perf_counter()


def log(message: str) -> None:
    """Print progress to stderr with the seconds since the run started."""
    print(f"[{time.perf_counter() - _STARTED:7.1f}s] {message}", file=sys.stderr, flush=True)


def elapsed() -> float:
    """Seconds since the run started."""
    return time.perf_counter() - _STARTED


def median_seconds(work: Callable[[], object], repeats: int = REPEATS) -> float:
    """Median wall time of ``work`` over ``repeats`` runs (after one warm-up run)."""
    work()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def timed(work: Callable[[], object]) -> tuple[float, object]:
    """Wall time of one run of ``work``, and what it returned."""
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` 0.99 is p99)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def duration(seconds: float) -> str:
    """A duration in a readable unit: µs, ms, s or min."""
    if seconds < 1e-5:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 0.1:
        return f"{seconds * 1e3:.2f} ms"
    if seconds < 1:
        return f"{seconds * 1e3:.0f} ms"
    if seconds < 120:
        return f"{seconds:.1f} s"
    return f"{seconds / 60:.1f} min"


def ratio(value: float) -> str:
    """A ratio with sensible precision ("1.3x", "87x", "12,400x")."""
    if value < 10:
        return f"{value:.2f}x"
    if value < 1000:
        return f"{value:.0f}x"
    return f"{value:,.0f}x"
