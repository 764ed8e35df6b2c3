"""Shared helpers of the ballback benchmarks: percentiles, latency summaries, tables, verdicts.

Measures nothing itself. The targets live with the benchmarks that use these helpers:
``bench.reflections`` (reflection submit: p99 under 100 ms and within 3x of a bare aiosqlite
floor) and ``bench.startup`` (``ballback --help`` under 0.3 s). Verdicts are words (PASS/MISS)
for the printout; no benchmark asserts a time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

LABEL_WIDTH = 22  # first column of every table
COLUMN_WIDTH = 14  # each figure column, right-aligned


def percentile(values: Sequence[float], pct: float) -> float:
    """The ``pct``-th percentile (0-100) of ``values``, interpolated between closest ranks.

    The same definition as ``numpy.percentile``'s default ("linear"): p50 of an even count is
    the mean of the middle two, p100 is the maximum.
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= pct <= 100:
        raise ValueError(f"percentile must be within 0..100, not {pct}")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True, slots=True)
class Latencies:
    """A batch benchmark's figures: per-call latency percentiles and throughput."""

    p50_ms: float
    p99_ms: float
    throughput: float  # calls per second over the wall time of the batches
    calls: int

    @classmethod
    def of(cls, latencies_s: Sequence[float], wall_s: float) -> Latencies:
        """Summarise per-call latencies (seconds) and the batches' total wall time (seconds)."""
        return cls(
            p50_ms=percentile(latencies_s, 50) * 1000,
            p99_ms=percentile(latencies_s, 99) * 1000,
            throughput=len(latencies_s) / wall_s if wall_s > 0 else math.inf,
            calls=len(latencies_s),
        )


def ratio(value: float, base: float) -> float:
    """``value / base``; infinite when the base is zero (nothing to compare against)."""
    return value / base if base > 0 else math.inf


def verdict(ok: bool) -> str:
    """The word printed next to a target."""
    return "PASS" if ok else "MISS"


def ms(value: float) -> str:
    """Milliseconds, one decimal."""
    return f"{value:.1f}"


def times(value: float) -> str:
    """A ratio, e.g. ``3.25x``."""
    return f"{value:.2f}x"


def per_second(value: float) -> str:
    """A throughput, whole calls per second."""
    return f"{value:.0f}"


def table(
    title: str,
    columns: Sequence[str],
    rows: Sequence[tuple[str, Sequence[str]]],
    notes: Sequence[str] = (),
) -> str:
    """A compact text table: a title, a header of ``columns``, labelled rows, then notes.

    Each row is ``(label, cells)`` with one already formatted cell per column; ``notes`` are
    indented free lines under the rows (targets, verdicts, explanations).
    """
    width = max([LABEL_WIDTH, *(len(label) + 3 for label, _ in rows)])
    lines = [title, " " * width + "".join(c.rjust(COLUMN_WIDTH) for c in columns)]
    for label, cells in rows:
        if len(cells) != len(columns):
            raise ValueError(f"row {label!r} has {len(cells)} cells for {len(columns)} columns")
        lines.append(f"  {label}".ljust(width) + "".join(c.rjust(COLUMN_WIDTH) for c in cells))
    lines.extend(f"  {note}" for note in notes)
    return "\n".join(lines)
