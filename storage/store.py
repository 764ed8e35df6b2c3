"""``SqlStore`` and ``SqlTx``: the ``bot.ports.Store`` / ``Tx`` protocols over SQLAlchemy Core.

One transaction is one connection with one database transaction. Inserts that may race with
another process (channels, members, picks, nudge and round claims, round joins, feedback) use
``INSERT … ON CONFLICT DO NOTHING`` so the loser neither raises nor aborts its transaction;
counters and flags change with single conditional statements (``attempts = attempts + 1``,
``reminded = true WHERE reminded = false``), never read-modify-write.

Practice rounds can be large (up to ~10,000 members in one channel's round), so nothing that
handles a whole round runs a statement per member: member ids are looked up with ``IN`` lists
(``IN_CHUNK`` at a time), groups and seats are inserted with one executemany each (and the
seated members' role tallies with one executemany upsert), a round's groups and their seats are
two queries, and the partners of recent rounds, role counts, members, their pauses and the count
of joins are one query each.

SQLite vs PostgreSQL: on SQLite every transaction begins with ``BEGIN IMMEDIATE`` (see
``storage.engine``), so it holds the database's single write lock from its first statement and
``for_update`` needs no SQL of its own. On PostgreSQL ``for_update`` is ``SELECT … FOR UPDATE``.

On SQLite, transactions run on a synchronous connection on the event loop thread and never
block it while another process holds the lock: ``storage.sqlite_loop`` says why and how.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Collection, Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import replace
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Engine,
    Row,
    Select,
    Table,
    and_,
    bindparam,
    delete,
    false,
    func,
    select,
    true,
    tuple_,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.model import (
    ROLES,
    Channel,
    ChannelActivity,
    DailyPick,
    Feedback,
    Group,
    Member,
    MemberRef,
    Pause,
    Place,
    Reflection,
    Rotation,
    Seat,
    StreakState,
)
from bot.ports import TRIO, StoreError
from storage.errors import cause, reason
from storage.offdays import SqlOffDays
from storage.outbox import SqlOutbox
from storage.picks import SqlPicks, pick_from_row
from storage.sqlite_loop import (
    LoopConnection,
    loop_read,
    loop_write,
    sqlite_sync_engine,
)
from storage.tables import (
    channel_admins,
    channels,
    daily_picks,
    group_seats,
    handled_requests,
    members,
    reflections,
    role_tallies,
    round_members,
)
from storage.tables import feedback as feedback_table
from storage.tables import groups as groups_table
from storage.tables import pauses as pauses_table
from storage.tables import rounds as rounds_table
from storage.tables import utc as _utc
from storage.tables import work as work_table
from storage.work import SqlWork

# The most values one statement binds in an ``IN (…)`` list. Within SQLite's limit of 32,766
# variables and asyncpg's 32,767 arguments, and large enough that a 10,000-member round needs
# one query.
IN_CHUNK = 10_000

# From this many members on, ``role_counts`` reads all the channel's ``role_tallies`` rows (one
# per member ever seated there, however long the history) in one pass instead of looking each
# member's row up by id. Measured with a channel of 10,000 and of 20,000 rows: by id ~5 µs per
# member asked on SQLite, ~9 µs on PostgreSQL (the IN list's 10,000 parameters cost most); the
# pass ~1.5 µs per row of the channel on SQLite, ~2-4 µs on PostgreSQL. 10,000 members asked:
# 51 ms by id vs 39 ms in the pass on SQLite, 91 vs 38 ms on PostgreSQL; 2,000 asked of 10,000
# rows: 10 vs 19 ms, 19 vs 16 ms. So the pass wins once the members asked are more than about a
# fifth (PostgreSQL) to a half (SQLite) of the channel's rows, as a large round's members are;
# below this count the lookups are cheaper, and at it the pass loses at most ~20 ms.
ROLE_SCAN_MIN = 2_000

# The counts ``role_counts`` returns and ``role_tallies`` keeps, in its column order.
_TALLIED: tuple[str, ...] = (*ROLES, TRIO)

_T = TypeVar("_T")


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
            return self._on_loop(loop_write(self._sync_engine, self._sqlite_turn))
        return self._async_transaction()

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
    """One transaction's view of the store (implements ``bot.ports.Tx``)."""

    def __init__(self, connection: AsyncConnection | LoopConnection) -> None:
        self._c = connection
        self._postgres = connection.dialect.name == "postgresql"
        # Surrogate ids never change and rows are never deleted under a running transaction,
        # so each natural key is looked up at most once per transaction.
        self._channel_ids: dict[Place, int] = {}
        self._member_ids: dict[MemberRef, int] = {}
        # Groups are never deleted either: a group seen once needs no existence check again.
        self._group_ids: set[int] = set()
        # The scheduling parts, each a port of its own (bot.ports.WorkLedger, Outbox, OffDays).
        self.work = SqlWork(self)
        self.outbox = SqlOutbox(self)
        self.offdays = SqlOffDays(self)
        self.picks = SqlPicks(self)

    # ------------------------------------------------------------------ for the parts
    #
    # What SqlWork, SqlOutbox and SqlOffDays share with this transaction: its connection and
    # the natural key → id lookups (cached per transaction).

    @property
    def conn(self) -> AsyncConnection | LoopConnection:
        """The transaction's connection."""
        return self._c

    @property
    def postgres(self) -> bool:
        """Whether the database is PostgreSQL (else SQLite)."""
        return self._postgres

    def insert(self, table: Table) -> postgresql.Insert | sqlite.Insert:
        """An INSERT with the dialect's ``on_conflict_*`` clauses."""
        return self._insert(table)

    async def channel_id(self, place: Place) -> int | None:
        """The channel's surrogate id, or None."""
        return await self._channel_id(place)

    async def existing_channel_id(self, place: Place) -> int:
        """The channel's surrogate id; ``LookupError`` for an unknown channel."""
        return await self._existing_channel_id(place)

    def remember_channel(self, place: Place, channel_id: int) -> None:
        """Note a channel id read by a part, so later lookups skip the query."""
        self._channel_ids[place] = channel_id

    # ------------------------------------------------------------------ helpers

    def _insert(self, table: Table) -> postgresql.Insert | sqlite.Insert:
        # Both dialects' inserts offer on_conflict_do_nothing and on_conflict_do_update (and
        # ``excluded``) with the same signatures.
        return postgresql.insert(table) if self._postgres else sqlite.insert(table)

    def _locked(self, stmt: Select[Any], for_update: bool) -> Select[Any]:
        # On SQLite the transaction holds the write lock since BEGIN IMMEDIATE.
        return stmt.with_for_update() if for_update and self._postgres else stmt

    async def _channel_id(self, place: Place) -> int | None:
        if (known := self._channel_ids.get(place)) is not None:
            return known
        found = await self._c.scalar(select(channels.c.id).where(_is_place(place)))
        if found is not None:
            self._channel_ids[place] = found
        return found

    async def _existing_channel_id(self, place: Place) -> int:
        found = await self._channel_id(place)
        if found is None:
            raise LookupError(f"no such channel: {place}")
        return found

    async def _member_id(self, ref: MemberRef) -> int | None:
        if (known := self._member_ids.get(ref)) is not None:
            return known
        found = await self._c.scalar(select(members.c.id).where(_is_member(ref)))
        if found is not None:
            self._member_ids[ref] = found
        return found

    async def _existing_member_id(self, ref: MemberRef) -> int:
        found = await self._member_id(ref)
        if found is None:
            raise LookupError(f"no such member: {ref}")
        return found

    async def _member_ids_of(self, refs: Iterable[MemberRef]) -> dict[MemberRef, int]:
        """The ids of the known members among ``refs`` (unknown ones are left out).

        Looked up ``IN_CHUNK`` at a time per platform workspace, not one query per member.
        """
        found: dict[MemberRef, int] = {}
        missing: list[MemberRef] = []
        for ref in refs:
            if (known := self._member_ids.get(ref)) is not None:
                found[ref] = known
            else:
                missing.append(ref)
        for (platform, workspace), users in _by_workspace(missing).items():
            for chunk in _chunks(users):
                stmt = select(members.c.id, members.c.user_id).where(
                    members.c.platform == platform,
                    members.c.workspace == workspace,
                    members.c.user_id.in_(chunk),
                )
                for row in await self._c.execute(stmt):
                    ref = MemberRef(platform, workspace, row.user_id)
                    self._member_ids[ref] = found[ref] = row.id
        return found

    # ------------------------------------------------------------------ channels

    async def get_channel(self, place: Place, *, for_update: bool = False) -> Channel | None:
        """The channel, or None. ``for_update`` locks the row until the transaction ends."""
        stmt = _CHANNEL_AT.with_for_update() if for_update and self._postgres else _CHANNEL_AT
        row = (await self._c.execute(stmt, _place_params(place))).one_or_none()
        if row is None:
            return None
        self._channel_ids[place] = row.id
        return channel_from_row(row)

    async def get_channels(
        self, places: Collection[Place], *, for_update: bool = False
    ) -> dict[Place, Channel]:
        """The known channels among ``places``; ``for_update`` locks their rows (in id
        order, so two writers locking overlapping sets cannot deadlock)."""
        found: dict[Place, Channel] = {}
        wanted = sorted({(p.platform, p.workspace, p.channel) for p in places})
        step = IN_CHUNK // 10  # three values bound per channel
        for start in range(0, len(wanted), step):
            key = tuple_(channels.c.platform, channels.c.workspace, channels.c.channel)
            stmt = (
                select(channels)
                .where(key.in_(wanted[start : start + step]))
                .order_by(channels.c.id)
            )
            for row in await self._c.execute(self._locked(stmt, for_update)):
                channel = channel_from_row(row)
                self._channel_ids[channel.place] = row.id
                found[channel.place] = channel
        return found

    async def add_channel(self, channel: Channel) -> Channel:
        """Insert a channel unless it exists (a concurrent insert wins); return the stored one."""
        place = channel.place
        stmt = (
            self._insert(channels)
            .values(
                platform=place.platform,
                workspace=place.workspace,
                channel=place.channel,
                **_channel_settings(channel),
            )
            .on_conflict_do_nothing(index_elements=["platform", "workspace", "channel"])
        )
        await self._c.execute(stmt)
        stored = await self.get_channel(place)
        assert stored is not None  # inserted now, or by the concurrent writer that won
        return stored

    async def save_channel(self, channel: Channel) -> None:
        """Update an existing channel's settings and rotation state (``LookupError`` if none)."""
        stmt = update(channels).where(_is_place(channel.place)).values(**_channel_settings(channel))
        if (await self._c.execute(stmt)).rowcount == 0:
            raise LookupError(f"no such channel: {channel.place}")

    async def list_channels(self) -> Sequence[Channel]:
        """All channels, ordered by platform, workspace and channel id."""
        stmt = select(channels).order_by(
            channels.c.platform, channels.c.workspace, channels.c.channel
        )
        return [channel_from_row(row) for row in await self._c.execute(stmt)]

    # ------------------------------------------------------------------ members

    async def get_member(self, ref: MemberRef, *, for_update: bool = False) -> Member | None:
        """The member, or None. ``for_update`` locks the row until the transaction ends."""
        stmt = _MEMBER_AT.with_for_update() if for_update and self._postgres else _MEMBER_AT
        row = (await self._c.execute(stmt, _member_params(ref))).one_or_none()
        if row is None:
            return None
        self._member_ids[ref] = row.id
        return _member(row)

    async def add_member(self, member: Member) -> Member:
        """Insert a member unless they exist (a concurrent insert wins); return the stored one."""
        ref = member.ref
        stmt = (
            self._insert(members)
            .values(
                platform=ref.platform,
                workspace=ref.workspace,
                user_id=ref.user,
                **_member_settings(member),
            )
            .on_conflict_do_nothing(index_elements=["platform", "workspace", "user_id"])
        )
        await self._c.execute(stmt)
        stored = await self.get_member(ref)
        assert stored is not None  # inserted now, or by the concurrent writer that won
        return stored

    async def save_member(self, member: Member) -> None:
        """Update an existing member's name, settings and streak (``LookupError`` if none)."""
        params = {**_member_params(member.ref), **_member_settings(member)}
        if (await self._c.execute(_SAVE_MEMBER, params)).rowcount == 0:
            raise LookupError(f"no such member: {member.ref}")

    async def delete_member(self, ref: MemberRef) -> bool:
        """Delete the member and, through the schema's cascades, everything of theirs:
        reflections, pauses, joins, seats, feedback they gave, grants and role tallies.
        False when there was no such member."""
        deleted = await self._c.execute(delete(members).where(_is_member(ref)))
        self._member_ids.pop(ref, None)
        await self.outbox.forget_member(ref.platform, ref.workspace, ref.user)
        return deleted.rowcount == 1

    async def get_members(self, refs: Iterable[MemberRef]) -> Mapping[MemberRef, Member]:
        """The stored members among ``refs`` (unknown ones are left out).

        One query per platform workspace (per ``IN_CHUNK`` user ids), not one per member.
        """
        found: dict[MemberRef, Member] = {}
        for (platform, workspace), users in _by_workspace(refs).items():
            for chunk in _chunks(users):
                stmt = select(members).where(
                    members.c.platform == platform,
                    members.c.workspace == workspace,
                    members.c.user_id.in_(chunk),
                )
                for row in await self._c.execute(stmt):
                    member = _member(row)
                    self._member_ids[member.ref] = row.id
                    found[member.ref] = member
        return found

    async def pauses_covering(
        self, refs: Iterable[MemberRef], day: date
    ) -> Mapping[MemberRef, date]:
        """The members among ``refs`` paused on ``day``, each with the latest end of the pauses
        that cover it; members not paused (or not stored) are left out.

        One query per platform workspace (per ``IN_CHUNK`` user ids), not one per member.
        """
        paused: dict[MemberRef, date] = {}
        last = func.max(pauses_table.c.end_day).label("last")
        for (platform, workspace), users in _by_workspace(refs).items():
            for chunk in _chunks(users):
                stmt = (
                    select(members.c.user_id, last)
                    .join(pauses_table, pauses_table.c.member_id == members.c.id)
                    .where(
                        members.c.platform == platform,
                        members.c.workspace == workspace,
                        members.c.user_id.in_(chunk),
                        pauses_table.c.start_day <= day,
                        pauses_table.c.end_day >= day,
                    )
                    .group_by(members.c.user_id)
                )
                for user, end in await self._c.execute(stmt):
                    paused[MemberRef(platform, workspace, user)] = end
        return paused

    async def members_with_reminders(self, place: Place) -> Sequence[Member]:
        """The members who asked for reflection reminders in this channel."""
        stmt = select(members).where(
            members.c.platform == place.platform,
            members.c.workspace == place.workspace,
            members.c.reminders.is_(True),
            members.c.reminder_channel == place.channel,
        )
        found = []
        for row in await self._c.execute(stmt):
            member = _member(row)
            self._member_ids[member.ref] = row.id
            found.append(member)
        return found

    async def members_reflecting_in(self, place: Place) -> Sequence[MemberRef]:
        """The members with at least one reflection written in this channel."""
        channel_id = await self._channel_id(place)
        if channel_id is None:
            return []
        stmt = (
            select(members.c.id, members.c.platform, members.c.workspace, members.c.user_id)
            .where(
                members.c.id.in_(
                    select(reflections.c.member_id)
                    .where(reflections.c.channel_id == channel_id)
                    .scalar_subquery()
                )
            )
            .order_by(members.c.id)
        )
        found = []
        for row in await self._c.execute(stmt):
            ref = MemberRef(row.platform, row.workspace, row.user_id)
            self._member_ids[ref] = row.id
            found.append(ref)
        return found

    async def reflected_on(self, refs: Iterable[MemberRef], day: date) -> frozenset[MemberRef]:
        """The members among ``refs`` with a reflection that counts for ``day`` (one query per
        workspace)."""
        found: set[MemberRef] = set()
        for (platform, workspace), users in _by_workspace(refs).items():
            for chunk in _chunks(users):
                stmt = (
                    select(members.c.user_id)
                    .join(reflections, reflections.c.member_id == members.c.id)
                    .where(
                        members.c.platform == platform,
                        members.c.workspace == workspace,
                        members.c.user_id.in_(chunk),
                        reflections.c.day == day,
                    )
                    .distinct()
                )
                for user in await self._c.scalars(stmt):
                    found.add(MemberRef(platform, workspace, user))
        return frozenset(found)

    async def list_pauses(self, ref: MemberRef) -> Sequence[Pause]:
        """The member's pauses, oldest first (none for an unknown member)."""
        member_id = await self._member_id(ref)
        if member_id is None:
            return []
        rows = await self._c.execute(_PAUSES_OF, {"at_member": member_id})
        return [Pause(start=row.start_day, end=row.end_day) for row in rows]

    async def replace_pauses(self, ref: MemberRef, pauses: Sequence[Pause]) -> None:
        """Store exactly these pauses for the member (``LookupError`` if unknown)."""
        member_id = await self._existing_member_id(ref)
        await self._c.execute(delete(pauses_table).where(pauses_table.c.member_id == member_id))
        if pauses:
            await self._c.execute(
                pauses_table.insert(),
                [{"member_id": member_id, "start_day": p.start, "end_day": p.end} for p in pauses],
            )

    # ------------------------------------------------------------------ daily picks

    async def get_pick(self, place: Place, local_date: date) -> DailyPick | None:
        """The channel's pick for that local date, or None."""
        channel_id = await self._channel_id(place)
        if channel_id is None:
            return None
        stmt = select(daily_picks).where(
            daily_picks.c.channel_id == channel_id, daily_picks.c.local_date == local_date
        )
        row = (await self._c.execute(stmt)).one_or_none()
        return None if row is None else pick_from_row(place, row)

    async def recent_picks(self, place: Place, limit: int) -> Sequence[DailyPick]:
        """The channel's last ``limit`` picks by local date, oldest first."""
        channel_id = await self._channel_id(place)
        if channel_id is None or limit <= 0:
            return []
        stmt = (
            select(daily_picks)
            .where(daily_picks.c.channel_id == channel_id)
            .order_by(daily_picks.c.local_date.desc())
            .limit(limit)
        )
        newest_first = [pick_from_row(place, row) for row in await self._c.execute(stmt)]
        return newest_first[::-1]

    async def add_pick(self, pick: DailyPick) -> bool:
        """Insert the pick; False (and nothing written) when that (channel, date) already has one.

        The transaction stays usable either way (ON CONFLICT DO NOTHING, not a caught error).
        """
        channel_id = await self._existing_channel_id(pick.place)
        stmt = (
            self._insert(daily_picks)
            .values(
                channel_id=channel_id,
                local_date=pick.local_date,
                skill_id=pick.skill_id,
                scenario_id=pick.scenario_id,
                habit_id=pick.habit_id,
                seq=pick.seq,
            )
            .on_conflict_do_nothing(index_elements=["channel_id", "local_date"])
            .returning(daily_picks.c.channel_id)
        )
        return (await self._c.execute(stmt)).first() is not None

    # ------------------------------------------------------------------ reflections

    async def add_reflection(self, reflection: Reflection) -> int:
        """Insert a reflection and return its new id (``reflection.id`` is ignored)."""
        member_id = await self._existing_member_id(reflection.member)
        channel_id = await self._existing_channel_id(reflection.place)
        row = {
            "member_id": member_id,
            "channel_id": channel_id,
            "day": reflection.day,
            "created_at": _utc(reflection.created_at),
            "skill_id": reflection.skill_id,
            "shared": reflection.shared,
            "answers": dict(reflection.answers),
        }
        new_id = (await self._c.execute(_ADD_REFLECTION, row)).scalar_one()
        return int(new_id)

    async def get_reflection(self, reflection_id: int) -> Reflection | None:
        """One reflection by id (with its author and channel), or None."""
        stmt = (
            select(
                reflections,
                channels.c.platform,
                channels.c.workspace,
                channels.c.channel,
                members.c.user_id,
                members.c.platform.label("member_platform"),
                members.c.workspace.label("member_workspace"),
            )
            .join(channels, channels.c.id == reflections.c.channel_id)
            .join(members, members.c.id == reflections.c.member_id)
            .where(reflections.c.id == reflection_id)
        )
        row = (await self._c.execute(stmt)).one_or_none()
        if row is None:
            return None
        author = MemberRef(row.member_platform, row.member_workspace, row.user_id)
        return _reflection(author, row)

    async def mark_shared(self, reflection_id: int) -> bool:
        """Mark a reflection shared: True only the first time (one conditional update)."""
        stmt = (
            update(reflections)
            .where(reflections.c.id == reflection_id, reflections.c.shared == false())
            .values(shared=True)
        )
        return (await self._c.execute(stmt)).rowcount == 1

    async def list_reflections(self, ref: MemberRef) -> Sequence[Reflection]:
        """The member's reflections, oldest (by ``created_at``) first."""
        member_id = await self._member_id(ref)
        if member_id is None:
            return []
        stmt = (
            select(reflections, channels.c.platform, channels.c.workspace, channels.c.channel)
            .join(channels, channels.c.id == reflections.c.channel_id)
            .where(reflections.c.member_id == member_id)
            .order_by(reflections.c.created_at, reflections.c.id)
        )
        return [_reflection(ref, row) for row in await self._c.execute(stmt)]

    # ------------------------------------------------------------------ practice rounds

    async def join_round(
        self, place: Place, local_date: date, member: MemberRef, now: datetime
    ) -> bool:
        """Add the member to that day's round; False when they had already joined.

        ``LookupError`` for an unknown channel or member. A repeated join writes nothing and
        leaves the transaction usable (ON CONFLICT DO NOTHING).
        """
        channel_id = await self._existing_channel_id(place)
        member_id = await self._existing_member_id(member)
        stmt = (
            self._insert(round_members)
            .values(
                channel_id=channel_id,
                local_date=local_date,
                member_id=member_id,
                joined_at=_utc(now),
            )
            .on_conflict_do_nothing(index_elements=["channel_id", "local_date", "member_id"])
            .returning(round_members.c.id)
        )
        return (await self._c.execute(stmt)).first() is not None

    async def leave_round(self, place: Place, local_date: date, member: MemberRef) -> bool:
        """Take the member out of that day's round; False when they had not joined."""
        channel_id = await self._channel_id(place)
        member_id = await self._member_id(member)
        if channel_id is None or member_id is None:
            return False
        stmt = delete(round_members).where(
            round_members.c.channel_id == channel_id,
            round_members.c.local_date == local_date,
            round_members.c.member_id == member_id,
        )
        return (await self._c.execute(stmt)).rowcount > 0

    async def list_joined(self, place: Place, local_date: date) -> Sequence[MemberRef]:
        """The members who joined that day's round, in the order they joined.

        Ordered by ``joined_at``; members who joined at the same instant in insert order.
        """
        channel_id = await self._channel_id(place)
        if channel_id is None:
            return []
        stmt = (
            select(members.c.id, members.c.platform, members.c.workspace, members.c.user_id)
            .join(round_members, round_members.c.member_id == members.c.id)
            .where(
                round_members.c.channel_id == channel_id,
                round_members.c.local_date == local_date,
            )
            .order_by(round_members.c.joined_at, round_members.c.id)
        )
        joined = []
        for row in await self._c.execute(stmt):
            ref = MemberRef(row.platform, row.workspace, row.user_id)
            self._member_ids[ref] = row.id  # the pairing looks these members up next
            joined.append(ref)
        return joined

    async def count_joined(self, place: Place, local_date: date) -> int:
        """How many members joined that day's round (one ``count(*)``); 0 for an unknown
        channel."""
        channel_id = await self._channel_id(place)
        if channel_id is None:
            return 0
        stmt = select(func.count()).where(
            round_members.c.channel_id == channel_id, round_members.c.local_date == local_date
        )
        return int(await self._c.scalar(stmt) or 0)

    async def claim_round(self, place: Place, local_date: date, now: datetime) -> bool:
        """Claim the pairing of that day's round: True for exactly one caller, ever.

        Also across processes: the ledger row's key decides (ON CONFLICT DO NOTHING).
        ``LookupError`` for an unknown channel.
        """
        channel_id = await self._existing_channel_id(place)
        stmt = (
            self._insert(rounds_table)
            .values(channel_id=channel_id, local_date=local_date, claimed_at=_utc(now))
            .on_conflict_do_nothing(index_elements=["channel_id", "local_date"])
            .returning(rounds_table.c.channel_id)
        )
        return (await self._c.execute(stmt)).first() is not None

    async def round_claimed(self, place: Place, local_date: date) -> bool:
        """Whether that day's round has been claimed for pairing (joining is then closed)."""
        channel_id = await self._channel_id(place)
        if channel_id is None:
            return False
        stmt = select(rounds_table.c.channel_id).where(
            rounds_table.c.channel_id == channel_id, rounds_table.c.local_date == local_date
        )
        return await self._c.scalar(stmt) is not None

    async def add_groups(self, groups: Sequence[Group]) -> Sequence[Group]:
        """Store a round's groups (seats in order); return them, in order, with their ids.

        ``Group.id`` is ignored on input. ``LookupError`` for an unknown channel or member
        (nothing is written then); a group number already taken that day is a ``StoreError``.
        Three statements whatever the size: one executemany for the groups, one for the seats
        and one upsert for the seated members' ``role_tallies`` (see ``_add_to_tallies``).
        """
        if not groups:
            return []
        channel_ids = {p: await self._existing_channel_id(p) for p in {g.place for g in groups}}
        refs = {seat.member for g in groups for seat in g.seats}
        refs |= {g.outcome_by for g in groups if g.outcome_by is not None}
        member_ids = await self._member_ids_of(refs)
        if unknown := refs - member_ids.keys():
            raise LookupError(f"no such member: {min(unknown, key=repr)}")
        rows = [
            {
                "channel_id": channel_ids[g.place],
                "local_date": g.local_date,
                "number": g.number,
                "scenario_id": g.scenario_id,
                "skill_id": g.skill_id,
                "turn": g.turn,
                "space_ref": g.space_ref,
                "outcome": g.outcome,
                "outcome_by_id": None if g.outcome_by is None else member_ids[g.outcome_by],
                "reminded": g.reminded,
            }
            for g in groups
        ]
        # The ids come back with the group's key rather than by position, so their order in
        # the RETURNING rows does not matter.
        inserted = await self._c.execute(
            groups_table.insert().returning(
                groups_table.c.id,
                groups_table.c.channel_id,
                groups_table.c.local_date,
                groups_table.c.number,
            ),
            rows,
        )
        ids = {(r.channel_id, r.local_date, r.number): r.id for r in inserted}
        stored = [
            replace(g, id=ids[(channel_ids[g.place], g.local_date, g.number)]) for g in groups
        ]
        seats = [
            {
                "group_id": g.id,
                "position": position,
                "member_id": member_ids[seat.member],
                "role": seat.role,
                "display_name": seat.display_name,
            }
            for g in stored
            for position, seat in enumerate(g.seats)
        ]
        if seats:
            await self._c.execute(group_seats.insert(), seats)
            # After the seats: a role outside the domain has been refused by their CHECK.
            await self._add_to_tallies(stored, channel_ids, member_ids)
        self._group_ids.update(ids.values())
        return stored

    async def _add_to_tallies(
        self,
        groups: Sequence[Group],
        channel_ids: Mapping[Place, int],
        member_ids: Mapping[MemberRef, int],
    ) -> None:
        """Count the groups' seats into ``role_tallies``: one executemany upsert.

        The deltas are summed per (channel, member) first, so each row is written once (a
        member sits in one group per round, but a call may hold several rounds or channels).
        Rows go in key order, so concurrent upserts on PostgreSQL lock them in the same order.
        """
        deltas: dict[tuple[int, int], dict[str, int]] = {}
        for g in groups:
            channel_id, trio = channel_ids[g.place], int(len(g.seats) > 2)  # a seat at position 2
            for seat in g.seats:
                key = (channel_id, member_ids[seat.member])
                if (delta := deltas.get(key)) is None:
                    delta = deltas[key] = dict.fromkeys(_TALLIED, 0)
                delta[seat.role] += 1
                delta[TRIO] += trio
        rows = [
            {"channel_id": channel_id, "member_id": member_id, **delta}
            for (channel_id, member_id), delta in sorted(deltas.items())
        ]
        insert = self._insert(role_tallies)
        upsert = insert.on_conflict_do_update(
            index_elements=[role_tallies.c.channel_id, role_tallies.c.member_id],
            set_={key: role_tallies.c[key] + insert.excluded[key] for key in _TALLIED},
        )
        await self._c.execute(upsert, rows)

    async def list_groups(self, place: Place, local_date: date) -> Sequence[Group]:
        """That day's groups in the channel, by number (seats in their stored order)."""
        channel_id = await self._channel_id(place)
        if channel_id is None:
            return []
        return await self._groups_where(
            lambda g: and_(g.c.channel_id == channel_id, g.c.local_date == local_date)
        )

    async def get_group(self, group_id: int, *, for_update: bool = False) -> Group | None:
        """The group, or None. ``for_update`` locks its row until the transaction ends."""
        found = await self._groups_where(lambda g: g.c.id == group_id, for_update=for_update)
        return found[0] if found else None

    async def group_of(self, place: Place, local_date: date, member: MemberRef) -> Group | None:
        """The member's group in that day's round, or None."""
        channel_id = await self._channel_id(place)
        member_id = await self._member_id(member)
        if channel_id is None or member_id is None:
            return None
        # The member's few seats first (index on member_id), then the one in that round.
        mine = select(group_seats.c.group_id).where(group_seats.c.member_id == member_id)
        group_id = await self._c.scalar(
            select(groups_table.c.id)
            .where(
                groups_table.c.id.in_(mine),
                groups_table.c.channel_id == channel_id,
                groups_table.c.local_date == local_date,
            )
            .order_by(groups_table.c.number)
            .limit(1)
        )
        if group_id is None:
            return None
        found = await self._groups_where(lambda g: g.c.id == group_id)
        return found[0] if found else None

    async def groups_of_member(self, member: MemberRef) -> Sequence[Group]:
        """Every group the member has sat in, in any channel, oldest first."""
        member_id = await self._member_id(member)
        if member_id is None:
            return []
        mine = select(group_seats.c.group_id).where(group_seats.c.member_id == member_id)
        found = await self._groups_where(lambda g: g.c.id.in_(mine))
        return sorted(found, key=lambda g: (g.local_date, g.id or 0))

    async def recent_partners(
        self, place: Place, before: date, rounds: int
    ) -> Mapping[MemberRef, frozenset[MemberRef]]:
        """Whom each member sat with in the channel's last ``rounds`` rounds before ``before``.

        A round counts when it has groups; days strictly before ``before``. Symmetric; members
        without a group in those rounds are left out; empty for ``rounds <= 0``.

        One query: the seats of those rounds' groups (found through the unique index on
        channel, date and number) joined with the other seats of the same group, aggregated to
        one row per member with their partners' ids (``group_concat`` on SQLite, ``array_agg``
        on PostgreSQL) and then joined with the members for their refs. 10,000 members with a
        window of 8 make 10,000 short rows (~0.12 s on SQLite, ~0.2 s on PostgreSQL) where
        ``list_groups``-style loading of the same rounds meant 40,000 full groups (~0.6 s).
        Every partner also has a row of their own, which names them.
        """
        channel_id = await self._channel_id(place)
        if channel_id is None or rounds <= 0:
            return {}
        earlier = groups_table.alias("earlier")
        days = (
            select(earlier.c.local_date)
            .where(earlier.c.channel_id == channel_id, earlier.c.local_date < before)
            .distinct()
            .order_by(earlier.c.local_date.desc())
            .limit(rounds)
            .correlate(None)
        )
        seat, other, g = group_seats.alias("seat"), group_seats.alias("other"), groups_table
        partner_ids = (
            func.array_agg(other.c.member_id)
            if self._postgres
            else func.group_concat(other.c.member_id)
        )
        # Aggregated by member id alone, then joined with the members: narrower rows to group
        # (PostgreSQL's hash aggregate otherwise spills to disk at 10,000 members).
        partners = (
            select(seat.c.member_id, partner_ids.label("partners"))
            .select_from(g)
            .join(seat, seat.c.group_id == g.c.id)
            .join(other, and_(other.c.group_id == g.c.id, other.c.member_id != seat.c.member_id))
            .where(g.c.channel_id == channel_id, g.c.local_date.in_(days))
            .group_by(seat.c.member_id)
            .subquery("partners")
        )
        stmt = select(
            partners.c.member_id,
            members.c.platform,
            members.c.workspace,
            members.c.user_id,
            partners.c.partners,
        ).join(members, members.c.id == partners.c.member_id)
        rows = (await self._c.execute(stmt)).all()
        refs: dict[int, MemberRef] = {}
        for member_id, platform, workspace, user, _ in rows:
            ref = refs[member_id] = MemberRef(platform, workspace, user)
            self._member_ids[ref] = member_id
        ref_of = refs.__getitem__
        if self._postgres:
            return {ref_of(m): frozenset(map(ref_of, others)) for m, *_, others in rows}
        return {
            ref_of(m): frozenset(map(ref_of, map(int, others.split(",")))) for m, *_, others in rows
        }

    async def role_counts(
        self, place: Place, members: Sequence[MemberRef]
    ) -> Mapping[MemberRef, Mapping[str, int]]:
        """How often each member had each first-turn role in the channel's rounds so far.

        Every requested member is in the result with a count for every role in
        ``bot.model.ROLES`` and for ``TRIO`` (their seats in groups of three), zeros without
        history, also for unknown members or channels.

        The counts are read from ``role_tallies``, which ``add_groups`` keeps in step with the
        seats (a seat counts for its first-turn role, and for ``TRIO`` when its group has a seat
        at position 2), so the cost follows the members, not the channel's history. For fewer
        than ``ROLE_SCAN_MIN`` members their rows are looked up by id (``IN_CHUNK`` at a time);
        for more, the channel's rows are read in one pass and other members' rows dropped.
        """
        counts: dict[MemberRef, dict[str, int]] = {
            ref: dict.fromkeys(_TALLIED, 0) for ref in members
        }
        channel_id = await self._channel_id(place)
        if channel_id is None or not counts:
            return counts
        refs_by_id = {i: ref for ref, i in (await self._member_ids_of(counts)).items()}
        tally = role_tallies.c
        stmt = select(tally.member_id, *(tally[key] for key in _TALLIED)).where(
            tally.channel_id == channel_id
        )
        if len(refs_by_id) >= ROLE_SCAN_MIN:
            statements = [stmt]
        else:
            statements = [stmt.where(tally.member_id.in_(c)) for c in _chunks(list(refs_by_id))]
        for statement in statements:
            for member_id, *numbers in await self._c.execute(statement):
                if (ref := refs_by_id.get(member_id)) is not None:
                    counts[ref] = dict(zip(_TALLIED, numbers, strict=True))
        return counts

    async def save_group(self, group: Group) -> None:
        """Update a stored group's turn, space, outcome (and who gave it) and reminder flag.

        Place, date, number, scenario, skill and seats never change. ``LookupError`` when
        the group (or ``outcome_by``) is not stored; ``ValueError`` for a group without id.
        """
        if group.id is None:
            raise ValueError("save_group needs a stored group (its id is None)")
        outcome_by_id = (
            None if group.outcome_by is None else await self._existing_member_id(group.outcome_by)
        )
        stmt = (
            update(groups_table)
            .where(groups_table.c.id == group.id)
            .values(
                turn=group.turn,
                space_ref=group.space_ref,
                outcome=group.outcome,
                outcome_by_id=outcome_by_id,
                reminded=group.reminded,
            )
        )
        if (await self._c.execute(stmt)).rowcount == 0:
            raise LookupError(f"no such group: {group.id}")

    async def claim_reminder(self, group_id: int) -> bool:
        """Mark the group reminded: True only once, and only while it has no outcome.

        One conditional UPDATE, so two processes never both get True.
        """
        stmt = (
            update(groups_table)
            .where(
                groups_table.c.id == group_id,
                groups_table.c.reminded.is_(False),
                groups_table.c.outcome.is_(None),
            )
            .values(reminded=True)
        )
        return (await self._c.execute(stmt)).rowcount == 1

    async def add_feedback(self, feedback: Feedback) -> bool:
        """Store the answers; False (nothing written) when that giver already sent that form
        for that group and turn.

        The transaction stays usable either way (ON CONFLICT DO NOTHING). ``LookupError`` for
        an unknown group or giver.
        """
        giver_id = await self._existing_member_id(feedback.giver)
        await self._existing_group(feedback.group_id)
        stmt = (
            self._insert(feedback_table)
            .values(
                group_id=feedback.group_id,
                turn=feedback.turn,
                form_id=feedback.form_id,
                giver_id=giver_id,
                answers=dict(feedback.answers),
                created_at=_utc(feedback.created_at),
            )
            .on_conflict_do_nothing(index_elements=["group_id", "turn", "form_id", "giver_id"])
            .returning(feedback_table.c.id)
        )
        return (await self._c.execute(stmt)).first() is not None

    async def list_feedback(self, group_id: int, turn: int) -> Sequence[Feedback]:
        """The feedback given in a group's turn, oldest (by ``created_at``) first."""
        return await self._feedback_where(
            and_(feedback_table.c.group_id == group_id, feedback_table.c.turn == turn)
        )

    async def feedback_in(self, group_ids: Iterable[int]) -> Sequence[Feedback]:
        """All feedback given in these groups (every turn), oldest first."""
        found: list[Feedback] = []
        for chunk in _chunks(sorted(set(group_ids))):
            found += await self._feedback_where(feedback_table.c.group_id.in_(chunk))
        return sorted(found, key=lambda f: f.created_at)

    async def _feedback_where(self, matching: ColumnElement[bool]) -> list[Feedback]:
        stmt = (
            select(feedback_table, members.c.platform, members.c.workspace, members.c.user_id)
            .join(members, members.c.id == feedback_table.c.giver_id)
            .where(matching)
            .order_by(feedback_table.c.created_at, feedback_table.c.id)
        )
        return [
            Feedback(
                group_id=row.group_id,
                turn=row.turn,
                form_id=row.form_id,
                giver=MemberRef(row.platform, row.workspace, row.user_id),
                answers=dict(row.answers),
                created_at=row.created_at,
            )
            for row in await self._c.execute(stmt)
        ]

    async def channel_activity(self, place: Place, first: date, last: date) -> ChannelActivity:
        """Counts of what happened in the channel on local days ``first``..``last``: one
        aggregate query per table (nudges done, joins, groups, feedback, reflections)."""
        channel_id = await self._channel_id(place)
        if channel_id is None:
            return ChannelActivity()

        def days(column: Any) -> ColumnElement[bool]:
            return and_(column >= first, column <= last)

        w, rm, g, fb, r = work_table, round_members, groups_table, feedback_table, reflections
        sent = await self._c.scalar(
            select(func.count())
            .select_from(w)
            .where(
                w.c.channel_id == channel_id,
                days(w.c.local_date),
                w.c.kind == "nudge",
                w.c.status == "done",
            )
        )
        joins = (
            await self._c.execute(
                select(func.count(), func.count(rm.c.member_id.distinct())).where(
                    rm.c.channel_id == channel_id, days(rm.c.local_date)
                )
            )
        ).one()
        in_span = and_(g.c.channel_id == channel_id, days(g.c.local_date))
        formed = (
            await self._c.execute(
                select(
                    func.count(),
                    func.count().filter(g.c.outcome == "practised"),
                    func.count().filter(g.c.outcome == "not_happened"),
                ).where(in_span)
            )
        ).one()
        given = await self._c.scalar(
            select(func.count()).select_from(fb.join(g, g.c.id == fb.c.group_id)).where(in_span)
        )
        written = (
            await self._c.execute(
                select(
                    func.count(),
                    func.count(r.c.member_id.distinct()),
                    func.count().filter(r.c.shared == true()),
                ).where(r.c.channel_id == channel_id, days(r.c.day))
            )
        ).one()
        return ChannelActivity(
            nudges=int(sent or 0),
            joins=int(joins[0]),
            joiners=int(joins[1]),
            groups=int(formed[0]),
            practised=int(formed[1]),
            not_happened=int(formed[2]),
            feedback=int(given or 0),
            reflections=int(written[0]),
            reflectors=int(written[1]),
            shared=int(written[2]),
        )

    async def set_channel_admin(
        self, place: Place, member: MemberRef, allowed: bool, now: datetime
    ) -> bool:
        """Allow (or stop allowing) a member to set up the channel; False when nothing changed."""
        channel_id = await self._existing_channel_id(place)
        member_id = await self._existing_member_id(member)
        if not allowed:
            stmt = delete(channel_admins).where(
                channel_admins.c.channel_id == channel_id, channel_admins.c.member_id == member_id
            )
            return (await self._c.execute(stmt)).rowcount == 1
        inserted = (
            self._insert(channel_admins)
            .values(channel_id=channel_id, member_id=member_id, granted_at=_utc(now))
            .on_conflict_do_nothing(index_elements=["channel_id", "member_id"])
            .returning(channel_admins.c.member_id)
        )
        return (await self._c.execute(inserted)).first() is not None

    async def is_channel_admin(self, place: Place, member: MemberRef) -> bool:
        """Whether the member was allowed to set up the channel."""
        channel_id = await self._channel_id(place)
        member_id = await self._member_id(member)
        if channel_id is None or member_id is None:
            return False
        found = await self._c.scalar(
            select(channel_admins.c.member_id).where(
                channel_admins.c.channel_id == channel_id, channel_admins.c.member_id == member_id
            )
        )
        return found is not None

    async def claim_request(self, key: str, now: datetime) -> bool:
        """Record a platform request key: True the first time, False for a duplicate."""
        stmt = (
            self._insert(handled_requests)
            .values(key=key, handled_at=_utc(now))
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(handled_requests.c.key)
        )
        return (await self._c.execute(stmt)).first() is not None

    async def release_request(self, key: str) -> None:
        """Forget a request key so a retry of that request is handled."""
        await self._c.execute(delete(handled_requests).where(handled_requests.c.key == key))

    async def _existing_group(self, group_id: int) -> None:
        if group_id in self._group_ids:
            return
        if await self._c.scalar(select(groups_table.c.id).where(groups_table.c.id == group_id)):
            self._group_ids.add(group_id)
            return
        raise LookupError(f"no such group: {group_id}")

    async def _groups_where(
        self, matching: Callable[[Any], ColumnElement[bool]], *, for_update: bool = False
    ) -> list[Group]:
        """The groups for which ``matching(groups table)`` holds, by date and number.

        Two queries whatever their number: the groups, then all their seats (the same
        condition, joined, not a list of ids). Rows are unpacked as tuples and each member's
        ``MemberRef`` is built once: one round can be 5,000 groups.
        """
        g, by = groups_table.c, members.alias("outcome_by")
        stmt = (
            select(
                g.id,
                g.channel_id,
                channels.c.platform,
                channels.c.workspace,
                channels.c.channel,
                g.local_date,
                g.number,
                g.scenario_id,
                g.skill_id,
                g.turn,
                g.space_ref,
                g.outcome,
                by.c.platform,
                by.c.workspace,
                by.c.user_id,
                g.reminded,
            )
            .join(channels, channels.c.id == g.channel_id)
            .outerjoin(by, by.c.id == g.outcome_by_id)
            .where(matching(groups_table))
            .order_by(g.local_date, g.number, g.id)
        )
        if for_update and self._postgres:
            # Only the group's row: its seats never change, and PostgreSQL cannot lock the
            # nullable side of the outer join anyway.
            stmt = stmt.with_for_update(of=groups_table)
        rows = (await self._c.execute(stmt)).all()
        if not rows:
            return []
        seated = groups_table.alias("seated")
        seat_stmt = (
            select(
                group_seats.c.group_id,
                group_seats.c.member_id,
                members.c.platform,
                members.c.workspace,
                members.c.user_id,
                group_seats.c.role,
                group_seats.c.display_name,
            )
            .join(seated, seated.c.id == group_seats.c.group_id)
            .join(members, members.c.id == group_seats.c.member_id)
            .where(matching(seated))
            .order_by(group_seats.c.group_id, group_seats.c.position)
        )
        refs: dict[int, MemberRef] = {}
        seats: dict[int, list[Seat]] = {}
        seat_rows = (await self._c.execute(seat_stmt)).all()
        for group_id, member_id, platform, workspace, user, role, name in seat_rows:
            if (ref := refs.get(member_id)) is None:
                ref = refs[member_id] = MemberRef(platform, workspace, user)
                self._member_ids[ref] = member_id
            if (seated_here := seats.get(group_id)) is None:
                seated_here = seats[group_id] = []
            seated_here.append(Seat(ref, role, name))
        places: dict[int, Place] = {}
        groups = []
        for (
            group_id,
            channel_id,
            platform,
            workspace,
            channel,
            local_date,
            number,
            scenario_id,
            skill_id,
            turn,
            space_ref,
            outcome,
            by_platform,
            by_workspace,
            by_user,
            reminded,
        ) in rows:
            if (place := places.get(channel_id)) is None:
                place = places[channel_id] = Place(platform, workspace, channel)
                self._channel_ids[place] = channel_id
            groups.append(
                Group(
                    place,
                    local_date,
                    number,
                    tuple(seats.get(group_id, ())),
                    scenario_id,
                    skill_id,
                    turn,
                    space_ref,
                    outcome,
                    None if by_user is None else MemberRef(by_platform, by_workspace, by_user),
                    bool(reminded),
                    group_id,
                )
            )
        self._group_ids.update(row[0] for row in rows)
        return groups


# ---------------------------------------------------------------------- row <-> domain


# The hot paths (a reflection: channel, member, pauses, insert, update) run prebuilt statements
# with bound parameters: building a statement costs more than running it on SQLite.
_CHANNEL_AT = select(channels).where(
    channels.c.platform == bindparam("at_platform"),
    channels.c.workspace == bindparam("at_workspace"),
    channels.c.channel == bindparam("at_channel"),
)
_MEMBER_AT = select(members).where(
    members.c.platform == bindparam("at_platform"),
    members.c.workspace == bindparam("at_workspace"),
    members.c.user_id == bindparam("at_user"),
)
_SAVE_MEMBER = update(members).where(
    members.c.platform == bindparam("at_platform"),
    members.c.workspace == bindparam("at_workspace"),
    members.c.user_id == bindparam("at_user"),
)
_PAUSES_OF = (
    select(pauses_table.c.start_day, pauses_table.c.end_day)
    .where(pauses_table.c.member_id == bindparam("at_member"))
    .order_by(pauses_table.c.start_day, pauses_table.c.end_day, pauses_table.c.id)
)
_ADD_REFLECTION = reflections.insert().returning(reflections.c.id)


def _place_params(place: Place) -> dict[str, str]:
    return {
        "at_platform": place.platform,
        "at_workspace": place.workspace,
        "at_channel": place.channel,
    }


def _member_params(ref: MemberRef) -> dict[str, str]:
    return {"at_platform": ref.platform, "at_workspace": ref.workspace, "at_user": ref.user}


def _is_place(place: Place) -> ColumnElement[bool]:
    return and_(
        channels.c.platform == place.platform,
        channels.c.workspace == place.workspace,
        channels.c.channel == place.channel,
    )


def _is_member(ref: MemberRef) -> ColumnElement[bool]:
    return and_(
        members.c.platform == ref.platform,
        members.c.workspace == ref.workspace,
        members.c.user_id == ref.user,
    )


def _by_workspace(refs: Iterable[MemberRef]) -> dict[tuple[str, str], list[str]]:
    """The distinct user ids of ``refs`` per (platform, workspace), in first-seen order."""
    users: dict[tuple[str, str], dict[str, None]] = {}
    for ref in refs:
        users.setdefault((ref.platform, ref.workspace), {})[ref.user] = None
    return {key: list(found) for key, found in users.items()}


def _chunks(values: Sequence[_T], size: int | None = None) -> Iterable[Sequence[_T]]:
    """``values`` in slices of at most ``size`` (default ``IN_CHUNK``, read at call time)."""
    size = size or IN_CHUNK
    return (values[start : start + size] for start in range(0, len(values), size))


def join_ids(ids: Iterable[str], what: str) -> str:
    """Ids as stored: comma-separated (``ValueError`` for one that would not come back)."""
    ids = tuple(ids)
    for item in ids:
        # Stored comma-separated: an empty id or a comma would not survive the round trip.
        if not item or "," in item:
            raise ValueError(f"{what} id {item!r}: ids must be non-empty and contain no comma")
    return ",".join(ids)


def _split_ids(text: str) -> tuple[str, ...]:
    return tuple(text.split(",")) if text else ()


def _join_days(days: Iterable[int]) -> str:
    days = sorted(set(days))
    if any(not 0 <= day <= 6 for day in days):
        raise ValueError(f"weekdays {days}: each must be 0 (Monday) to 6 (Sunday)")
    return ",".join(map(str, days))


def _split_days(text: str) -> frozenset[int]:
    return frozenset(int(day) for day in text.split(",")) if text else frozenset()


def _channel_settings(channel: Channel) -> dict[str, Any]:
    return {
        "timezone": channel.timezone,
        "language": channel.language,
        "nudge_time": channel.nudge_time,
        "weekdays": _join_days(channel.weekdays),
        "professions": join_ids(channel.professions, "profession"),
        "difficulty": channel.difficulty,
        "rotation_cycle": channel.rotation.cycle,
        "rotation_bag": join_ids(channel.rotation.bag, "skill"),
        "rotation_position": channel.rotation.position,
        "pairing_time": channel.pairing_time,
        "repeat_window": channel.repeat_window,
        "reminder_time": channel.reminder_time,
        "late_until": channel.late_until,
        "forgive_per_week": channel.forgive_per_week,
    }


def channel_from_row(row: Row[Any]) -> Channel:
    """A ``channels`` row as the domain's ``Channel`` (the one mapper, also for the parts)."""
    return Channel(
        place=Place(row.platform, row.workspace, row.channel),
        timezone=row.timezone,
        language=row.language,
        nudge_time=row.nudge_time,
        weekdays=_split_days(row.weekdays),
        professions=_split_ids(row.professions),
        difficulty=row.difficulty,
        rotation=Rotation(
            cycle=row.rotation_cycle,
            bag=_split_ids(row.rotation_bag),
            position=row.rotation_position,
        ),
        pairing_time=row.pairing_time,
        repeat_window=row.repeat_window,
        reminder_time=row.reminder_time,
        late_until=row.late_until,
        forgive_per_week=row.forgive_per_week,
    )


def _member_settings(member: Member) -> dict[str, Any]:
    return {
        "display_name": member.display_name,
        "timezone": member.timezone,
        "language": member.language,
        "practice_days": _join_days(member.practice_days),
        "dms": member.dms,
        "streak_current": member.streak.current,
        "streak_longest": member.streak.longest,
        "streak_total": member.streak.total,
        "streak_last_day": member.streak.last_day,
        "streak_week_forgiven": member.streak.week_forgiven,
        "reminders": member.reminders,
        "reminder_channel": member.reminder_channel,
        "quiet_start": member.quiet[0] if member.quiet else None,
        "quiet_end": member.quiet[1] if member.quiet else None,
    }


def _member(row: Row[Any]) -> Member:
    return Member(
        ref=MemberRef(row.platform, row.workspace, row.user_id),
        display_name=row.display_name,
        timezone=row.timezone,
        language=row.language,
        practice_days=_split_days(row.practice_days),
        dms=row.dms,
        streak=StreakState(
            current=row.streak_current,
            longest=row.streak_longest,
            total=row.streak_total,
            last_day=row.streak_last_day,
            week_forgiven=row.streak_week_forgiven,
        ),
        reminders=row.reminders,
        reminder_channel=row.reminder_channel,
        quiet=(
            (row.quiet_start, row.quiet_end)
            if row.quiet_start is not None and row.quiet_end is not None
            else None
        ),
    )


def _reflection(author: MemberRef, row: Row[Any]) -> Reflection:
    return Reflection(
        member=author,
        place=Place(row.platform, row.workspace, row.channel),
        day=row.day,
        created_at=row.created_at,
        answers=dict(row.answers),
        skill_id=row.skill_id,
        shared=bool(row.shared),
        id=row.id,
    )
