"""Scheduled work: plan it into the ledger, claim what is due, do it, let the courier deliver.

``tick(now)`` is the whole job, safe to run from any number of instances at once:

1. **Anything due?** One read-only snapshot asks the ledger whether a channel's cursor has
   passed or claimable work exists (two index lookups). When nothing is due a tick ends here:
   no per-channel work, no write transaction.
2. **Plan.** For each channel whose cursor passed, the work between the cursor and ``now`` is
   added to the ledger (``bot.rules.schedule.due_between``: one row per channel, local date and
   kind, whoever adds it first) and the cursor moves to the channel's next due instant.
   Work that fell due while no instance ran is planned all the same, so catch-up sees it.
3. **Claim and do.** Due rows are claimed under a lease (also those whose lease ran out: their
   process died) and done by the use case of their kind, each in one transaction that writes
   the messages to the outbox and settles the row: on time, late (with a word saying so), or
   missed (recorded, never posted; see ``schedule.timeliness``). A claim that was lost to
   another instance rolls the whole transaction back.
4. **Deliver.** The courier drains the outbox (``Courier.drain``), unless the caller runs the
   courier on its own (``ballback run`` does).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.delivery import Courier, DrainReport
from bot.model import Channel, Job, Place
from bot.ports import Chat, Planned, Store
from bot.practice import Practice
from bot.rounds import Rounds
from bot.rules.schedule import (
    NUDGE,
    OUTCOME,
    REMINDER,
    ROUND,
    Due,
    due_between,
    next_due,
)
from bot.usecases.nudges import Nudges
from bot.usecases.reminders import Reminders
from bot.usecases.work import on_time_for

log = logging.getLogger("ballback.scheduler")

WORK_LEASE = timedelta(minutes=2)  # a claimed piece of work is this instance's for so long
PLAN_BATCH = 500  # channels planned per transaction
JOBS_AT_ONCE = 8  # channels whose rounds, outcomes and reminders are done side by side
CLAIM_BATCH = 500  # pieces of work claimed per transaction
# Nudges done in one transaction: the first batches small, so the courier starts sending
# early, then up to ``NUDGES_PER_TX`` (fewer, larger transactions cost less per nudge), or
# ``NUDGES_PER_TX_ON_LOOP`` where a transaction holds up the whole process (SQLite): measured
# with ``python -m bench.fanout``, larger ones there bunch the courier's sends into bursts.
FIRST_NUDGES_PER_TX = 25
NUDGES_PER_TX = 250
NUDGES_PER_TX_ON_LOOP = 100
RETRY_AFTER = timedelta(minutes=1)  # work whose use case failed is tried again after this
IDLE_RECHECK = timedelta(days=1)  # cursor of a channel without any practice day in reach
PRUNE_EVERY = timedelta(hours=1)
KEEP_WORK = timedelta(days=400)  # settled work: over a year, for the trainer's 52-week report
KEEP_NOTICES = timedelta(days=30)  # delivered notices: enough for status and investigations


@dataclass
class TickReport:
    """What one tick did: the work it settled and what the courier delivered."""

    now: datetime
    planned: int = 0
    done: list[tuple[Job, str, str]] = field(default_factory=list)  # (job, status, note)
    delivery: DrainReport = field(default_factory=DrainReport)

    def of(self, kind: str) -> list[tuple[Job, str, str]]:
        """The settled work of one kind."""
        return [d for d in self.done if d[0].kind == kind]

    def __bool__(self) -> bool:
        return bool(self.done) or self.delivery.sent > 0


class Scheduler:
    """Runs due work through the ledger, the use cases and the courier."""

    def __init__(
        self,
        store: Store,
        practice: Practice,
        chats: Mapping[str, Chat],
        clock: Clock,
        rounds: Rounds | None = None,
        *,
        courier: Courier | None = None,
        lease: timedelta = WORK_LEASE,
        tick_seconds: float = 30.0,
    ) -> None:
        self.store = store
        self.practice = practice
        self.rounds = rounds or Rounds(practice)
        self.chats = chats  # shared: adapters register their Chat after the scheduler exists
        self.clock = clock
        self.courier = courier or Courier(store, chats, clock)
        self.owner = self.courier.owner
        self.lease = lease
        self.on_time = on_time_for(tick_seconds)
        self.tick_seconds = tick_seconds
        self.nudges = Nudges(practice)
        self.reminders = Reminders(practice)
        # One job each; the answer is (status, note), or None when the claim was lost.
        self._runners: dict[str, Callable[[Job, datetime], Awaitable[tuple[str, str] | None]]] = {
            ROUND: lambda job, now: self.rounds.pair_job(job, now, self.on_time),
            OUTCOME: lambda job, now: self.rounds.remind_job(job, now, self.on_time),
            REMINDER: lambda job, now: self.reminders.remind_job(job, now, self.on_time),
        }

    @property
    def platforms(self) -> frozenset[str]:
        """The platforms this instance serves (channels of others are left to theirs)."""
        return frozenset(self.chats)

    async def tick(self, now: datetime | None = None, *, deliver: bool = True) -> TickReport:
        """Do everything due at ``now`` (default: the clock's now); with ``deliver``, drain
        the outbox too."""
        at, now = now, now or self.clock.now()
        report = TickReport(now)
        platforms = self.platforms
        async with self.store.read() as tx:
            due = await tx.work.anything_due(now, platforms)
        if due:
            report.planned = await self.plan(now, platforms)
            # Delivered at the end of the tick, or (live) by the courier as work gets done.
            await self._work(now, platforms, report, wake=not deliver)
        if deliver:
            # At the tick's instant when one was given (simulated time), else live.
            report.delivery = await self.courier.drain(at)
        elif report.done:
            self.courier.wake()
        return report

    async def plan(self, now: datetime, platforms: Collection[str] | None = None) -> int:
        """Step 2 of a tick on its own: put the work that fell due by ``now`` in the ledger
        (for channels of ``platforms``, default this instance's) and move the cursors on."""
        platforms = self.platforms if platforms is None else platforms
        planned = 0
        while True:
            async with self.store.transaction() as tx:
                due = await tx.work.due_channels(now, platforms, PLAN_BATCH)
                rows: list[Planned] = []
                cursors = {}
                for cursor in due:
                    channel = cursor.channel
                    for item in due_between(channel, cursor.offdays, cursor.next_due_at, now):
                        rows.append(Planned(channel.place, item.local_date, item.kind, item.at))
                    cursors[channel.place] = _next_cursor(channel, cursor.offdays, now)
                if due:
                    planned += await tx.work.plan(rows, cursors)
            if len(due) < PLAN_BATCH:
                return planned
            await asyncio.sleep(0)  # let others write between batches (see ``_work``)

    async def _work(
        self, now: datetime, platforms: Collection[str], report: TickReport, *, wake: bool
    ) -> None:
        first = FIRST_NUDGES_PER_TX
        while True:
            async with self.store.transaction() as tx:
                jobs = await tx.work.claim(self.owner, now, self.lease, platforms, CLAIM_BATCH)
            if not jobs:
                return
            nudges = [j for j in jobs if j.kind == NUDGE]
            most = NUDGES_PER_TX_ON_LOOP if self.store.writes_on_loop else NUDGES_PER_TX
            for chunk in _growing_chunks(nudges, first, most):
                first = min(2 * len(chunk), most)  # the next claim's nudges go on growing
                await self._guarded(
                    chunk, lambda c=chunk: self.nudges.post_jobs(c, now, self.on_time), report
                )
                if wake:
                    # The courier starts on this chunk while the next ones are decided (on
                    # SQLite the store runs on this thread: let it in between chunks).
                    self.courier.wake()
                    await asyncio.sleep(0)
            # The other work one job at a time per channel (in claim order: a round before
            # its outcome), channels side by side: each job is a few short transactions, and
            # done one after another the tick spent most of its time waiting for the database.
            per_channel: dict[Place, list[Job]] = {}
            for job in jobs:
                if job.kind != NUDGE:
                    per_channel.setdefault(job.place, []).append(job)
            limit = asyncio.Semaphore(JOBS_AT_ONCE)
            queues = per_channel.values()
            await asyncio.gather(*(self._one_by_one(q, now, report, limit) for q in queues))
            if wake and report.done:
                self.courier.wake()
                await asyncio.sleep(0)

    async def _one_by_one(
        self, queue: Sequence[Job], now: datetime, report: TickReport, limit: asyncio.Semaphore
    ) -> None:
        async with limit:
            for job in queue:
                runner = self._runners.get(job.kind)
                if runner is None:
                    log.error("unknown kind of work %r: left as it is", job.kind)
                    continue
                await self._guarded([job], lambda j=job, r=runner: _single(j, r(j, now)), report)

    async def _guarded(
        self,
        jobs: Sequence[Job],
        run: Callable[[], Awaitable[list[tuple[Job, str, str]]]],
        report: TickReport,
    ) -> None:
        """Run a use case for claimed work; a failure gives the work back for later."""
        try:
            report.done += await run()
        except Exception:  # a broken use case must not stop the others; the work waits
            log.exception("scheduled work failed: %s", ", ".join(_describe(j) for j in jobs))
            async with self.store.transaction() as tx:
                for job in jobs:
                    await tx.work.retry_later(job, job.lease_until, "error")

    async def advance(
        self,
        start: datetime,
        end: datetime,
        before_tick: Callable[[datetime], None] | None = None,
    ) -> list[TickReport]:
        """Run everything due in (start, end], in time order, as a running bot would have:
        a tick at every due instant of every channel (``schedule.due_between``), then at
        ``end``; ``before_tick`` hears each instant first (the console prints the day). The
        console uses this when its simulated clock jumps forward."""
        async with self.store.read() as tx:
            channels = [c for c in await tx.channels.list() if c.place.platform in self.chats]
            ranges = {c.place: tuple(await tx.offdays.list(c.place)) for c in channels}
        after = start + timedelta(microseconds=1)
        instants = sorted(
            {d.at for c in channels for d in due_between(c, ranges[c.place], after, end)}
        )
        reports = []
        for instant in [*instants, end]:
            if before_tick is not None:
                before_tick(instant)
            reports.append(await self.tick(instant))
        return reports

    async def prune(self, now: datetime) -> tuple[int, int]:
        """Delete what is no longer needed: settled work older than ``KEEP_WORK`` and
        delivered notices older than ``KEEP_NOTICES`` (misses and failures stay: streaks
        excuse their days). Returns (work rows, notices) deleted."""
        async with self.store.transaction() as tx:
            gone_work = await tx.work.prune((now - KEEP_WORK).date())
            gone_notices = await tx.outbox.prune(now - KEEP_NOTICES)
        return gone_work, gone_notices

    async def run(self, stop: asyncio.Event, interval: float | None = None) -> None:
        """Tick every ``interval`` seconds (default: ``tick_seconds``) until ``stop`` is set,
        pruning old rows once an hour; the courier delivers on its own alongside."""
        interval = self.tick_seconds if interval is None else interval
        delivery = asyncio.ensure_future(self.courier.run(stop, interval=min(interval, 5.0)))
        pruned: datetime | None = None
        try:
            while not stop.is_set():
                try:
                    await self.tick(deliver=False)
                    now = self.clock.now()
                    if pruned is None or now - pruned >= PRUNE_EVERY:
                        await self.prune(now)
                        pruned = now
                except Exception:  # a broken tick must not end the bot; the next one retries
                    log.exception("scheduler tick failed")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=interval)
        finally:
            stop.set()
            await delivery


def _growing_chunks(items: Sequence[Job], first: int, most: int) -> list[Sequence[Job]]:
    """``items`` in chunks of ``first``, twice that, … up to ``most`` each."""
    chunks, start, size = [], 0, max(1, first)
    while start < len(items):
        chunks.append(items[start : start + size])
        start += size
        size = min(2 * size, most)
    return chunks


def _next_cursor(channel: Channel, offdays: Sequence[object], now: datetime) -> datetime:
    upcoming = next_due(channel, offdays, now)  # type: ignore[arg-type]
    return upcoming[0].at if upcoming else now + IDLE_RECHECK


async def _single(
    job: Job, outcome: Awaitable[tuple[str, str] | None]
) -> list[tuple[Job, str, str]]:
    settled = await outcome
    if settled is None:  # another instance took the work over; it does it
        log.info("work was taken over by another instance: %s", _describe(job))
        return []
    return [(job, *settled)]


def _describe(job: Job) -> str:
    return f"{job.kind} {job.place.platform}/{job.place.channel} {job.local_date}"


__all__ = ["Due", "Scheduler", "TickReport"]
