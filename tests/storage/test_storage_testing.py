"""``storage.testing.PostgresStores``: a store handed out again is as good as a new one.

The suite's PostgreSQL stores are reused between tests (migrating one per test was a third of
the suite's time), so what a test leaves behind must never reach the next: these tests check
that the rows, the ids, the connections and a changed schema do not.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from bot.model import Channel, Member, MemberRef, Place
from storage import current_revision, head_revision, open_store
from storage.engine import create_engine
from storage.testing import POSTGRES_URL_ENV, PostgresStores, postgres_test_url

PLACE = Place("slack", "T1", "C1")
ANNA = MemberRef("slack", "T1", "UANNA")


@pytest.fixture
async def stores() -> AsyncIterator[PostgresStores]:
    """A pool of its own (not the session's), closed after the test. One database at a time:
    an ``acquire`` after a ``release`` waits for the reset, and gets that database."""
    server = postgres_test_url()
    if server is None:
        pytest.skip(f"{POSTGRES_URL_ENV} is not set")
    pool = PostgresStores(server, kept=1)
    try:
        yield pool
    finally:
        await pool.close()


async def databases(stores: PostgresStores) -> set[str]:
    """The names of the databases on the server."""
    assert stores.server_url is not None
    engine = create_engine(stores.server_url)
    try:
        async with engine.connect() as connection:
            names = await connection.scalars(text("SELECT datname FROM pg_database"))
            return set(names)
    finally:
        await engine.dispose()


def name_of(url: str) -> str:
    name = make_url(url).database
    assert name is not None
    return name


async def test_a_released_store_comes_back_empty_with_new_ids_and_a_new_name(
    stores: PostgresStores,
) -> None:
    first = await stores.acquire()
    store = await open_store(first)
    try:
        async with store.transaction() as tx:
            await tx.channels.add(Channel(PLACE))
            await tx.members.add(Member(ANNA, "Anna"))
            assert (await tx.members.get(ANNA)) is not None
    finally:
        await store.close()
    await stores.release(first)

    second = await stores.acquire()
    assert (stores.migrated, stores.reused) == (1, 1)
    assert name_of(second) != name_of(first)
    assert name_of(first) not in await databases(stores)  # nothing can reach it by that name
    assert await current_revision(second) == head_revision()
    store = await open_store(second)
    try:
        async with store.transaction() as tx:
            assert await tx.channels.get(PLACE) is None
            assert await tx.members.get(ANNA) is None
            await tx.channels.add(Channel(PLACE))
            await tx.members.add(Member(ANNA, "Anna"))
        async with store.read() as tx:
            ids = await tx.conn.execute(
                text("SELECT (SELECT id FROM channels), (SELECT id FROM members)")
            )
            assert tuple(ids.one()) == (1, 1)  # the sequences start again, as in a new database
    finally:
        await store.close()
    await stores.release(second)


async def test_connections_left_open_are_ended(stores: PostgresStores) -> None:
    url = await stores.acquire()
    engine = create_engine(url)
    try:
        connection = await engine.connect()
        await connection.execute(text("SELECT 1"))
        await stores.release(url)  # does not wait for the test to close it
        again = await stores.acquire()
        assert stores.reused == 1
        with pytest.raises(DBAPIError):
            await connection.execute(text("SELECT 1"))
    finally:
        await engine.dispose()
    await stores.release(again)


async def test_a_store_whose_schema_changed_is_dropped_not_handed_out(
    stores: PostgresStores,
) -> None:
    url = await stores.acquire()
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("ALTER TABLE channels ADD COLUMN leftover INTEGER"))
    finally:
        await engine.dispose()
    await stores.release(url)
    fresh = await stores.acquire()
    assert (stores.migrated, stores.reused) == (2, 0)
    assert name_of(url) not in await databases(stores)
    await stores.release(fresh)


async def test_close_drops_every_database_also_those_not_released(
    stores: PostgresStores,
) -> None:
    held, other = await stores.acquire(), await stores.acquire()
    await stores.release(other)
    again = await stores.acquire()  # ``other``, renamed
    assert stores.reused == 1
    await stores.close()
    assert not {name_of(held), name_of(other), name_of(again)} & await databases(stores)


async def test_with_two_kept_one_is_reset_while_the_other_is_used(stores: PostgresStores) -> None:
    stores.kept = 2  # as the suite's pool
    for _ in range(4):
        url = await stores.acquire()
        store = await open_store(url)
        try:
            async with store.transaction() as tx:
                assert await tx.channels.get(PLACE) is None
                await tx.channels.add(Channel(PLACE))
        finally:
            await store.close()
        await stores.release(url)  # returns at once: the reset runs beside the next test
    assert stores.migrated <= 2 and stores.migrated + stores.reused == 4
