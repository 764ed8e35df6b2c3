"""The fan-out path: nudges decided in batches, outcomes recorded together, lanes started as
soon as they fill (issue 9's daily fan-out; the figures are ``python -m bench.fanout``'s)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cards import nudge_card
from bot.clock import ManualClock
from bot.delivery import BATCH, Courier, batch_size
from bot.messages import Notice
from bot.model import Channel, Place
from bot.practice import ChannelDefaults, Practice
from bot.recorder import Recorder
from bot.scheduler import Scheduler, _growing_chunks
from content import load_catalog
from storage import open_store, sqlite_url
from tests.support.chat import RecordingChat
from tests.support.statements import statements

NINE = datetime(2026, 12, 1, 9, tzinfo=UTC)  # a Tuesday
DAYS = [date(2026, 12, 1) + timedelta(days=n) for n in range(12)]


class CountingStore:
    """The real store, counting the write transactions opened through it."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self.writes = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Any]:
        self.writes += 1
        async with self._store.transaction() as tx:
            yield tx


def places(n: int) -> list[Place]:
    return [Place("test", f"w{i % 3}", f"c{i:02d}") for i in range(n)]


async def test_batched_picks_are_the_picks_one_at_a_time(store_url: str, tmp_path: Path) -> None:
    """``Practice.picks_in`` (a batch of channels and days) makes exactly the picks that
    ``pick_in`` makes one by one: same skills, scenarios, habits, sequence and rotation."""
    catalog, clock = load_catalog(), ManualClock(NINE)
    one = await open_store(store_url)
    other = await open_store(sqlite_url(tmp_path / "twin.db"))
    try:
        singles = Practice(one, catalog, clock, ChannelDefaults(timezone="UTC"))
        batched = Practice(other, catalog, clock, ChannelDefaults(timezone="UTC"))
        chans = places(7)
        for practice in (singles, batched):
            async with practice.store.transaction() as tx:
                for place in chans:
                    await practice.context.channel_in(tx, place)
        expected = {}
        for day in DAYS:
            for place in chans:
                async with one.transaction() as tx:
                    expected[(place, day)] = await singles.context.picks.pick_in(tx, place, day)
        found = {}
        for start in range(0, len(DAYS), 5):  # several days of a channel in one batch, too
            keys = [(p, d) for d in DAYS[start : start + 5] for p in chans]
            async with other.transaction() as tx:
                locked = await tx.channels.get_many({p for p, _ in keys}, for_update=True)
                found.update(await batched.context.picks.picks_in(tx, keys, locked))
        assert found == expected
        async with one.read() as a, other.read() as b:
            for place in chans:
                first, second = await a.channels.get(place), await b.channels.get(place)
                assert first is not None and second is not None
                assert first.rotation == second.rotation
                assert await a.picks.recent(place, 100) == await b.picks.recent(place, 100)
        # Asked again, the batch reads what is stored and changes nothing.
        async with other.transaction() as tx:
            locked = await tx.channels.get_many(set(chans), for_update=True)
            again = await batched.context.picks.picks_in(tx, [(p, DAYS[0]) for p in chans], locked)
        assert again == {(p, DAYS[0]): expected[(p, DAYS[0])] for p in chans}
    finally:
        await one.close()
        await other.close()


async def test_a_batch_of_nudges_costs_the_same_statements_for_10_or_60_channels(
    store,
) -> None:
    """Deciding nudges reads and writes a batch together: the statements of ``post_jobs``
    for 60 channels are as many as for 10 (one at a time, each channel cost about ten)."""
    clock = ManualClock(NINE)
    practice = Practice(store, load_catalog(), clock, ChannelDefaults(timezone="UTC"))
    chans = places(70)
    async with store.transaction() as tx:
        for place in chans:
            await tx.channels.add(Channel(place, timezone="UTC"))
            await tx.work.set_cursor(place, NINE - timedelta(hours=1), earlier_only=False)
    scheduler = Scheduler(store, practice, {"test": RecordingChat("test")}, clock)
    await scheduler.plan(NINE)
    async with store.transaction() as tx:
        jobs = await tx.work.claim("me", NINE, timedelta(minutes=2), {"test"}, 100)
    assert len(jobs) == 70
    counted = []
    for batch in (jobs[:10], jobs[10:]):
        with statements(store) as sent:
            settled = await scheduler.nudges.post_jobs(batch, NINE, timedelta(minutes=10))
        assert len(settled) == len(batch)
        counted.append(len(sent))
    assert counted[0] == counted[1], counted
    chat = RecordingChat("test")
    await Courier(store, {"test": chat}, clock).drain(NINE)
    assert sorted(place.channel for place, _ in chat.posts) == sorted(p.channel for p in chans)


async def _queued_behind_a_held_write(recorder: Recorder, writes: list[Any]) -> list[Any]:
    """Record ``writes`` while a first outcome's transaction is held open: they queue up
    behind it. Returns every answer (or error), the held one's first."""
    entered, gate = asyncio.Event(), asyncio.Event()

    async def held(tx: Any) -> str:
        entered.set()
        await gate.wait()
        return "held"

    first = asyncio.ensure_future(recorder.record(held))
    await entered.wait()
    rest = [asyncio.ensure_future(recorder.record(w)) for w in writes]
    while len(recorder._queue) < len(writes):  # each task runs up to the lock (no timing)
        await asyncio.sleep(0)
    gate.set()
    return await asyncio.gather(first, *rest, return_exceptions=True)


async def test_outcomes_that_arrive_together_share_a_commit(store) -> None:
    counting = CountingStore(store)
    recorder = Recorder(counting)  # type: ignore[arg-type]

    def answer(n: int) -> Any:
        async def write(tx: Any) -> int:
            await tx.channels.list()
            return n

        return write

    answers = await _queued_behind_a_held_write(recorder, [answer(n) for n in range(20)])
    assert answers == ["held", *range(20)]
    assert counting.writes == 2  # the held one, then the twenty queued behind it together


async def test_a_failed_commit_fails_every_outcome_in_it(store) -> None:
    recorder = Recorder(store)

    async def broken(tx: Any) -> None:
        raise RuntimeError("the database went away")

    async def fine(tx: Any) -> str:
        return "written"

    results = await _queued_behind_a_held_write(recorder, [fine, broken, fine])
    assert results[0] == "held"
    assert all(isinstance(r, RuntimeError) for r in results[1:])  # none of the three is kept
    assert await recorder.record(fine) == "written"  # and the next write goes on as usual


async def test_a_lane_that_fills_later_does_not_wait_for_a_long_one(store) -> None:
    """The running courier starts each lane on its own: while one workspace's lane is held
    up at the platform, a notice queued for another workspace is delivered."""
    clock = ManualClock(NINE)
    practice = Practice(store, load_catalog(), clock, ChannelDefaults(timezone="UTC"))
    slow, fast = Place("test", "slow", "c1"), Place("test", "fast", "c2")
    async with store.transaction() as tx:
        for place in (slow, fast):
            await tx.channels.add(Channel(place, timezone="UTC"))
    arrived, released, delivered = asyncio.Event(), asyncio.Event(), asyncio.Event()

    class HeldChat(RecordingChat):
        async def post(self, place: Place, card: Any, *, nonce: str | None = None) -> str:
            if place == slow:
                arrived.set()
                await released.wait()
            ref = await super().post(place, card, nonce=nonce)
            delivered.set()
            return ref

    chat = HeldChat("test")
    courier = Courier(store, {"test": chat}, clock)
    card = nudge_card(practice.catalog, await practice.daily.pick_for(slow), "en")
    async with store.transaction() as tx:
        await tx.outbox.add([Notice(slow, card)], kind="nudge", now=NINE)
    stop = asyncio.Event()
    running = asyncio.ensure_future(courier.run(stop, interval=3600))
    try:
        async with asyncio.timeout(10):
            await arrived.wait()  # the slow lane is under way, held at the platform
            async with store.transaction() as tx:
                await tx.outbox.add([Notice(fast, card)], kind="nudge", now=NINE)
            courier.wake()
            await delivered.wait()
        assert [place for place, _ in chat.posts] == [fast]
    finally:
        released.set()
        stop.set()
        await running
    assert [place for place, _ in chat.posts] == [fast, slow]


@pytest.fixture(autouse=True)
def _quiet_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("ERROR")


def test_a_lane_never_claims_more_than_half_a_lease_of_sends() -> None:
    """A claimed notice waits its turn under the lane's pace; were the batch larger than half
    a lease's worth of sends, its last notices' claims would run out and another instance
    would send them too."""
    lease = timedelta(minutes=2)
    assert batch_size(600, lease) == BATCH  # a minute's worth is 600: the cap holds
    assert batch_size(20, lease) == 20  # 20 a minute: 20 in the minute half a lease gives
    assert batch_size(0.5, lease) == 1
    assert batch_size(None, lease) == BATCH  # no pace: sends go as fast as answered


@given(st.integers(0, 2000), st.integers(1, 300), st.integers(1, 300))
def test_nudges_are_decided_in_growing_chunks_in_claim_order(n: int, first: int, most: int) -> None:
    jobs = list(range(n))
    chunks = _growing_chunks(jobs, first, max(first, most))  # type: ignore[arg-type]
    assert [j for chunk in chunks for j in chunk] == jobs
    sizes = [len(c) for c in chunks]
    assert all(0 < s <= max(first, most) for s in sizes)
    assert sizes[:-1] == sorted(sizes[:-1])
