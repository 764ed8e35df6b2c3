"""Concurrent writers neither lose updates nor fail, within one store and across stores.

Several ``SqlStore`` objects on one database stand in for several processes: each has its own
connections (and, on SQLite, its own in-process queue), so they meet only in the database, where
``BEGIN IMMEDIATE`` / row locks / ``ON CONFLICT`` must do the work.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.model import Channel, DailyPick, Job, Member, MemberRef, Place
from bot.ports import Planned
from storage import SqlStore, open_store

PLACE = Place("slack", "T1", "C1")
ANN = MemberRef("slack", "T1", "U1")
DAY = date(2025, 3, 3)
NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
WRITERS = 40
CLAIMERS = 20
PROCESSES = 4
LEASE = timedelta(minutes=2)


@pytest.fixture
async def stores(store: SqlStore, store_url: str) -> AsyncIterator[list[SqlStore]]:
    """The migrated ``store`` plus more stores on the same database (like other processes)."""
    others = [await open_store(store_url, upgrade=False) for _ in range(PROCESSES - 1)]
    try:
        yield [store, *others]
    finally:
        for other in others:
            await other.close()


async def seed(store: SqlStore) -> None:
    async with store.transaction() as tx:
        await tx.channels.add(Channel(PLACE))
        await tx.members.add(Member(ANN, "Ann"))


async def increment_total(store: SqlStore) -> None:
    async with store.transaction() as tx:
        member = await tx.members.get(ANN, for_update=True)
        assert member is not None
        await asyncio.sleep(0)  # let every other writer run up to its own lock
        streak = replace(member.streak, total=member.streak.total + 1)
        await tx.members.save(replace(member, streak=streak))


async def total(store: SqlStore) -> int:
    async with store.transaction() as tx:
        member = await tx.members.get(ANN)
    assert member is not None
    return member.streak.total


async def test_concurrent_read_modify_write_in_one_store(store: SqlStore) -> None:
    await seed(store)
    await asyncio.gather(*(increment_total(store) for _ in range(WRITERS)))
    assert await total(store) == WRITERS


async def test_concurrent_read_modify_write_across_stores(stores: list[SqlStore]) -> None:
    await seed(stores[0])
    # Any "database is locked" or lost update would fail here: gather re-raises the first error.
    await asyncio.gather(*(increment_total(stores[i % PROCESSES]) for i in range(WRITERS)))
    assert await total(stores[0]) == WRITERS


async def claim(store: SqlStore, owner: str, now: datetime) -> list[Job]:
    async with store.transaction() as tx:
        return list(await tx.work.claim(owner, now, LEASE, {"slack"}, 10))


async def test_exactly_one_concurrent_claim_wins(stores: list[SqlStore]) -> None:
    await seed(stores[0])
    async with stores[0].transaction() as tx:
        await tx.work.plan([Planned(PLACE, DAY, "nudge", NOW)], {PLACE: NOW})
    results = await asyncio.gather(
        *(claim(stores[i % PROCESSES], f"w{i}", NOW) for i in range(CLAIMERS))
    )
    winners = [jobs for jobs in results if jobs]
    assert len(winners) == 1 and len(winners[0]) == 1
    # Within the lease nobody else gets it; once it ran out (its process died), exactly one
    # of many takes it over, and attempts grows by exactly one.
    assert not any(await asyncio.gather(*(claim(s, "late", NOW + LEASE / 2) for s in stores)))
    later = NOW + LEASE * 2
    results = await asyncio.gather(
        *(claim(stores[i % PROCESSES], f"v{i}", later) for i in range(CLAIMERS))
    )
    taken = [job for jobs in results for job in jobs]
    assert len(taken) == 1 and taken[0].attempts == 2
    async with stores[0].transaction() as tx:
        # The first owner's late finish is refused: the work is no longer its own.
        assert not await tx.work.finish(winners[0][0], "done", "on_time", later)
        assert await tx.work.finish(taken[0], "done", "late", later)
        [record] = await tx.work.records(PLACE)
    assert (record.status, record.note, record.attempts) == ("done", "late", 2)


async def test_concurrent_inserts_of_the_same_rows(stores: list[SqlStore]) -> None:
    async def add_all(store: SqlStore, n: int) -> tuple[Channel, Member, bool]:
        async with store.transaction() as tx:
            channel = await tx.channels.add(Channel(PLACE, timezone=f"Etc/GMT+{n % 12}"))
            member = await tx.members.add(Member(ANN, f"Ann {n}"))
            pick = DailyPick(PLACE, DAY, f"s{n}", f"sc{n}", f"h{n}", 0)
            return channel, member, await tx.picks.add(pick)

    results = await asyncio.gather(*(add_all(stores[n % PROCESSES], n) for n in range(WRITERS)))
    channels, members, added = zip(*results, strict=True)
    assert len(set(channels)) == 1  # everyone got the row the winner stored
    assert len(set(members)) == 1
    assert added.count(True) == 1
    async with stores[0].transaction() as tx:
        assert len(await tx.channels.list()) == 1
        stored = await tx.picks.get(PLACE, DAY)
    winner = added.index(True)
    assert stored is not None and stored.skill_id == f"s{winner}"
