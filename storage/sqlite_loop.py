"""SQLite on the event loop thread: the synchronous engine, its connections and busy waits.

Why SQLite transactions run on the event loop thread: SQLite has one writer at a time, so this
process's transactions queue on an ``asyncio.Lock`` (plus ``BEGIN IMMEDIATE`` against other
processes) and a transaction's duration is the service time of that queue. Through SQLAlchemy's
asyncio layer and aiosqlite every statement costs about four thread hops of ~90 µs each
(measured): ~32 hops, ~6 ms, for one reflection, so 200 concurrent reflections waited ~1.3 s at
p99. The same transaction (BEGIN IMMEDIATE, 4 statements, COMMIT) on a synchronous pysqlite
connection takes ~0.6 ms. So on SQLite ``transaction()`` checks out a connection of a synchronous
engine on the same file (``storage.engine.sqlite_sync_engine``) and ``SqlTx`` drives it through
``LoopConnection``, an async face whose calls run at once on the loop thread. PostgreSQL keeps
the async engine (asyncpg): its statements really wait on the network.

What keeps the loop from blocking on another process's lock: those connections have
``busy_timeout=0``, so SQLite answers SQLITE_BUSY at once instead of sleeping in its busy
handler. ``transaction()`` issues ``BEGIN IMMEDIATE`` itself and on SQLITE_BUSY waits with
``asyncio.sleep`` (1 ms, doubling up to 50 ms) and tries again, for at most
``SQLITE_BUSY_TIMEOUT_S`` counted from the call (the wait for this process's own queue included),
then raises ``StoreError``; a connect that finds the file busy is retried the same way. Once
BEGIN IMMEDIATE holds the write lock, statements never wait on anyone in WAL mode (readers do not
block the writer). A WAL COMMIT does not wait either (a checkpoint that cannot get its locks is
skipped, not awaited), but COMMIT is retried like BEGIN all the same, with a budget of its own,
since SQLite keeps the transaction open after a busy COMMIT. What stays on the loop is CPU and
writes to the WAL file (no fsync per commit with ``synchronous=NORMAL``; an automatic checkpoint
every ~1000 pages syncs the database file). An uncontended transaction thus never suspends: it
runs start to end in one go (~1 ms for a reflection), and gathered callers run back to back.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from sqlalchemy import Connection, CursorResult, Dialect, Engine, Executable, ScalarResult, event
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.ports import StoreError
from storage.errors import cause, reason
from storage.tables import json_dumps

# How long a SQLite transaction may wait for its turn to write (this process's queue, then the
# write lock held by other processes) before it gives up with StoreError; COMMIT gets as long
# again. The aiosqlite connections that run migrations use it as SQLite's busy_timeout.
SQLITE_BUSY_TIMEOUT_S = 30.0

# Back-off between attempts while the SQLite database is busy: the first sleep, doubling up to
# the last. Short, so the lock is taken soon after it is released; growing, so a long wait does
# not spin.
SQLITE_BUSY_FIRST_SLEEP_S = 0.001
SQLITE_BUSY_MAX_SLEEP_S = 0.05

SQLITE_SYNC = "sqlite"  # pysqlite: the driver of the store's in-loop connections

_T = TypeVar("_T")


def sqlite_sync_engine(engine: AsyncEngine) -> Engine:
    """A synchronous pysqlite engine on the same file as the SQLite ``engine``.

    Its connections are meant for the event loop thread: ``busy_timeout=0`` (a locked database
    fails at once with SQLITE_BUSY instead of sleeping inside SQLite; ``SqlStore`` waits with
    ``asyncio.sleep``), otherwise the same settings as the async engine: WAL,
    ``synchronous=NORMAL``, foreign keys, no driver-emitted BEGIN, the same JSON serializer.
    """
    url = engine.url.set(drivername=SQLITE_SYNC)
    sync_engine = create_sync_engine(
        url,
        # Not even the PRAGMAs while connecting wait inside SQLite: SqlStore retries a busy
        # connect itself, with asyncio.sleep.
        connect_args={"timeout": 0.0},
        json_serializer=json_dumps,
    )
    event.listen(sync_engine, "connect", _sqlite_on_connect_in_loop)
    return sync_engine


def _sqlite_on_connect_in_loop(dbapi_connection: Any, _record: Any) -> None:
    # Connections on the event loop thread must never wait inside SQLite (see the module docstring).
    sqlite_settings(dbapi_connection, busy_timeout_s=0.0)


def sqlite_settings(dbapi_connection: Any, *, busy_timeout_s: float) -> None:
    """Apply ballback's settings to a new pysqlite connection (both engines' connect hook)."""
    # No implicit transactions from the driver: BEGIN IMMEDIATE is always our own statement.
    # Set first, so the PRAGMAs below run outside any transaction (foreign_keys requires it).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable enough in WAL mode, much faster
        cursor.execute("PRAGMA foreign_keys=ON")  # off by default in SQLite
    finally:
        cursor.close()


@asynccontextmanager
async def loop_read(sync_engine: Engine) -> AsyncIterator[LoopConnection]:
    """A deferred (read-only) transaction on its own connection of ``sync_engine``: one
    consistent snapshot, outside the queue of writers; rolled back at the end."""
    deadline = asyncio.get_running_loop().time() + SQLITE_BUSY_TIMEOUT_S
    try:
        connection = await until_not_busy(sync_engine.connect, deadline)
    except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
        raise StoreError(f"cannot reach the database: {reason(exc)}") from cause(exc)
    try:
        driver: sqlite3.Connection = connection.connection.driver_connection
        await until_not_busy(lambda: driver.execute("BEGIN"), deadline)
        connection.begin()
        try:
            yield LoopConnection(connection)
        finally:
            connection.rollback()  # nothing to keep: it only read
    except (SQLAlchemyError, sqlite3.Error) as exc:
        raise StoreError(f"database error: {reason(exc)}") from cause(exc)
    finally:
        with contextlib.suppress(SQLAlchemyError, sqlite3.Error, OSError):
            connection.close()


@asynccontextmanager
async def loop_write(sync_engine: Engine, turn: asyncio.Lock) -> AsyncIterator[LoopConnection]:
    """A ``BEGIN IMMEDIATE`` transaction on a connection of ``sync_engine``, after this
    process's turn (``turn``) came: commits on normal exit, rolls back on an exception."""
    # See the module docstring: everything below runs on the loop thread and only ever
    # waits in asyncio (the queue, the back-off sleeps, the caller's own awaits).
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SQLITE_BUSY_TIMEOUT_S
    try:
        async with asyncio.timeout_at(deadline):
            await turn.acquire()
    except TimeoutError:
        raise StoreError(
            f"the SQLite database stayed busy for {SQLITE_BUSY_TIMEOUT_S:g} s "
            "(a transaction in this process is not finishing)"
        ) from None
    try:
        try:
            connection = await until_not_busy(sync_engine.connect, deadline)
        except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot reach the database: {reason(exc)}") from cause(exc)
        try:
            driver: sqlite3.Connection = connection.connection.driver_connection
            await until_not_busy(lambda: driver.execute("BEGIN IMMEDIATE"), deadline)
            # SQLAlchemy's bookkeeping only: pysqlite's do_begin emits nothing.
            connection.begin()
            try:
                yield LoopConnection(connection)
            except BaseException:
                connection.rollback()
                raise
            commit_deadline = loop.time() + SQLITE_BUSY_TIMEOUT_S
            await until_not_busy(lambda: driver.execute("COMMIT"), commit_deadline)
            connection.commit()  # bookkeeping again: nothing is left to commit
        except (SQLAlchemyError, sqlite3.Error) as exc:
            # Only our own statements raise these (the core does not import SQLAlchemy).
            raise StoreError(f"database error: {reason(exc)}") from cause(exc)
        finally:
            # Closing rolls back whatever is still open (a failed COMMIT). A connection that
            # fails to close is discarded by the pool and must not hide the real outcome.
            with contextlib.suppress(SQLAlchemyError, sqlite3.Error, OSError):
                connection.close()
    finally:
        turn.release()


class LoopConnection:
    """An async face over a synchronous ``Connection``: each call runs at once, on this thread.

    Offers what the store's parts use of ``AsyncConnection`` (``execute``, ``scalar``,
    ``scalars``, ``dialect``) with the same results, so the same parts serve both backends. Meant
    for SQLite connections whose transaction already holds the write lock (nothing they run waits).
    """

    __slots__ = ("_c",)

    def __init__(self, connection: Connection) -> None:
        self._c = connection

    @property
    def dialect(self) -> Dialect:
        """The connection's dialect."""
        return self._c.dialect

    async def execute(
        self,
        statement: Executable,
        parameters: Sequence[Mapping[str, Any]] | Mapping[str, Any] | None = None,
    ) -> CursorResult[Any]:
        """Run ``statement`` (with one parameter set or a list of them) and return its result."""
        return self._c.execute(statement, parameters)

    async def scalar(self, statement: Executable) -> Any:
        """The first column of the first row of ``statement``'s result, or None."""
        return self._c.scalar(statement)

    async def scalars(self, statement: Executable) -> ScalarResult[Any]:
        """The first column of every row of ``statement``'s result."""
        return self._c.scalars(statement)


async def until_not_busy(attempt: Callable[[], _T], deadline: float) -> _T:
    """``attempt()``, tried again after a growing ``asyncio.sleep`` while SQLite is busy.

    Raises ``StoreError`` when the database is still busy at ``deadline`` (loop time); any other
    error of ``attempt`` passes through at once.
    """
    loop = asyncio.get_running_loop()
    pause = SQLITE_BUSY_FIRST_SLEEP_S
    while True:
        try:
            return attempt()
        except (SQLAlchemyError, sqlite3.Error) as exc:
            if not _is_busy(exc):
                raise
            left = deadline - loop.time()
            if left <= 0:
                raise StoreError(
                    "the SQLite database is locked by another connection or process: "
                    f"still busy after {SQLITE_BUSY_TIMEOUT_S:g} s"
                ) from cause(exc)
        await asyncio.sleep(min(pause, left))
        pause = min(pause * 2, SQLITE_BUSY_MAX_SLEEP_S)


def _is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite's SQLITE_BUSY ("database is locked"), in any extended form."""
    error = exc.orig if isinstance(exc, DBAPIError) else exc
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(error, sqlite3.OperationalError) and (
        "database is locked" in str(error) if code is None else code & 0xFF == sqlite3.SQLITE_BUSY
    )
