"""Opening the database: URL checks, engine setup per backend, migrations at start.

Two backends are supported:

- ``sqlite+aiosqlite:///path/to/ballback.db`` (the default): WAL, foreign keys, and
  transactions that begin with ``BEGIN IMMEDIATE``. Plain SQLAlchemy + aiosqlite loses
  updates under concurrent writers (pysqlite only emits BEGIN before the first write, so the
  read in a read-modify-write is outside the transaction), and a deferred ``BEGIN`` fails with
  "database is locked" when a reader later tries to write, whatever the busy timeout. Taking the
  write lock at BEGIN avoids both (see ``reference/spikes/sqlite_concurrency_check.py``).

  Two engines share the file. The aiosqlite engine of the URL runs migrations and schema checks
  (in its worker thread, with a 30 s busy timeout, so concurrent upgrades simply queue). The
  store's transactions run on a synchronous pysqlite engine (``sqlite:///`` on the same path,
  ``storage.sqlite_loop.sqlite_sync_engine``) directly on the event loop thread, with
  ``busy_timeout=0``: see ``storage.sqlite_loop`` for why and for how it never blocks the loop.
- ``postgresql+asyncpg://user:password@host/dbname``: a normal pool. Query parameters that
  asyncpg does not take as connection arguments are sent as server settings, as asyncpg itself
  does for DSNs: ``?search_path=ballback`` keeps the tables in that schema.

Whatever goes wrong while opening is raised as ``bot.ports.StoreError`` with one line that names
the path (or the URL without its password) and ``BALLBACK_DATABASE_URL``.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from alembic.util import CommandError
from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.ports import StoreError
from storage.errors import URL_HINT, cause, reason, safe_url
from storage.migrate import head_revision, revision_of, upgrade_engine
from storage.sqlite_loop import SQLITE_BUSY_TIMEOUT_S, sqlite_settings, sqlite_sync_engine
from storage.store import SqlStore
from storage.tables import json_dumps

SQLITE = "sqlite+aiosqlite"
POSTGRES = "postgresql+asyncpg"
EXAMPLES = f"{SQLITE}:///path/to/ballback.db or {POSTGRES}://user:password@host/dbname"

# Seconds asyncpg waits for a connection; its default (60 s) is too long for a start-up check.
POSTGRES_CONNECT_TIMEOUT_S = 10.0
# Connections per process: kept open, and opened on top of those when all are busy (a
# PostgreSQL server allows 100 by default: three instances at their peak stay below it).
POSTGRES_POOL_SIZE = 10
POSTGRES_POOL_OVERFLOW = 20

# Failures that mean "this database cannot be used", as opposed to bugs.
_UNUSABLE = (SQLAlchemyError, OSError, CommandError, TimeoutError)


def sqlite_url(path: Path) -> str:
    """The URL of the SQLite database file at ``path`` (made absolute, ``~`` expanded)."""
    url = URL.create(SQLITE, database=str(Path(path).expanduser().absolute()))
    return url.render_as_string(hide_password=False)


def create_engine(url: str | URL) -> AsyncEngine:
    """An async engine for a supported URL, configured for our concurrency rules.

    Connects lazily: an unreachable server or an unopenable file shows on first use. Raises
    ``StoreError`` for a malformed or unsupported URL and for a SQLite directory that cannot be
    created.
    """
    parsed = _parse(url)
    if parsed.drivername == SQLITE:
        return _sqlite_engine(parsed)
    if parsed.drivername == POSTGRES:
        return _postgres_engine(parsed)
    raise StoreError(
        f"unsupported database URL {safe_url(parsed)}: use {EXAMPLES} (set {URL_HINT})"
    )


async def open_store(url: str, *, upgrade: bool = True) -> SqlStore:
    """Open the store at ``url``, first migrating its schema to the newest revision.

    With ``upgrade=False`` the schema is only checked: a database that is not at the newest
    revision raises ``StoreError`` (run ``ballback db upgrade``). Every failure to use the
    database raises ``StoreError``; nothing is left open then.
    """
    engine = create_engine(url)
    try:
        if upgrade:
            await upgrade_engine(engine)
        else:
            await _check_schema(engine, _parse(url))
        if engine.dialect.name == "sqlite":
            # Transactions run on the sync engine; drop the aiosqlite connection (and its
            # worker thread) now. The engine stays usable and reconnects if asked to.
            await engine.dispose()
    except _UNUSABLE as exc:
        await engine.dispose()
        raise _unusable(_parse(url), exc) from cause(exc)
    except BaseException:  # StoreError from the schema check, cancellation, bugs
        await engine.dispose()
        raise
    if engine.dialect.name == "sqlite":
        return SqlStore(engine, sqlite_sync_engine(engine))
    return SqlStore(engine)


async def upgrade(url: str) -> None:
    """Apply pending migrations at ``url`` (a no-op at head).

    Safe at every start and from several processes at once: upgrades are serialized by a
    PostgreSQL advisory lock or SQLite's write lock, and the late one finds nothing to do.
    """
    engine = create_engine(url)
    try:
        await upgrade_engine(engine)
    except _UNUSABLE as exc:
        raise _unusable(_parse(url), exc) from cause(exc)
    finally:
        await engine.dispose()


async def current_revision(url: str) -> str | None:
    """The schema revision of the database at ``url``; None when it was never migrated."""
    engine = create_engine(url)
    try:
        return await revision_of(engine)
    except _UNUSABLE as exc:
        raise _unusable(_parse(url), exc) from cause(exc)
    finally:
        await engine.dispose()


# ---------------------------------------------------------------------- internals


def _parse(url: str | URL) -> URL:
    if isinstance(url, URL):
        return url
    try:
        return make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StoreError(
            f"malformed database URL {safe_url(url)!r} ({reason(exc)}): "
            f"set {URL_HINT} to {EXAMPLES}"
        ) from None


def _sqlite_engine(url: URL) -> AsyncEngine:
    database = url.database or ""
    if database in ("", ":memory:") or url.query.get("mode") == "memory" or "uri" in url.query:
        # Each pooled connection would see its own empty in-memory database, and URI filenames
        # would defeat the directory check below.
        raise StoreError(
            f"unsupported SQLite database {database or ':memory:'!r}: in-memory and URI "
            f"databases are not supported; set {URL_HINT} to a file, "
            f"e.g. {SQLITE}:///path/to/ballback.db"
        )
    path = Path(database)
    _make_parent_directory(path)
    engine = create_async_engine(
        url,
        # sqlite3's own busy timeout (seconds) applies while connecting, before our PRAGMAs.
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S},
        json_serializer=json_dumps,
    )
    event.listen(engine.sync_engine, "connect", _sqlite_on_connect)
    event.listen(engine.sync_engine, "begin", _sqlite_on_begin)
    return engine


def _make_parent_directory(path: Path) -> None:
    if path.is_dir():
        raise StoreError(_sqlite_message(path, "it is a directory"))
    # A file where a directory should be fails mkdir with a puzzling "File exists": name it.
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise StoreError(_sqlite_message(path, f"{blocker} is a file, not a directory"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = f"cannot create {path.parent}: {reason(exc)}"
        raise StoreError(_sqlite_message(path, why)) from exc


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Connections in aiosqlite's worker thread may wait for the lock inside SQLite.
    sqlite_settings(dbapi_connection, busy_timeout_s=SQLITE_BUSY_TIMEOUT_S)


def _sqlite_on_begin(connection: Any) -> None:
    # Take the write lock now rather than at the first write: a transaction that reads and then
    # writes could otherwise fail with "database is locked" without waiting (see module doc).
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _postgres_engine(url: URL) -> AsyncEngine:
    try:
        import asyncpg  # optional dependency: the "postgres" extra
    except ImportError:
        raise StoreError(
            f"{safe_url(url)} needs the asyncpg driver: pip install 'ballback[postgres]' "
            f"or set {URL_HINT} to a SQLite URL"
        ) from None
    accepted = set(inspect.signature(asyncpg.connect).parameters) | {
        "prepared_statement_cache_size"  # consumed by SQLAlchemy's asyncpg dialect
    }
    query = dict(url.query)
    if "sslmode" in query and "ssl" not in query:
        query["ssl"] = query.pop("sslmode")  # the libpq spelling, common in hosted URLs
    server_settings: dict[str, str] = {}
    for key in [k for k in query if k not in accepted]:
        value = query.pop(key)
        if not isinstance(value, str):
            raise StoreError(
                f"database URL {safe_url(url)}: parameter {key!r} is given more than once "
                f"(set {URL_HINT})"
            )
        server_settings[key] = value
    connect_args: dict[str, Any] = {}
    if "timeout" not in query:
        connect_args["timeout"] = POSTGRES_CONNECT_TIMEOUT_S
    if server_settings:
        connect_args["server_settings"] = server_settings
    return create_async_engine(
        url.set(query=query),
        pool_pre_ping=True,  # survive a server restart between ticks
        # The courier delivers up to 64 lanes side by side, each with a transaction now and
        # then, beside the scheduler's and the members' own: more than SQLAlchemy's default
        # of 5 + 10 connections (a precaution; ``python -m bench.fanout`` showed no change
        # beyond its run-to-run spread).
        pool_size=POSTGRES_POOL_SIZE,
        max_overflow=POSTGRES_POOL_OVERFLOW,
        connect_args=connect_args,
        json_serializer=json_dumps,
    )


def _sqlite_message(path: Path, why: str) -> str:
    return f"cannot use the SQLite database {path}: {why}. Set {URL_HINT} to a writable location"


def _unusable(url: URL, exc: BaseException) -> StoreError:
    # A CommandError is e.g. a database migrated by a newer ballback than this one.
    why = f"schema problem: {reason(exc)}" if isinstance(exc, CommandError) else reason(exc)
    if url.drivername == SQLITE:
        return StoreError(_sqlite_message(Path(url.database or ""), why))
    return StoreError(
        f"cannot use the database {safe_url(url)}: {why}. "
        f"Check that the server is reachable and {URL_HINT} is right"
    )


async def _check_schema(engine: AsyncEngine, shown: URL) -> None:
    current, head = await revision_of(engine), head_revision()
    if current != head:
        raise StoreError(
            f"the database {safe_url(shown)} is at schema revision {current or 'none'} "
            f"but this ballback needs {head}: run `ballback db upgrade`"
        )
