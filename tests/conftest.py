"""Fixtures shared by every suite: a fresh, migrated store on each backend.

``store_url`` is parametrized over "sqlite" (a new file in ``tmp_path``) and "postgres" (a
scratch schema or database, only when ``BALLBACK_TEST_POSTGRES_URL`` is set; skipped
otherwise).
Migrations run once per run on each backend, not per test: a SQLite store starts as a copy
of a file migrated once, a PostgreSQL one is a database migrated once and emptied between
tests (``storage.testing.PostgresStores``).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import make_url

from storage import SqlStore, open_store
from storage.engine import sqlite_url
from storage.testing import (
    BACKENDS,
    POSTGRES_URL_ENV,
    PostgresStores,
    postgres_test_url,
    scratch_database_url,
)


@pytest.fixture(params=BACKENDS)
async def store_url(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_stores: PostgresStores
) -> AsyncIterator[str]:
    """The URL of an empty database (not migrated yet), removed after the test.

    Except where the test also uses ``store``, which migrates this database: on PostgreSQL it
    is then an empty migrated database from ``postgres_stores``, the same store without running
    the migrations. (``request.fixturenames`` holds every fixture the test uses, also through
    other fixtures; ``store`` copies SQLite's template itself.)
    """
    backend: str = request.param
    if backend == "postgres" and postgres_test_url() is None:
        pytest.skip(f"{POSTGRES_URL_ENV} is not set")
    if backend == "postgres" and "store" in request.fixturenames:
        url = await postgres_stores.acquire()
        try:
            yield url
        finally:
            await postgres_stores.release(url)
    else:
        async with scratch_database_url(backend, tmp_path) as url:
            yield url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per run: each test's SQLite store starts as a copy of it
    (copying takes a fifth of the time the migrations take)."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"

    async def migrate() -> None:
        await (await open_store(sqlite_url(path))).close()

    asyncio.run(migrate())
    return path


@pytest.fixture(scope="session")
def postgres_stores() -> Iterator[PostgresStores]:
    """Empty migrated PostgreSQL databases, two migrated per run (per xdist worker) and reset
    between tests, one while a test runs on the other; all dropped at the end of the run.
    Migrated afresh each run, so they always have this checkout's migrations; nothing is made
    when no test needs it."""
    stores = PostgresStores(postgres_test_url())
    yield stores
    asyncio.run(stores.close())


@pytest.fixture
async def store(store_url: str, sqlite_template: Path) -> AsyncIterator[SqlStore]:
    """A migrated store on ``store_url``, closed after the test."""
    if store_url.startswith("sqlite"):
        # SQLite's backup API copies a consistent database, WAL or not.
        target = make_url(store_url).database
        assert target
        source, copy = sqlite3.connect(sqlite_template), sqlite3.connect(target)
        with closing(source), closing(copy):
            source.backup(copy)
    opened = await open_store(store_url)  # at the newest revision: checked, nothing to run
    try:
        yield opened
    finally:
        await opened.close()
