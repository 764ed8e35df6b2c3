"""Benchmark 7: the daily fan-out of 10,000 nudges through a rate-limited Slack Web API.

10,000 Slack channels (``C<ww><nnn>``) spread over 50 workspaces (``T<ww>``, 200 channels each),
all with the nudge at 09:00 UTC, are nudged through ``tests.fakes.budget_slack.BudgetSlack``: a
loopback Slack-compatible Web API that accepts at most one message per second per channel and
``BUDGET`` messages per minute per workspace (a token bucket holding one second's worth,
refilled continuously), and answers ``429`` with ``Retry-After`` beyond that. The fake runs in
this process; ballback runs in worker processes (``python -m bench.fanout --worker ...``), so
the fake's HTTP handling does not share ballback's event loop.

Each worker is built as ``ballback run`` builds it (``bot.cli``): ``open_store``, ``Practice``
on the catalog, the real ``SlackChat`` on an ``AsyncWebClient(token, base_url=fake,
session=one shared aiohttp.ClientSession)`` with slack_sdk's ``AsyncRateLimitErrorRetryHandler``
appended as ``make_client`` does, ``pace_seconds=1.0`` and ``posts_per_minute`` from ballback's
setting ``BALLBACK_SLACK_POSTS_PER_MINUTE`` (set to ``BUDGET`` in the worker's environment), a
``Courier`` with an owner of its own and ``Scheduler.run`` (the first tick at once, then every
30 s, the courier's loop alongside it) on a live clock that starts at 09:00:00. The channels and
their cursors (09:00) are stored before the workers start (``bench.tick.add_channels``, not
timed); each worker then signals it is ready and all are told to go at the same moment.

Measured, on the fake's records (``time.monotonic``, one clock for every process on Linux):
from the start of the first worker's first tick until the last nudge accepted; duplicates
(``BudgetSlack.duplicates``: the same channel and text accepted twice), misses (channels
without an accepted post after ``TIMEOUT_S``), 429 answers (``BudgetSlack.rejected``). Then, to
explain the time: when each worker's tick ended (the tick decides the nudges into the outbox
batch by batch and wakes the courier after each batch), when the first post and the last
workspace's first post were accepted, the median and slowest workspace's span from its first to
its last post (pacing alone makes that ``199 x 60 / BUDGET`` s), the time spent inside write
transactions (each worker wraps ``Store.transaction``): the tick's in total, the courier's per
sent notice, the longest stall of each worker's event loop (``bench.tick.LoopWatch``), and from
the outbox afterwards: notices sent per instance, not sent, and sent after more than one
attempt.

Floor, from the same limits: ``budget_slack.floor_seconds`` for 200 messages per workspace and
one per channel at ``BUDGET``/min with the default burst (the least time in which the fake can
accept them all). The ratio is elapsed / floor.

Two variants: A, one instance on SQLite (a temporary file); B, two instances sharing one
PostgreSQL database (a scratch schema, dropped afterwards; the server of
``BALLBACK_BENCH_POSTGRES_URL``, else ``BALLBACK_TEST_POSTGRES_URL``, else
``postgresql+asyncpg://postgres@127.0.0.1:5432/test``; skipped with a note when unreachable).
Lanes are per workspace, so the two share the 50 lanes (one owner per lane at a time) without
exceeding any workspace's budget.

Targets: duplicates 0, misses 0, ratio <= 1.2 (PASS/MISS printed, never asserted). A worker
that fails is a bug, not a timing: ``CoreBug`` is raised.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from sqlalchemy import func, select

from bench.reflections import CoreBug
from bench.stats import table, verdict
from bench.tick import (
    CHANNELS,
    PER_WORKSPACE,
    WORKSPACES,
    LoopWatch,
    add_channels,
    at_nine,
    places,
    postgres_server,
)
from storage import open_store, sqlite_url
from storage.tables import outbox
from storage.testing import scratch_postgres_schema
from tests.fakes.budget_slack import BudgetSlack, floor_seconds

BUDGET: Final = 600.0  # messages per minute per workspace, the fake's and ballback's setting
DAY: Final = date(2026, 12, 1)  # a Tuesday
TIMEOUT_S: Final = 180.0  # after the go: whatever is not accepted by then is a miss
SETTLE_S: Final = 2.0  # after the last nudge: time for a late duplicate to show
READY_TIMEOUT_S: Final = 60.0
TARGET_RATIO: Final = 1.2
TOKEN: Final = "xoxb-bench-fanout"


# ---------------------------------------------------------------------------------- worker


async def worker(url: str, api: str, at: datetime, owner: str) -> dict[str, Any]:
    """One ballback instance: build it, say ``ready``, wait for ``go``, run until ``stop``."""
    import aiohttp
    from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
    from slack_sdk.web.async_client import AsyncWebClient

    from adapters.slack.chat import SlackChat
    from bot.clock import OffsetClock
    from bot.delivery import Courier
    from bot.practice import ChannelDefaults, Practice
    from bot.scheduler import Scheduler
    from bot.settings import Settings
    from content import load_catalog

    settings = Settings()  # BALLBACK_SLACK_POSTS_PER_MINUTE comes from the environment
    store = await open_store(url)
    clock = OffsetClock()
    clock.set(at)
    practice = Practice(store, load_catalog(), clock, ChannelDefaults(timezone="UTC"))
    session = aiohttp.ClientSession()
    client = AsyncWebClient(token=TOKEN, base_url=api, session=session)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=3))
    chat = SlackChat(client, pace_seconds=1.0, posts_per_minute=settings.slack_posts_per_minute)
    chats = {"slack": chat}
    courier = Courier(store, chats, clock, owner=owner)
    scheduler = Scheduler(store, practice, chats, clock, courier=courier)

    figures: dict[str, Any] = {
        "owner": owner,
        "ticks": [],  # (start, end) monotonic, settled work
        "tick_tx_s": 0.0,  # time inside write transactions of the tick
        "courier_tx_s": 0.0,  # ... of the courier
        "courier_tx": 0,
        "stall_s": 0.0,  # the longest the event loop was held
    }
    ticking: list[asyncio.Task[Any] | None] = [None]
    write = store.transaction

    @contextlib.asynccontextmanager
    async def timed_write() -> AsyncIterator[Any]:
        in_tick = asyncio.current_task() is ticking[0]
        began = time.perf_counter()
        try:
            async with write() as tx:
                yield tx
        finally:
            spent = time.perf_counter() - began
            if in_tick:
                figures["tick_tx_s"] += spent
            else:
                figures["courier_tx_s"] += spent
                figures["courier_tx"] += 1

    store.transaction = timed_write  # type: ignore[method-assign]
    tick = scheduler.tick

    async def timed_tick(now: datetime | None = None, *, deliver: bool = True) -> Any:
        ticking[0] = asyncio.current_task()
        began = time.monotonic()
        try:
            report = await tick(now, deliver=deliver)
        finally:
            ticking[0] = None
        figures["ticks"].append((began, time.monotonic(), len(report.done)))
        return report

    scheduler.tick = timed_tick  # type: ignore[method-assign]

    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    print("ready", flush=True)
    if (await reader.readline()).strip() != b"go":
        raise SystemExit("expected 'go'")
    clock.set(at)
    stop = asyncio.Event()
    async with LoopWatch() as watch:
        running = asyncio.ensure_future(scheduler.run(stop))
        await reader.readline()  # "stop", or the parent went away
        stop.set()
        await running
    figures["stall_s"] = watch.longest
    await session.close()
    await store.close()
    return figures


def worker_main(argv: Sequence[str]) -> int:
    """``python -m bench.fanout --worker --url ... --api ... --at ... --owner ...``."""
    parser = argparse.ArgumentParser(prog="bench.fanout --worker")
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--url", required=True)
    parser.add_argument("--api", required=True)
    parser.add_argument("--at", required=True)
    parser.add_argument("--owner", required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(name)s: %(message)s")
    figures = asyncio.run(worker(args.url, args.api, datetime.fromisoformat(args.at), args.owner))
    print(json.dumps(figures), flush=True)
    return 0


# ---------------------------------------------------------------------------------- parent


@dataclass
class Variant:
    """One variant's figures."""

    name: str
    instances: int
    floor_s: float
    elapsed_s: float = float("nan")
    duplicates: int = 0
    misses: int = 0
    rejected: int = 0
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    tick_end_s: list[float] = field(default_factory=list)  # per worker, since the start
    first_post_s: float = float("nan")
    slowest_workspace_s: float = float("nan")  # first to last post in one workspace
    median_workspace_s: float = float("nan")
    last_lane_s: float = float("nan")  # the last workspace's first post
    tick_tx_s: list[float] = field(default_factory=list)  # per worker
    courier_tx_ms: list[float] = field(default_factory=list)  # per worker, per sent notice
    stall_s: list[float] = field(default_factory=list)  # per worker
    posts_by_worker: list[int] = field(default_factory=list)
    outbox: dict[str, int] = field(default_factory=dict)  # status -> notices
    retried: int = 0  # notices sent after more than one attempt
    warnings: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.elapsed_s / self.floor_s if self.floor_s > 0 else float("inf")


class Worker:
    """A started worker process and what it wrote."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.stderr: list[str] = []
        self._drain = asyncio.ensure_future(self._read_stderr())

    @classmethod
    async def start(cls, url: str, api: str, owner: str) -> Worker:
        env = {**os.environ, "BALLBACK_SLACK_POSTS_PER_MINUTE": f"{BUDGET:g}"}
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.fanout",
            "--worker",
            "--url",
            url,
            "--api",
            api,
            "--at",
            at_nine(DAY).isoformat(),
            "--owner",
            owner,
            env=env,
            cwd=Path(__file__).resolve().parent.parent,  # the project: bench, tests importable
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        return cls(process)

    async def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        async for line in self.process.stderr:
            self.stderr.append(line.decode(errors="replace").rstrip())

    async def ready(self) -> None:
        assert self.process.stdout is not None
        line = await asyncio.wait_for(self.process.stdout.readline(), READY_TIMEOUT_S)
        if line.strip() != b"ready":
            await self.process.wait()
            await self._drain
            raise CoreBug("a worker did not start:\n" + "\n".join(self.stderr[-20:]))

    def say(self, word: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(word.encode() + b"\n")

    async def finish(self) -> dict[str, Any]:
        """Tell it to stop; its figures (``CoreBug`` if it failed)."""
        self.say("stop")
        assert self.process.stdout is not None and self.process.stdin is not None
        self.process.stdin.close()
        out = await asyncio.wait_for(self.process.stdout.read(), 60.0)
        await self.process.wait()
        await self._drain
        if self.process.returncode != 0:
            raise CoreBug(
                f"a worker exited with {self.process.returncode}:\n" + "\n".join(self.stderr[-20:])
            )
        return json.loads(out.decode().strip().splitlines()[-1])

    def kill(self) -> None:
        if self.process.returncode is None:
            self.process.kill()


async def prepare(url: str) -> None:
    """Migrate the database and store the channels with their cursors at 09:00."""
    store = await open_store(url)
    try:
        await add_channels(store, places("slack", "T"), at_nine(DAY))
    finally:
        await store.close()


async def outbox_figures(url: str) -> tuple[dict[str, int], int, dict[str, int]]:
    """Notices per status, how many were sent after more than one attempt, and sent notices
    per owner (the instance that delivered them)."""
    store = await open_store(url)
    try:
        async with store.read() as tx:
            rows = await tx.conn.execute(
                select(outbox.c.status, func.count()).group_by(outbox.c.status)
            )
            statuses = {str(row[0]): int(row[1]) for row in rows}
            retried = await tx.conn.scalar(
                select(func.count()).where(outbox.c.status == "sent", outbox.c.attempts > 1)
            )
            rows = await tx.conn.execute(
                select(outbox.c.owner, func.count())
                .where(outbox.c.status == "sent")
                .group_by(outbox.c.owner)
            )
            by_owner = {str(row[0]): int(row[1]) for row in rows}
    finally:
        await store.close()
    return statuses, int(retried or 0), by_owner


def fan_out_floor() -> float:
    """``floor_seconds`` for the run's messages under the fake's limits (default burst)."""
    workspaces = {f"T{w:02d}": PER_WORKSPACE for w in range(WORKSPACES)}
    per_channel = {(p.workspace, p.channel): 1 for p in places("slack", "T")}
    return floor_seconds(workspaces, per_channel, BUDGET)


async def bench_variant(name: str, url: str, instances: int) -> Variant:
    """Prepare the database, run ``instances`` workers against a fresh fake, measure."""
    variant = Variant(name, instances, fan_out_floor())
    await prepare(url)
    channel_workspaces = {p.channel: p.workspace for p in places("slack", "T")}
    async with BudgetSlack(per_minute=BUDGET, channel_workspaces=channel_workspaces) as fake:
        workers = [
            await Worker.start(url, fake.base_url, f"bench-{chr(ord('A') + n)}")
            for n in range(instances)
        ]
        try:
            for one in workers:
                await one.ready()
            for one in workers:
                one.say("go")
            went = time.monotonic()
            with contextlib.suppress(AssertionError):  # a timeout: the rest are misses
                await fake.wait_for_posts(CHANNELS, timeout=TIMEOUT_S)
            await asyncio.sleep(SETTLE_S)
            figures = [await one.finish() for one in workers]
        finally:
            for one in workers:
                one.kill()
        posts = list(fake.posts)
        variant.duplicates = fake.duplicates()
        variant.rejected = fake.rejected
        variant.rejected_by_reason = dict(fake.rejected_by_reason)
    for one in workers:
        variant.warnings += [line for line in one.stderr if line.strip()]
    starts = [f["ticks"][0][0] for f in figures if f["ticks"]]
    start = min(starts) if starts else went
    delivered = {p.channel for p in posts}
    variant.misses = CHANNELS - len(delivered & {p.channel for p in places("slack", "T")})
    if posts:
        variant.elapsed_s = max(p.accepted_at for p in posts) - start
        variant.first_post_s = min(p.accepted_at for p in posts) - start
        spans: dict[str, list[float]] = defaultdict(list)
        for post in posts:
            spans[post.workspace].append(post.accepted_at)
        widths = sorted(max(times) - min(times) for times in spans.values())
        variant.last_lane_s = max(min(times) for times in spans.values()) - start
        variant.slowest_workspace_s = widths[-1]
        variant.median_workspace_s = widths[len(widths) // 2]
    variant.tick_end_s = [f["ticks"][0][1] - start for f in figures if f["ticks"]]
    variant.outbox, variant.retried, sent_by = await outbox_figures(url)
    variant.posts_by_worker = [sent_by.get(f["owner"], 0) for f in figures]
    variant.courier_tx_ms = [
        f["courier_tx_s"] * 1000 / max(1, sent_by.get(f["owner"], 0)) for f in figures
    ]
    variant.tick_tx_s = [f["tick_tx_s"] for f in figures]
    variant.stall_s = [f["stall_s"] for f in figures]
    return variant


def report(variants: Sequence[Variant], skipped: str) -> str:
    """The benchmark's table: one column per variant."""

    def row(label: str, cells: Sequence[str]) -> tuple[str, Sequence[str]]:
        return label, cells

    def seconds(value: float) -> str:
        return f"{value:.1f}"

    def each(values: Sequence[float], digits: int = 1) -> str:
        return "/".join(f"{v:.{digits}f}" for v in values)

    rows = [
        row("floor s", [seconds(v.floor_s) for v in variants]),
        row("last nudge s", [seconds(v.elapsed_s) for v in variants]),
        row("ratio to floor", [f"{v.ratio:.2f}x" for v in variants]),
        row("duplicates", [str(v.duplicates) for v in variants]),
        row("misses", [str(v.misses) for v in variants]),
        row("429 answers", [str(v.rejected) for v in variants]),
        row("  tick ended s", [each(v.tick_end_s) for v in variants]),
        row("  first post s", [seconds(v.first_post_s) for v in variants]),
        row("  last lane's 1st post s", [seconds(v.last_lane_s) for v in variants]),
        row("  workspace span s", [seconds(v.median_workspace_s) for v in variants]),
        row("  slowest span s", [seconds(v.slowest_workspace_s) for v in variants]),
        row("  tick: in write tx s", [each(v.tick_tx_s) for v in variants]),
        row("  courier: tx ms/notice", [each(v.courier_tx_ms, 2) for v in variants]),
        row("  longest loop stall s", [each(v.stall_s) for v in variants]),
        row("  sent per instance", ["/".join(map(str, v.posts_by_worker)) for v in variants]),
        row("  retried notices", [str(v.retried) for v in variants]),
    ]
    notes = [
        f"{CHANNELS:,} nudges, {WORKSPACES} workspaces x {PER_WORKSPACE} channels, all due at "
        f"09:00; budget {BUDGET:g}/min per workspace (burst {BUDGET / 60:g}), 1/s per channel",
        "seconds from the first tick's start; span: first to last post of a workspace "
        f"(pacing alone: {(PER_WORKSPACE - 1) * 60 / BUDGET:.1f} s); a/b: per instance; "
        "courier tx ms/notice: time inside the courier's write transactions per sent notice; "
        "loop stall: the longest the worker's event loop ran without giving other tasks a turn",
    ]
    for v in variants:
        not_sent = {s: n for s, n in v.outbox.items() if s != "sent"}
        if not_sent:
            notes.append(f"{v.name}: outbox not sent: {not_sent}")
        if v.rejected_by_reason:
            notes.append(f"{v.name}: 429 by reason: {v.rejected_by_reason}")
        if v.warnings:
            notes.append(f"{v.name}: {len(v.warnings)} log lines, first: {v.warnings[0][:160]}")
        met = v.duplicates == 0 and v.misses == 0 and v.ratio <= TARGET_RATIO
        notes.append(
            f"target: 0 duplicates, 0 misses, ratio <= {TARGET_RATIO} ({v.name}): "
            f"{verdict(met)} ({v.duplicates} duplicates, {v.misses} misses, {v.ratio:.2f}x)"
        )
    if skipped:
        notes.append(skipped)
    return table(
        "daily fan-out through a rate-limited loopback Slack (real SlackChat, Scheduler.run)",
        [v.name for v in variants],
        rows,
        notes,
    )


async def run() -> None:
    """Variant A (one instance, SQLite), then B (two instances, PostgreSQL); print the table."""
    variants: list[Variant] = []
    with tempfile.TemporaryDirectory(prefix="ballback-bench-") as tmp:
        url = sqlite_url(Path(tmp) / "fanout.db")
        variants.append(await bench_variant("1 SQLite", url, 1))
    server, skipped = await postgres_server()
    if server is not None:
        async with scratch_postgres_schema(server) as url:
            variants.append(await bench_variant("2 PostgreSQL", url, 2))
    print(report(variants, skipped))


if __name__ == "__main__":
    if "--worker" in sys.argv[1:]:
        sys.exit(worker_main(sys.argv[1:]))
    asyncio.run(run())
