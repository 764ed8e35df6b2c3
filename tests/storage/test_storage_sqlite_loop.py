"""SQLite transactions run on the event loop thread and still never block it.

A plain ``sqlite3`` connection in the test stands in for another process holding the write lock
(``BEGIN IMMEDIATE``). The store must then wait with ``asyncio.sleep`` (other coroutines keep
running), take the lock once it is free, and give up with ``StoreError`` after its budget.
Nothing here sleeps to wait for something: the test waits on events and tasks, with timeouts.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import event

import storage.sqlite_loop
from bot.model import Channel, Member, MemberRef, Place, Reflection
from bot.ports import StoreError
from storage import SqlStore, open_store, sqlite_url
from storage.engine import create_engine, sqlite_sync_engine

PLACE = Place("slack", "T1", "C1")
ANN = MemberRef("slack", "T1", "U1")
WAIT_S = 10.0  # generous: only reached when something is broken


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """The path of the SQLite file used by the test."""
    return tmp_path / "ballback.db"


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[SqlStore]:
    """A migrated SQLite store on ``db_path`` (shadows the two-backend fixture)."""
    opened = await open_store(sqlite_url(db_path))
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
def foreign(db_path: Path, store: SqlStore) -> Iterator[sqlite3.Connection]:
    """Another connection to the migrated file, holding its write lock (``BEGIN IMMEDIATE``)."""
    connection = sqlite3.connect(db_path, isolation_level=None, timeout=0)
    try:
        connection.execute("BEGIN IMMEDIATE")
        yield connection
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        connection.close()


async def add_channel(store: SqlStore, entered: asyncio.Event | None = None) -> None:
    async with store.transaction() as tx:
        if entered is not None:
            entered.set()
        await tx.channels.add(Channel(PLACE))


async def channel_count(store: SqlStore) -> int:
    async with store.transaction() as tx:
        return len(await tx.channels.list())


async def test_waiting_for_another_connections_lock_does_not_block_the_loop(
    db_path: Path, foreign: sqlite3.Connection
) -> None:
    # A store whose in-loop connections report every BEGIN IMMEDIATE they attempt.
    async_engine = create_engine(sqlite_url(db_path))
    sync_engine = sqlite_sync_engine(async_engine)
    loop = asyncio.get_running_loop()
    begins: list[float] = []  # loop time of each attempt
    first_begin, retried = asyncio.Event(), asyncio.Event()

    def trace(statement: str) -> None:
        if statement.startswith("BEGIN IMMEDIATE"):
            begins.append(loop.time())
            first_begin.set()
            if len(begins) >= 3:
                retried.set()

    @event.listens_for(sync_engine, "connect")
    def _trace_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.set_trace_callback(trace)

    traced = SqlStore(async_engine, sync_engine)
    try:
        entered = asyncio.Event()
        writer = asyncio.create_task(add_channel(traced, entered))
        await asyncio.wait_for(first_begin.wait(), WAIT_S)

        # The writer was refused and is waiting: another coroutine still gets to run, and soon
        # (SQLite's own busy handler would hold the loop for its whole timeout).
        other_ran = asyncio.Event()
        ran_at: list[float] = []

        async def other() -> None:
            ran_at.append(loop.time())
            other_ran.set()

        other_task = asyncio.create_task(other())
        await asyncio.wait_for(other_ran.wait(), WAIT_S)
        await other_task
        assert ran_at[0] - begins[0] < 1.0
        assert not writer.done() and not entered.is_set()

        # It keeps trying (in the background, between asyncio sleeps) while the lock is held.
        await asyncio.wait_for(retried.wait(), WAIT_S)
        assert not writer.done() and not entered.is_set()

        foreign.execute("ROLLBACK")  # the other "process" lets go: the transaction completes
        await asyncio.wait_for(writer, WAIT_S)
        assert entered.is_set()
        assert await channel_count(traced) == 1
    finally:
        await traced.close()


async def test_in_process_waiters_queue_behind_a_transaction_waiting_for_the_lock(
    store: SqlStore, foreign: sqlite3.Connection
) -> None:
    first = asyncio.create_task(add_channel(store))
    others = [asyncio.create_task(add_channel(store)) for _ in range(5)]
    ran = asyncio.Event()

    async def other() -> None:
        ran.set()

    await asyncio.wait_for(asyncio.create_task(other()), WAIT_S)
    assert ran.is_set()
    assert not any(task.done() for task in [first, *others])
    foreign.execute("COMMIT")
    await asyncio.wait_for(asyncio.gather(first, *others), WAIT_S)
    assert await channel_count(store) == 1  # ON CONFLICT DO NOTHING for the five others


async def test_busy_beyond_the_budget_raises_store_error(
    store: SqlStore, foreign: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage.sqlite_loop, "SQLITE_BUSY_TIMEOUT_S", 0.2)
    entered = asyncio.Event()
    with pytest.raises(StoreError) as error:
        await asyncio.wait_for(add_channel(store, entered), WAIT_S)
    message = str(error.value)
    assert "locked" in message and "busy" in message and "0.2 s" in message
    assert "\n" not in message
    assert not entered.is_set()

    # Nothing was left held: once the lock is free, the store works again.
    foreign.execute("ROLLBACK")
    await asyncio.wait_for(add_channel(store), WAIT_S)
    assert await channel_count(store) == 1


async def test_a_transaction_of_this_process_that_never_ends_exhausts_the_budget(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage.sqlite_loop, "SQLITE_BUSY_TIMEOUT_S", 0.2)
    holding, release = asyncio.Event(), asyncio.Event()

    async def hold() -> None:
        async with store.transaction():
            holding.set()
            await release.wait()

    holder = asyncio.create_task(hold())
    await asyncio.wait_for(holding.wait(), WAIT_S)
    with pytest.raises(StoreError, match="not finishing"):
        await asyncio.wait_for(add_channel(store), WAIT_S)
    release.set()
    await asyncio.wait_for(holder, WAIT_S)
    await asyncio.wait_for(add_channel(store), WAIT_S)


async def test_in_loop_connections_keep_the_sqlite_settings(store: SqlStore) -> None:
    sync_engine = sqlite_sync_engine(store.engine)
    try:
        with sync_engine.connect() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA busy_timeout").scalar() == 0
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA synchronous").scalar() == 1  # NORMAL
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert connection.connection.driver_connection.isolation_level is None
    finally:
        sync_engine.dispose()


async def test_answers_are_stored_as_unescaped_json(store: SqlStore, db_path: Path) -> None:
    moment = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    async with store.transaction() as tx:
        await tx.channels.add(Channel(PLACE))
        await tx.members.add(Member(ANN, "Ann"))
        await tx.reflections.add(Reflection(ANN, PLACE, date(2025, 3, 3), moment, {"a": "🎾 ü"}))
    with contextlib.closing(sqlite3.connect(db_path)) as raw:
        stored = raw.execute("SELECT answers FROM reflections").fetchone()[0]
    assert stored == '{"a": "🎾 ü"}'


def _aiosqlite_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if "_connection_worker_thread" in t.name]


async def test_transactions_use_no_worker_threads(db_path: Path) -> None:
    store = await open_store(sqlite_url(db_path))
    try:
        for thread in _aiosqlite_threads():  # open_store's migration connection, closed
            thread.join(WAIT_S)
        before = set(threading.enumerate())
        await asyncio.gather(*(add_channel(store) for _ in range(10)))
        assert await channel_count(store) == 1
        assert set(threading.enumerate()) == before
    finally:
        await store.close()
