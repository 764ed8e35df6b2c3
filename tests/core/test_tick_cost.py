"""A tick costs nothing when nothing is due: no write transaction, and the same few index
lookups whether there are 3 channels or 300."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime, timedelta

from bot.clock import ManualClock
from bot.model import Channel, Place
from bot.ports import Tx
from bot.practice import ChannelDefaults, Practice
from bot.scheduler import Scheduler
from content import load_catalog
from storage import SqlStore
from tests.support.chat import RecordingChat
from tests.support.statements import statements

MONDAY_0800 = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)


class CountingStore:
    """The store, counting the write transactions opened through it."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store
        self.writes = 0

    def transaction(self) -> AbstractAsyncContextManager[Tx]:
        self.writes += 1
        return self.store.transaction()

    def read(self) -> AbstractAsyncContextManager[Tx]:
        return self.store.read()

    @property
    def writes_on_loop(self) -> bool:
        return self.store.writes_on_loop

    async def close(self) -> None:
        await self.store.close()


async def idle_tick_cost(store: SqlStore, channels: int) -> tuple[int, int]:
    async with store.transaction() as tx:
        for n in range(channels):
            place = Place("test", f"w{n % 7}", f"c{channels}-{n}")
            await tx.channels.add(Channel(place, timezone="Europe/Amsterdam"))
            await tx.work.set_cursor(place, MONDAY_0800, earlier_only=False)
    counting = CountingStore(store)
    clock = ManualClock(MONDAY_0800)
    practice = Practice(counting, load_catalog(), clock, ChannelDefaults())  # type: ignore[arg-type]
    chat = RecordingChat("test")
    scheduler = Scheduler(counting, practice, {"test": chat}, clock)  # type: ignore[arg-type]
    await scheduler.tick(MONDAY_0800 + timedelta(hours=1))  # every channel's nudge: done
    assert len(chat.posts) == channels
    counting.writes = 0
    with statements(store) as sent:
        report = await scheduler.tick(MONDAY_0800 + timedelta(hours=1, minutes=5))
    assert not report.done and report.delivery.sent == 0
    queries = [s for s in sent if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "SET"))]
    return counting.writes, len(queries)


async def test_an_idle_tick_opens_no_write_transaction_whatever_the_channel_count(
    store: SqlStore,
) -> None:
    small = await idle_tick_cost(store, 3)
    large = await idle_tick_cost(store, 300)
    assert small[0] == large[0] == 0  # no write transaction at all
    assert small[1] == large[1] <= 4  # the same index lookups, none per channel
