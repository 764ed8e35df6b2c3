"""Scratch databases for tests: a fresh store per test on each supported backend.

Imports nothing beyond ``storage`` and SQLAlchemy (no pytest), so any test suite or benchmark
can use it. PostgreSQL runs only when ``BALLBACK_TEST_POSTGRES_URL`` names a server, e.g.
``postgresql+asyncpg://postgres@127.0.0.1:5432/test``; each scratch database is then a fresh
schema in that database, dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from storage.engine import sqlite_url

POSTGRES_URL_ENV = "BALLBACK_TEST_POSTGRES_URL"
BACKENDS: tuple[str, ...] = ("sqlite", "postgres")


def postgres_test_url() -> str | None:
    """The PostgreSQL server tests may use, or None (then PostgreSQL tests skip)."""
    return os.environ.get(POSTGRES_URL_ENV) or None


@asynccontextmanager
async def scratch_postgres_schema(server_url: str) -> AsyncIterator[str]:
    """Create an empty schema, yield a URL whose connections use it, then drop it (CASCADE).

    The URL carries ``?search_path=<schema>``, which ``storage.engine`` sends as a server
    setting, so tables, migrations and ``alembic_version`` all live in the scratch schema.
    """
    schema = f"ballback_test_{secrets.token_hex(6)}"
    admin = create_async_engine(server_url, poolclass=NullPool)
    try:
        async with admin.begin() as connection:
            await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(server_url).update_query_dict({"search_path": schema})
        try:
            yield url.render_as_string(hide_password=False)
        finally:
            async with admin.begin() as connection:
                await connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        await admin.dispose()


@asynccontextmanager
async def scratch_database_url(backend: str, directory: Path) -> AsyncIterator[str]:
    """A URL of an empty database on ``backend`` ("sqlite" or "postgres"); removed afterwards.

    SQLite uses a new file in ``directory``. Raises ``LookupError`` for "postgres" when
    ``BALLBACK_TEST_POSTGRES_URL`` is not set (callers skip the test).
    """
    if backend == "sqlite":
        yield sqlite_url(directory / f"ballback-{secrets.token_hex(4)}.db")
    elif backend == "postgres":
        server = postgres_test_url()
        if server is None:
            raise LookupError(f"{POSTGRES_URL_ENV} is not set")
        async with scratch_postgres_schema(server) as url:
            yield url
    else:
        raise ValueError(f"unknown backend {backend!r}; expected one of {BACKENDS}")
