"""Benchmark 1: a daily reflection submitted through ``Practice`` on the SQLite default store.

Measures: 200 members of one channel submit a reflection concurrently (``asyncio.gather`` of
``Practice.reflect``), 5 rounds, each round a new day on a ``ManualClock``; per-call latency
(p50/p99, ``time.perf_counter``, each counted from the burst's start, so queueing is
included) over all calls and throughput over the gathered batches. The
core is built the way the composition root builds it (``open_store`` with its migrations,
``load_catalog``, ``Practice``) on a temporary SQLite file; each member first asks for today's
pick once (creates channel, member and pick; not timed). Then 200 calls one at a time show the
uncontended service time.

Floor, in the same run: one bare aiosqlite connection on another temporary file (WAL,
``synchronous=NORMAL``, a reflections table shaped like ballback's) where 200 concurrent tasks
each run ``BEGIN IMMEDIATE; INSERT; COMMIT`` of a row of the same size under one asyncio.Lock:
the least a durable reflection can cost on this machine. Ratios are ballback / floor.

Target: p99 under 100 ms and within 3x of the floor's p99 (printed with PASS/MISS, never
asserted). A refused or failed reflection is a core bug, not a timing: ``CoreBug`` is raised.

Optional: with ``BALLBACK_BENCH_POSTGRES_URL`` set (``postgresql+asyncpg://...``), the same
Practice rounds also run on PostgreSQL. Rows go to a fresh workspace ``bench-<hex>`` there and
stay; point it at a throwaway database.
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final

import aiosqlite

from bench.stats import Latencies, ms, per_second, percentile, ratio, table, times, verdict
from bot.clock import ManualClock
from bot.model import Actor, Place
from bot.practice import ChannelDefaults, Practice
from content import load_catalog
from storage import open_store

MEMBERS: Final = 200
ROUNDS: Final = 5
START: Final = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
ANSWERS: Final[dict[str, str]] = {
    "R1": "x" * 300,
    "R2": "y" * 300,
    "R3": "z" * 100,
    "R4": "w" * 200,
}
SKILL_ID: Final = "taking_photos"  # any skill id: the floor only needs a value of that size

TARGET_P99_MS: Final = 100.0
TARGET_RATIO: Final = 3.0
POSTGRES_ENV: Final = "BALLBACK_BENCH_POSTGRES_URL"

FLOOR_SCHEMA: Final = """
CREATE TABLE reflections (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    day DATE NOT NULL,
    created_at DATETIME NOT NULL,
    skill_id TEXT,
    shared BOOLEAN NOT NULL,
    answers JSON NOT NULL
);
CREATE INDEX ix_reflections_member_created ON reflections (member_id, created_at);
CREATE INDEX ix_reflections_channel ON reflections (channel_id);
"""
FLOOR_INSERT: Final = (
    "INSERT INTO reflections (member_id, channel_id, day, created_at, skill_id, shared, answers)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)

Submit = Callable[[int], Awaitable[None]]  # member index -> one reflection written


class CoreBug(Exception):
    """A reflection was refused or failed: a bug in the core (or its store), not a timing."""


@dataclass(frozen=True, slots=True)
class Measurement:
    """One contender's figures: the concurrent rounds and the one-at-a-time calls."""

    concurrent: Latencies
    serial_p50_ms: float


async def _timed(submit: Submit, member: int, start: float | None = None) -> float:
    # In a burst every request arrives at the burst's start: its latency includes the time it
    # waited for its turn, whichever side (ours or the floor's) does the queueing.
    began = time.perf_counter() if start is None else start
    await submit(member)
    return time.perf_counter() - began


def _latencies(outcomes: Sequence[float | BaseException]) -> list[float]:
    failures = [o for o in outcomes if isinstance(o, BaseException)]
    if failures:
        first = failures[0]
        raise CoreBug(
            f"{len(failures)} of {len(outcomes)} reflections failed; first: "
            f"{type(first).__name__}: {first}"
        ) from first
    return [o for o in outcomes if not isinstance(o, BaseException)]


async def _measure(submit: Submit, set_day: Callable[[int], None]) -> Measurement:
    """ROUNDS rounds of MEMBERS concurrent submits (day ``n`` for round ``n``), then serial."""
    latencies: list[float] = []
    wall = 0.0
    for day in range(ROUNDS):
        set_day(day)
        start = time.perf_counter()
        outcomes = await asyncio.gather(
            *(_timed(submit, member, start) for member in range(MEMBERS)), return_exceptions=True
        )
        wall += time.perf_counter() - start
        latencies.extend(_latencies(outcomes))
    set_day(ROUNDS)
    serial = [await _timed(submit, member) for member in range(MEMBERS)]
    return Measurement(Latencies.of(latencies, wall), percentile(serial, 50) * 1000)


async def bench_practice(url: str, workspace: str = "local") -> Measurement:
    """The Practice rounds on the store at ``url`` (migrated first, closed at the end)."""
    store = await open_store(url)
    try:
        clock = ManualClock(START)
        practice = Practice(
            store,
            load_catalog(),
            clock,
            ChannelDefaults(timezone="Europe/Amsterdam", language="en"),
        )
        place = Place("console", workspace, "bench")
        actors = [Actor("console", workspace, f"m{i}", f"Member {i}") for i in range(MEMBERS)]
        for actor in actors:  # warm-up: channel, members, today's pick; not timed
            await practice.daily.today(actor, place)

        async def submit(member: int) -> None:
            reply = await practice.reflections.reflect(actors[member], place, ANSWERS)
            if not reply.ok:
                raise CoreBug(f"reflect refused for {actors[member].user}: {dict(reply.errors)}")

        def set_day(day: int) -> None:
            clock.set(START + timedelta(days=day))

        return await _measure(submit, set_day)
    finally:
        await store.close()


async def bench_floor(path: Path) -> Measurement:
    """The same rounds as bare ``BEGIN IMMEDIATE; INSERT; COMMIT`` on one aiosqlite connection."""
    db = await aiosqlite.connect(path, isolation_level=None)
    try:
        await db.execute("PRAGMA journal_mode=WAL")
        await db.execute("PRAGMA synchronous=NORMAL")
        await db.executescript(FLOOR_SCHEMA)
        lock = asyncio.Lock()
        now = START

        async def submit(member: int) -> None:
            row = (
                member + 1,
                1,
                now.date().isoformat(),
                now.isoformat(),
                SKILL_ID,
                False,
                json.dumps(ANSWERS, ensure_ascii=False),
            )
            async with lock:
                await db.execute("BEGIN IMMEDIATE")
                try:
                    await db.execute(FLOOR_INSERT, row)
                except BaseException:
                    await db.execute("ROLLBACK")
                    raise
                await db.execute("COMMIT")

        def set_day(day: int) -> None:
            nonlocal now
            now = START + timedelta(days=day)

        set_day(-1)  # warm-up round on the day before, like the Practice warm-up; not timed
        await asyncio.gather(*(submit(member) for member in range(MEMBERS)))
        return await _measure(submit, set_day)
    finally:
        await db.close()


def report(ballback: Measurement, floor: Measurement, postgres: Measurement | None) -> str:
    """The benchmark's table: figures, ratios ballback/floor, the target and its verdict."""
    b, f = ballback.concurrent, floor.concurrent
    rows: list[tuple[str, Sequence[str]]] = [
        ("ballback", (ms(b.p50_ms), ms(b.p99_ms), per_second(b.throughput))),
        ("floor (aiosqlite)", (ms(f.p50_ms), ms(f.p99_ms), per_second(f.throughput))),
        (
            "ratio ballback/floor",
            (
                times(ratio(b.p50_ms, f.p50_ms)),
                times(ratio(b.p99_ms, f.p99_ms)),
                times(ratio(b.throughput, f.throughput)),
            ),
        ),
    ]
    if postgres is not None:
        p = postgres.concurrent
        rows.append(
            ("ballback (PostgreSQL)", (ms(p.p50_ms), ms(p.p99_ms), per_second(p.throughput)))
        )
    p99_ratio = ratio(b.p99_ms, f.p99_ms)
    met = b.p99_ms < TARGET_P99_MS and p99_ratio <= TARGET_RATIO
    serial = (
        f"one at a time (p50): ballback {ms(ballback.serial_p50_ms)} ms, "
        f"floor {ms(floor.serial_p50_ms)} ms "
        f"({times(ratio(ballback.serial_p50_ms, floor.serial_p50_ms))})"
    )
    if postgres is not None:
        serial += f", PostgreSQL {ms(postgres.serial_p50_ms)} ms"
    notes = [
        serial,
        f"target: p99 < {TARGET_P99_MS:.0f} ms and <= {TARGET_RATIO:.0f}x floor p99: "
        f"{verdict(met)} (p99 {ms(b.p99_ms)} ms, {times(p99_ratio)})",
    ]
    return table(
        f"reflection submit (Practice, SQLite default, {MEMBERS} concurrent members, "
        f"{ROUNDS} rounds)",
        ("p50 ms", "p99 ms", "throughput/s"),
        rows,
        notes,
    )


async def run() -> None:
    """Run the benchmark (floor, ballback on SQLite, optionally PostgreSQL) and print its table."""
    with tempfile.TemporaryDirectory(prefix="ballback-bench-") as tmp:
        floor = await bench_floor(Path(tmp) / "floor.db")
        ballback = await bench_practice(f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}")
    postgres_url = os.environ.get(POSTGRES_ENV)
    postgres = None
    if postgres_url:
        postgres = await bench_practice(postgres_url, workspace=f"bench-{uuid.uuid4().hex[:12]}")
    print(report(ballback, floor, postgres))


if __name__ == "__main__":
    asyncio.run(run())
