"""``SqlStore`` and ``SqlTx``: the ``bot.ports.Store`` / ``Tx`` protocols over SQLAlchemy Core.

One transaction is one connection with one database transaction. ``SqlTx`` hands out its parts,
one per port of ``bot.ports`` and each in a module of ``storage/tx/`` (``tx.channels`` in
``storage/tx/channels.py``, ``tx.groups`` in ``storage/tx/groups.py``, …); they share the
transaction's ``TxContext`` (``storage/tx/context.py``) and the row mappers of
``storage/rows.py``.

Inserts that may race with
another process (channels, members, picks, nudge and round claims, round joins, feedback) use
``INSERT … ON CONFLICT DO NOTHING`` so the loser neither raises nor aborts its transaction;
counters and flags change with single conditional statements (``attempts = attempts + 1``,
``reminded = true WHERE reminded = false``), never read-modify-write.

Practice rounds can be large (up to ~10,000 members in one channel's round), so nothing that
handles a whole round runs a statement per member: member ids are looked up with ``IN`` lists
(``storage.rows.IN_CHUNK`` at a time), groups and seats are inserted with one executemany each
(and the seated members' role tallies with one executemany upsert), a round's groups and their
seats are two queries, and the partners of recent rounds, role counts, members, their pauses and
the count of joins are one query each.

SQLite vs PostgreSQL: on SQLite every transaction begins with ``BEGIN IMMEDIATE`` (see
``storage.engine``), so it holds the database's single write lock from its first statement and
``for_update`` needs no SQL of its own. On PostgreSQL ``for_update`` is ``SELECT … FOR UPDATE``.

On SQLite, transactions run on a synchronous connection on the event loop thread and never
block it while another process holds the lock: ``storage.sqlite_loop`` says why and how.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from sqlalchemy import Engine, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.model import Place
from bot.ports import PENDING_REQUEST, AlreadyHandled, StoreError
from storage.errors import cause, reason
from storage.sqlite_loop import LoopConnection, loop_read, loop_write, sqlite_sync_engine
from storage.tx.admins import SqlAdmins
from storage.tx.channels import SqlChannels
from storage.tx.cohorts import SqlCohorts
from storage.tx.context import TxContext
from storage.tx.feedback import SqlFeedback
from storage.tx.groups import SqlGroups
from storage.tx.levels import SqlLevels
from storage.tx.members import SqlMembers
from storage.tx.observations import SqlObservations
from storage.tx.offdays import SqlOffDays
from storage.tx.outbox import SqlOutbox
from storage.tx.pauses import SqlPauses
from storage.tx.picks import SqlPicks
from storage.tx.reflections import SqlReflections
from storage.tx.reports import SqlReports
from storage.tx.requests import SqlRequests
from storage.tx.rounds import SqlRounds
from storage.tx.shares import SqlShares
from storage.tx.work import SqlWork


class SqlStore:
    """The ``Store`` port over SQLAlchemy engines. Build it with ``open_store``.

    ``engine`` is the async engine of the database URL. On SQLite, transactions run on
    ``sync_engine``, a synchronous pysqlite engine on the same file (``open_store`` passes it;
    when omitted it is built from ``engine``); the store owns and closes both.
    """

    def __init__(self, engine: AsyncEngine, sync_engine: Engine | None = None) -> None:
        self._engine = engine
        self._sync_engine: Engine | None = None
        # SQLite allows one writer at a time and every transaction here is a write transaction
        # (BEGIN IMMEDIATE). Queueing this process's transactions on a lock is equivalent but
        # wakes the next one at once instead of polling. BEGIN IMMEDIATE (retried with
        # asyncio.sleep while busy) still arbitrates against other processes.
        self._sqlite_turn: asyncio.Lock | None = None
        if engine.dialect.name == "sqlite":
            if sync_engine is None:
                sync_engine = sqlite_sync_engine(engine)
            self._sync_engine = sync_engine
            self._sqlite_turn = asyncio.Lock()

    @property
    def engine(self) -> AsyncEngine:
        """The underlying async engine (for tools and tests; the core never needs it)."""
        return self._engine

    @property
    def writes_on_loop(self) -> bool:
        """Whether write transactions run on the event loop's thread (SQLite: see the module
        docstring)."""
        return self._sync_engine is not None

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._engine.dialect.name

    def transaction(self) -> AbstractAsyncContextManager[SqlTx]:
        """A unit of work: commits on normal exit, rolls back on an exception.

        Database failures (server gone, SQLite busy beyond ``SQLITE_BUSY_TIMEOUT_S``, …) surface
        as ``StoreError``; exceptions raised by the caller's block pass through unchanged after
        the rollback.
        """
        if self._sync_engine is not None and self._sqlite_turn is not None:
            return self._claiming(self._on_loop(loop_write(self._sync_engine, self._sqlite_turn)))
        return self._claiming(self._async_transaction())

    @staticmethod
    @asynccontextmanager
    async def _claiming(opened: AbstractAsyncContextManager[SqlTx]) -> AsyncIterator[SqlTx]:
        # A pending platform request (bot.ports.PENDING_REQUEST) is claimed first thing in the
        # task's first write transaction, so claim and work commit together: one transaction
        # per submission, and a failed attempt leaves the key free for the platform's retry.
        pending = PENDING_REQUEST.get()
        async with opened as tx:
            if pending is not None and not await tx.requests.claim(*pending):
                raise AlreadyHandled(pending[0])
            yield tx
        if pending is not None:
            PENDING_REQUEST.set(None)  # committed: later transactions of the task claim nothing

    def read(self) -> AbstractAsyncContextManager[SqlTx]:
        """A read-only unit of work: one consistent snapshot, no write lock.

        On SQLite it is a deferred transaction on its own connection, outside this process's
        queue of writers: in WAL mode it neither waits for a writer nor holds one up. On
        PostgreSQL it is a ``READ ONLY`` transaction. Writing in it is an error.
        """
        if self._sync_engine is not None:
            return self._on_loop(loop_read(self._sync_engine))
        return self._async_transaction(read_only=True)

    @asynccontextmanager
    async def _on_loop(
        self, opened: AbstractAsyncContextManager[LoopConnection]
    ) -> AsyncIterator[SqlTx]:
        async with opened as connection:
            yield SqlTx(connection)

    @asynccontextmanager
    async def _async_transaction(self, *, read_only: bool = False) -> AsyncIterator[SqlTx]:
        try:
            connection = await self._engine.connect()
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"cannot reach the database: {reason(exc)}") from cause(exc)
        try:
            async with connection.begin():
                if read_only:
                    await connection.exec_driver_sql("SET TRANSACTION READ ONLY")
                yield SqlTx(connection)
        except SQLAlchemyError as exc:
            # Only our own statements raise these (the core does not import SQLAlchemy).
            raise StoreError(f"database error: {reason(exc)}") from cause(exc)
        finally:
            # The transaction is already committed or rolled back here; a connection that
            # fails to close is discarded by the pool and must not hide the real outcome.
            with contextlib.suppress(SQLAlchemyError, OSError):
                await connection.close()

    async def close(self) -> None:
        """Release every connection (of both engines on SQLite)."""
        try:
            if self._sync_engine is not None:
                self._sync_engine.dispose()
        finally:
            await self._engine.dispose()


class SqlTx:
    """One transaction's view of the store (implements ``bot.ports.Tx``).

    Its parts, one per area and each a port of its own, share the transaction's ``TxContext``
    (its connection and the natural key → id lookups, cached per transaction).
    """

    def __init__(self, connection: AsyncConnection | LoopConnection) -> None:
        context = self._context = TxContext(connection)
        self.channels = SqlChannels(context)
        self.outbox = SqlOutbox(context)
        self.members = SqlMembers(context, self.outbox)
        self.pauses = SqlPauses(context)
        self.picks = SqlPicks(context)
        self.reflections = SqlReflections(context)
        self.rounds = SqlRounds(context)
        self.groups = SqlGroups(context)
        self.feedback = SqlFeedback(context)
        self.reports = SqlReports(context)
        self.admins = SqlAdmins(context)
        self.levels = SqlLevels(context)
        self.cohorts = SqlCohorts(context)
        self.shares = SqlShares(context)
        self.observations = SqlObservations(context)
        self.requests = SqlRequests(context)
        self.work = SqlWork(context)
        self.offdays = SqlOffDays(context)

    # For tools and tests (bench, raw checks): the connection and the channel id lookups.

    @property
    def conn(self) -> AsyncConnection | LoopConnection:
        """The transaction's connection."""
        return self._context.conn

    @property
    def postgres(self) -> bool:
        """Whether the database is PostgreSQL (else SQLite)."""
        return self._context.postgres

    def insert(self, table: Table) -> postgresql.Insert | sqlite.Insert:
        """An INSERT with the dialect's ``on_conflict_*`` clauses."""
        return self._context.insert(table)

    async def channel_id(self, place: Place) -> int | None:
        """The channel's surrogate id, or None."""
        return await self._context.channel_id(place)

    async def existing_channel_id(self, place: Place) -> int:
        """The channel's surrogate id; ``LookupError`` for an unknown channel."""
        return await self._context.existing_channel_id(place)

    def remember_channel(self, place: Place, channel_id: int) -> None:
        """Note a channel id read elsewhere, so later lookups skip the query."""
        self._context.remember_channel(place, channel_id)
