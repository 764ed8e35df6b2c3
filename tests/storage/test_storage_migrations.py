"""Alembic migrations: the only way the schema is made; idempotent; safe to run concurrently."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect

from bot.ports import StoreError
from storage import current_revision, head_revision, open_store, upgrade
from storage.engine import create_engine
from storage.tables import metadata

TABLES = {"channels", "members", "pauses", "daily_picks", "reflections"}
TABLES |= {"round_members", "rounds", "groups", "group_seats", "feedback"}
TABLES |= {"handled_requests", "channel_admins"}  # 0003, 0004 (0005 adds a column)
TABLES |= {"role_tallies"}  # 0006
TABLES |= {"work", "outbox", "outbox_lanes", "offdays"}  # 0007 (moves "nudges" into "work")
TABLES |= {"member_levels"}  # 0008
TABLES |= {"cohorts", "cohort_trainers", "cohort_lessons"}  # 0009 (0010 adds columns)
TABLES |= {"observations", "observation_consents"}  # 0011 (0012 adds a column)


async def table_names(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return set(await connection.run_sync(lambda c: inspect(c).get_table_names()))
    finally:
        await engine.dispose()


async def test_upgrade_creates_the_tables_and_twice_is_a_no_op(store_url: str) -> None:
    assert await current_revision(store_url) is None
    assert await table_names(store_url) == set()
    await upgrade(store_url)
    assert await current_revision(store_url) == head_revision()
    assert await table_names(store_url) == TABLES | {"alembic_version"}
    await upgrade(store_url)
    assert await current_revision(store_url) == head_revision()


async def test_concurrent_upgrades_both_succeed(store_url: str) -> None:
    # Two processes starting at once: one migrates, the other waits and finds nothing to do.
    await asyncio.gather(upgrade(store_url), upgrade(store_url), upgrade(store_url))
    assert await current_revision(store_url) == head_revision()


def _differences(connection: Connection) -> list[Any]:
    return compare_metadata(MigrationContext.configure(connection), metadata)


async def test_migrated_schema_matches_the_tables_module(store_url: str) -> None:
    await upgrade(store_url)
    engine = create_engine(store_url)
    try:
        async with engine.connect() as connection:
            assert await connection.run_sync(_differences) == []
    finally:
        await engine.dispose()


async def test_open_without_upgrade_refuses_an_old_schema(store_url: str) -> None:
    with pytest.raises(StoreError, match="ballback db upgrade"):
        await open_store(store_url, upgrade=False)
    await upgrade(store_url)
    store = await open_store(store_url, upgrade=False)
    await store.close()


# Imports first, then waits for "go" on stdin: all workers start migrating at the same moment.
UPGRADE_WORKER = """
import asyncio, sys
import storage
print("ready", flush=True)
sys.stdin.readline()
asyncio.run(storage.upgrade(sys.argv[1]))
"""


async def test_upgrades_from_several_processes_at_once(store_url: str) -> None:
    workers = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            UPGRADE_WORKER,
            store_url,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(3)
    ]
    for worker in workers:
        assert worker.stdout is not None
        assert await asyncio.wait_for(worker.stdout.readline(), 30) == b"ready\n"
    outcomes = await asyncio.wait_for(
        asyncio.gather(*(worker.communicate(b"go\n") for worker in workers)), 60
    )
    for worker, (_, stderr) in zip(workers, outcomes, strict=True):
        assert worker.returncode == 0, stderr.decode()
    assert await current_revision(store_url) == head_revision()
