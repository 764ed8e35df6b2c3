"""Scratch databases for tests: a fresh store per test on each supported backend.

Imports nothing beyond ``storage`` and SQLAlchemy (no pytest), so any test suite or benchmark
can use it. PostgreSQL runs only when ``BALLBACK_TEST_POSTGRES_URL`` names a server, e.g.
``postgresql+asyncpg://postgres@127.0.0.1:5432/test``; its user must be allowed to create
databases. An empty scratch database is a fresh schema in the database the URL names (a
schema costs a tenth of a database), dropped afterwards; migrated ones come from
``PostgresStores``, which migrates a database once and empties it between tests.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from storage.engine import sqlite_url, upgrade

POSTGRES_URL_ENV = "BALLBACK_TEST_POSTGRES_URL"
BACKENDS: tuple[str, ...] = ("sqlite", "postgres")
SCRATCH_PREFIX = "ballback_test_"
# How long a released store waits for the test's connections to end (10 s), then it is dropped.
_GONE_POLLS = 2000
_GONE_POLL_S = 0.005


def postgres_test_url() -> str | None:
    """The PostgreSQL server tests may use, or None (then PostgreSQL tests skip)."""
    return os.environ.get(POSTGRES_URL_ENV) or None


@asynccontextmanager
async def scratch_postgres_schema(server_url: str) -> AsyncIterator[str]:
    """Create an empty schema, yield a URL whose connections use it, then drop it (CASCADE).

    The URL carries ``?search_path=<schema>``, which ``storage.engine`` sends as a server
    setting, so tables, migrations and ``alembic_version`` all live in the scratch schema.
    """
    schema = f"{SCRATCH_PREFIX}{secrets.token_hex(6)}"
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


def postgres_database_url(server_url: str, name: str) -> str:
    """``server_url`` with its database replaced by ``name`` (credentials and query kept)."""
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def _autocommit(url: str) -> AsyncEngine:
    # No pool: connections belong to the event loop that opened them, and each test has its
    # own. Autocommit: CREATE / DROP / ALTER DATABASE cannot run in a transaction.
    return create_async_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")


async def create_postgres_database(server_url: str) -> str:
    """Create an empty database (a copy of ``template0``) on ``server_url``'s server; its
    name. The connection that creates it goes to the database ``server_url`` names."""
    name = f"{SCRATCH_PREFIX}{secrets.token_hex(6)}"
    admin = _autocommit(server_url)
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0'))
    finally:
        await admin.dispose()
    return name


async def drop_postgres_database(server_url: str, name: str) -> None:
    """Drop database ``name`` if it exists, ending connections still open to it (a test that
    failed may leave some; ``WITH (FORCE)`` needs PostgreSQL 13)."""
    admin = _autocommit(server_url)
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()


async def create_migrated_postgres_database(server_url: str) -> str:
    """Create a database migrated to the newest revision; its name. Nothing stays connected."""
    name = await create_postgres_database(server_url)
    try:
        await upgrade(postgres_database_url(server_url, name))  # disposes its engine
    except BaseException:
        await drop_postgres_database(server_url, name)
        raise
    return name


_USER_SCHEMAS = (
    "SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'"
)

# Empties every table that holds anything, or ever did (a rolled-back insert leaves pages),
# except the revision, and rewinds every sequence that was used. TRUNCATE gives a table new,
# empty files, as CREATE TABLE does; the tables a test never wrote (most) are left alone.
_RESET = text(
    f"""
    DO $reset$
    DECLARE
        written text;
    BEGIN
        SELECT string_agg(c.oid::regclass::text, ', ') INTO written
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ({_USER_SCHEMAS}) AND c.relkind IN ('r', 'p')
          AND c.relname <> 'alembic_version' AND pg_relation_size(c.oid) > 0;
        IF written IS NOT NULL THEN
            EXECUTE 'TRUNCATE ' || written || ' CASCADE';
        END IF;
        PERFORM setval(format('%I.%I', schemaname, sequencename), start_value, false)
        FROM pg_sequences
        WHERE schemaname IN ({_USER_SCHEMAS}) AND last_value IS NOT NULL;
    END
    $reset$
    """
)

# What a reset database must look like: as it was right after its migrations. Every relation
# of the non-system schemas with its size on disk (any row left shows), columns, defaults,
# constraints, indexes, sequences and whether they were used, objects a test could have added,
# planner statistics (TRUNCATE keeps them: a database ANALYZE ran on is not handed out again),
# database settings, and the revision.
_FINGERPRINT = text(
    f"""
    WITH spaces AS (SELECT oid, nspname FROM pg_namespace WHERE nspname IN ({_USER_SCHEMAS}))
    SELECT md5(string_agg(item, E'\\n' ORDER BY item)) FROM (
        SELECT 'schema ' || nspname FROM spaces
        UNION ALL
        SELECT format('relation %s %s %s %s', c.oid::regclass, c.relkind, c.relpersistence,
                      pg_total_relation_size(c.oid))
        FROM pg_class c JOIN spaces s ON s.oid = c.relnamespace
        UNION ALL
        SELECT format('column %s %s %s %s %s %s', a.attrelid::regclass, a.attnum, a.attname,
                      format_type(a.atttypid, a.atttypmod), a.attnotnull,
                      pg_get_expr(d.adbin, d.adrelid))
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid JOIN spaces s ON s.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attnum > 0
        UNION ALL
        SELECT format('constraint %s %s %s', k.conrelid::regclass, k.conname,
                      pg_get_constraintdef(k.oid))
        FROM pg_constraint k JOIN spaces s ON s.oid = k.connamespace
        UNION ALL
        SELECT 'index ' || pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        JOIN spaces s ON s.oid = c.relnamespace
        UNION ALL
        SELECT format('sequence %s.%s %s %s %s', schemaname, sequencename, start_value,
                      increment_by, last_value)
        FROM pg_sequences WHERE schemaname IN (SELECT nspname FROM spaces)
        UNION ALL
        SELECT 'function ' || p.oid::regprocedure::text
        FROM pg_proc p JOIN spaces s ON s.oid = p.pronamespace
        UNION ALL
        SELECT 'type ' || t.oid::regtype::text
        FROM pg_type t JOIN spaces s ON s.oid = t.typnamespace WHERE t.typrelid = 0
        UNION ALL
        SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
        UNION ALL
        SELECT 'rule ' || definition FROM pg_rules
        WHERE schemaname IN (SELECT nspname FROM spaces)
        UNION ALL
        SELECT 'extension ' || extname FROM pg_extension
        UNION ALL
        SELECT format('statistics %s.%s.%s', schemaname, tablename, attname)
        FROM pg_stats WHERE schemaname IN (SELECT nspname FROM spaces)
        UNION ALL
        SELECT 'setting ' || array_to_string(setconfig, ',') FROM pg_db_role_setting
        WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
        UNION ALL
        SELECT 'revision ' || version_num FROM alembic_version
    ) AS everything (item)
    """
)


class PostgresStores:
    """Empty migrated PostgreSQL databases for tests, without migrating one per test.

    A database is migrated once; when the test that had it is done, it is emptied and handed to
    a later test, for a quarter of what migrating costs. (A copy of a migrated database per
    test, ``CREATE DATABASE … TEMPLATE``, measured no cheaper than migrating on a busy machine,
    and its ``DROP DATABASE`` waits for a checkpoint of the whole server.) Between two tests
    the database becomes, as far as a client can tell, a new one:

    - its connections are ended, and it is renamed: nothing the last test left running (a
      process, a pool) can reach the next test's database;
    - every table that was written is TRUNCATEd and every used sequence rewound (``_RESET``);
    - it must then match what it was right after its migrations (``_FINGERPRINT``); where it
      does not (a test changed the schema, autovacuum analyzed a table), it is dropped instead
      and a later test gets a newly migrated one.

    The reset runs in a thread of its own while the next test runs on another of the ``kept``
    databases (``kept=1``: the next test waits for it). Each reset opens its own connections,
    so acquiring and releasing work from every test's event loop. ``close`` drops every
    database made.
    """

    def __init__(self, server_url: str | None, *, kept: int = 2) -> None:
        self.server_url = server_url  # None: no server, ``acquire`` raises LookupError
        self.kept = kept  # databases made before a test waits for one being reset
        self._free: list[str] = []
        self._taken: set[str] = set()
        self._resets: list[tuple[str, Future[str | None]]] = []  # oldest first
        self._lost: list[str] = []  # whose reset failed: maybe still there
        self._resetter: ThreadPoolExecutor | None = None
        self._fingerprint: str | None = None
        self.migrated = 0  # databases migrated so far
        self.reused = 0  # databases handed out again after a reset

    def _server(self) -> str:
        if self.server_url is None:
            raise LookupError(f"{POSTGRES_URL_ENV} is not set")
        return self.server_url

    async def acquire(self) -> str:
        """The URL of an empty migrated database that nobody else uses; ``release`` it."""
        server = self._server()
        self._collect()
        while not self._free and self._resets and len(self._taken) + len(self._resets) >= self.kept:
            await asyncio.wrap_future(self._resets[0][1])
            self._collect()
        if self._free:
            name = self._free.pop(0)
            self.reused += 1
        else:
            name = await create_migrated_postgres_database(server)
            self.migrated += 1
            if self._fingerprint is None:
                self._fingerprint = await self._fingerprint_of(server, name)
        self._taken.add(name)
        return postgres_database_url(server, name)

    async def release(self, url: str) -> None:
        """Take back the database at ``url``: it is reset for a later test, or dropped."""
        server = self._server()
        name = make_url(url).database
        assert name is not None and name in self._taken, f"not from this pool: {name!r}"
        if self._resetter is None:
            self._resetter = ThreadPoolExecutor(1, thread_name_prefix="postgres-stores")
        # Its own event loop in that thread: the test's loop ends with the test.
        reset = self._resetter.submit(asyncio.run, self._reset(server, name))
        self._resets.append((name, reset))
        self._taken.discard(name)

    async def close(self) -> None:
        """Drop every database this pool made (also those not released); then raise the
        error of a reset that failed, if any."""
        for _, reset in self._resets:
            await asyncio.wrap_future(reset)  # its error is raised by ``_collect``
        error: BaseException | None = None
        try:
            self._collect()
        except BaseException as exc:  # raised below, once all is dropped
            error = exc
        names = [*self._free, *self._taken, *self._lost]
        self._free, self._taken, self._lost = [], set(), []
        for name in names:
            await drop_postgres_database(self._server(), name)
        if self._resetter is not None:
            self._resetter.shutdown()
            self._resetter = None
        if error is not None:
            raise error

    def _collect(self) -> None:
        """Put the databases whose reset finished in the free list; raise the first error of
        a reset that failed (its database is dropped by ``close``)."""
        done = [(name, reset) for name, reset in self._resets if reset.done()]
        self._resets = [(name, reset) for name, reset in self._resets if not reset.done()]
        error: BaseException | None = None
        for name, reset in done:
            failed = reset.exception()
            if failed is not None:
                self._lost.append(name)
                error = error or failed
            elif (renamed := reset.result()) is not None:
                self._free.append(renamed)
        if error is not None:
            raise error

    async def _reset(self, server: str, name: str) -> str | None:
        """Empty database ``name`` under a new name, which it returns; None when it was
        dropped instead (its connections would not end, or it did not look new then)."""
        renamed = await self._renamed(server, name)
        if renamed is None:
            await drop_postgres_database(server, name)
            return None
        try:
            database = _autocommit(postgres_database_url(server, renamed))
            try:
                async with database.connect() as connection:
                    await connection.execute(_RESET)
                    fingerprint = await connection.scalar(_FINGERPRINT)
            finally:
                await database.dispose()
        except BaseException:
            await drop_postgres_database(server, renamed)
            raise
        if fingerprint != self._fingerprint:
            await drop_postgres_database(server, renamed)
            return None
        return renamed

    @staticmethod
    async def _renamed(server: str, name: str) -> str | None:
        """End every connection to database ``name`` and give it a new name, which it returns;
        None when connections were still there after 10 s, or came back."""
        end = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :db"
        left = "SELECT count(*) FROM pg_stat_activity WHERE datname = :db"
        renamed = f"{SCRATCH_PREFIX}{secrets.token_hex(6)}"
        admin = _autocommit(server)
        try:
            async with admin.connect() as connection:
                await connection.execute(text(end), {"db": name})
                # Wait for them to be gone: RENAME needs nobody connected (and would itself
                # check that only every 100 ms).
                for _ in range(_GONE_POLLS):
                    if not await connection.scalar(text(left), {"db": name}):
                        break
                    await asyncio.sleep(_GONE_POLL_S)
                else:
                    return None
                try:
                    await connection.execute(text(f'ALTER DATABASE "{name}" RENAME TO "{renamed}"'))
                except DBAPIError:  # "being accessed by other users": one came back
                    return None
                return renamed
        finally:
            await admin.dispose()

    @staticmethod
    async def _fingerprint_of(server: str, name: str) -> str:
        database = _autocommit(postgres_database_url(server, name))
        try:
            async with database.connect() as connection:
                fingerprint = await connection.scalar(_FINGERPRINT)
        finally:
            await database.dispose()
        assert isinstance(fingerprint, str)
        return fingerprint


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
