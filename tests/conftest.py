"""Fixtures shared by every suite: a fresh, migrated store on each backend.

``store_url`` is parametrized over "sqlite" (a new file in ``tmp_path``) and "postgres" (a
scratch schema, only when ``BALLBACK_TEST_POSTGRES_URL`` is set; skipped otherwise).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import make_url

from storage import SqlStore, open_store
from storage.engine import sqlite_url
from storage.testing import BACKENDS, POSTGRES_URL_ENV, postgres_test_url, scratch_database_url


@pytest.fixture(params=BACKENDS)
async def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """The URL of an empty database (not migrated yet), removed after the test."""
    backend: str = request.param
    if backend == "postgres" and postgres_test_url() is None:
        pytest.skip(f"{POSTGRES_URL_ENV} is not set")
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
