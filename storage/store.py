"""``SqlStore`` and ``SqlTx``: the ``bot.ports.Store`` / ``Tx`` protocols over SQLAlchemy Core.

One transaction is one connection with one database transaction. Inserts that may race with
another process (channels, members, picks, nudge claims) use ``INSERT … ON CONFLICT DO NOTHING``
so the loser neither raises nor aborts its transaction; counters change with single statements
(``attempts = attempts + 1``), never read-modify-write.

SQLite vs PostgreSQL: on SQLite every transaction begins with ``BEGIN IMMEDIATE`` (see
``storage.engine``), so it holds the database's single write lock from its first statement and
``for_update`` needs no SQL of its own. On PostgreSQL ``for_update`` is ``SELECT … FOR UPDATE``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, Table, and_, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.model import (
    Channel,
    DailyPick,
    Member,
    MemberRef,
    NudgeRecord,
    Pause,
    Place,
    Reflection,
    Rotation,
    StreakState,
)
from bot.ports import StoreError
from storage.errors import cause, reason
from storage.tables import channels, daily_picks, members, nudges, reflections
from storage.tables import pauses as pauses_table

# How long a transaction waits for its turn to write on SQLite before giving up; the same value
# is SQLite's busy_timeout, which covers waiting for *other processes*.
SQLITE_BUSY_TIMEOUT_S = 30.0


class SqlStore:
    """The ``Store`` port over an async SQLAlchemy engine. Build it with ``open_store``."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        # SQLite allows one writer at a time and every transaction here is a write transaction
        # (BEGIN IMMEDIATE). Queueing this process's transactions on a lock is equivalent but
        # wakes the next one at once, where SQLite's busy handler polls with sleeps of up to
        # 100 ms. BEGIN IMMEDIATE + busy_timeout still arbitrate against other processes.
        self._sqlite_turn = asyncio.Lock() if engine.dialect.name == "sqlite" else None

    @property
    def engine(self) -> AsyncEngine:
        """The underlying engine (for tools and tests; the core never needs it)."""
        return self._engine

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._engine.dialect.name

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[SqlTx]:
        """A unit of work: commits on normal exit, rolls back on an exception.

        Database failures (server gone, SQLite busy beyond the timeout, …) surface as
        ``StoreError``; exceptions raised by the caller's block pass through unchanged after the
        rollback.
        """
        async with self._turn():
            try:
                connection = await self._engine.connect()
            except (SQLAlchemyError, OSError) as exc:
                raise StoreError(f"cannot reach the database: {reason(exc)}") from cause(exc)
            try:
                async with connection.begin():
                    yield SqlTx(connection)
            except SQLAlchemyError as exc:
                # Only our own statements raise these (the core does not import SQLAlchemy).
                raise StoreError(f"database error: {reason(exc)}") from cause(exc)
            finally:
                # The transaction is already committed or rolled back here; a connection that
                # fails to close is discarded by the pool and must not hide the real outcome.
                with contextlib.suppress(SQLAlchemyError, OSError):
                    await connection.close()

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[None]:
        if self._sqlite_turn is None:
            yield
            return
        try:
            async with asyncio.timeout(SQLITE_BUSY_TIMEOUT_S):
                await self._sqlite_turn.acquire()
        except TimeoutError:
            raise StoreError(
                f"the SQLite database stayed busy for {SQLITE_BUSY_TIMEOUT_S:.0f} s "
                "(a transaction in this process is not finishing)"
            ) from None
        try:
            yield
        finally:
            self._sqlite_turn.release()

    async def close(self) -> None:
        """Release every connection."""
        await self._engine.dispose()


class SqlTx:
    """One transaction's view of the store (implements ``bot.ports.Tx``)."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._c = connection
        self._postgres = connection.dialect.name == "postgresql"
        # Surrogate ids never change and rows are never deleted under a running transaction,
        # so each natural key is looked up at most once per transaction.
        self._channel_ids: dict[Place, int] = {}
        self._member_ids: dict[MemberRef, int] = {}

    # ------------------------------------------------------------------ helpers

    def _insert(self, table: Table) -> postgresql.Insert | sqlite.Insert:
        # Both dialects' inserts offer on_conflict_do_nothing with the same signature.
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

    # ------------------------------------------------------------------ channels

    async def get_channel(self, place: Place, *, for_update: bool = False) -> Channel | None:
        """The channel, or None. ``for_update`` locks the row until the transaction ends."""
        stmt = self._locked(select(channels).where(_is_place(place)), for_update)
        row = (await self._c.execute(stmt)).one_or_none()
        if row is None:
            return None
        self._channel_ids[place] = row.id
        return _channel(row)

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
        return [_channel(row) for row in await self._c.execute(stmt)]

    # ------------------------------------------------------------------ members

    async def get_member(self, ref: MemberRef, *, for_update: bool = False) -> Member | None:
        """The member, or None. ``for_update`` locks the row until the transaction ends."""
        stmt = self._locked(select(members).where(_is_member(ref)), for_update)
        row = (await self._c.execute(stmt)).one_or_none()
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
        stmt = update(members).where(_is_member(member.ref)).values(**_member_settings(member))
        if (await self._c.execute(stmt)).rowcount == 0:
            raise LookupError(f"no such member: {member.ref}")

    async def list_pauses(self, ref: MemberRef) -> Sequence[Pause]:
        """The member's pauses, oldest first (none for an unknown member)."""
        member_id = await self._member_id(ref)
        if member_id is None:
            return []
        stmt = (
            select(pauses_table.c.start_day, pauses_table.c.end_day)
            .where(pauses_table.c.member_id == member_id)
            .order_by(pauses_table.c.start_day, pauses_table.c.end_day, pauses_table.c.id)
        )
        return [Pause(start=row.start_day, end=row.end_day) for row in await self._c.execute(stmt)]

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
        return None if row is None else _pick(place, row)

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
        newest_first = [_pick(place, row) for row in await self._c.execute(stmt)]
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
        stmt = (
            reflections.insert()
            .values(
                member_id=member_id,
                channel_id=channel_id,
                day=reflection.day,
                created_at=_utc(reflection.created_at),
                skill_id=reflection.skill_id,
                shared=reflection.shared,
                answers=dict(reflection.answers),
            )
            .returning(reflections.c.id)
        )
        new_id = (await self._c.execute(stmt)).scalar_one()
        return int(new_id)

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
        return [
            Reflection(
                member=ref,
                place=Place(row.platform, row.workspace, row.channel),
                day=row.day,
                created_at=row.created_at,
                answers=dict(row.answers),
                skill_id=row.skill_id,
                shared=bool(row.shared),
                id=row.id,
            )
            for row in await self._c.execute(stmt)
        ]

    # ------------------------------------------------------------------ nudge ledger

    def _is_nudge(self, channel_id: int, local_date: date) -> ColumnElement[bool]:
        return and_(nudges.c.channel_id == channel_id, nudges.c.local_date == local_date)

    async def get_nudge(self, place: Place, local_date: date) -> NudgeRecord | None:
        """The ledger entry for that channel and local date, or None."""
        channel_id = await self._channel_id(place)
        if channel_id is None:
            return None
        stmt = select(nudges).where(self._is_nudge(channel_id, local_date))
        row = (await self._c.execute(stmt)).one_or_none()
        if row is None:
            return None
        return NudgeRecord(
            place=place,
            local_date=row.local_date,
            status=row.status,
            attempts=row.attempts,
            message_ref=row.message_ref,
            updated_at=row.updated_at,
        )

    async def claim_nudge(self, place: Place, local_date: date, now: datetime) -> bool:
        """Claim the day's nudge: True for the one caller that gets it, also across processes.

        A new entry is created as ``claimed`` (attempts 1); an entry that ``failed`` earlier is
        claimed again (attempts + 1). An entry that is ``claimed`` or ``sent`` is not.
        """
        channel_id = await self._existing_channel_id(place)
        now = _utc(now)
        # Both statements are atomic on their own: a concurrent inserter blocks on the key and
        # then does nothing; a concurrent re-claimer re-checks status='failed' after the first
        # one's update and matches nothing. No read-then-write window exists.
        created = await self._c.execute(
            self._insert(nudges)
            .values(
                channel_id=channel_id,
                local_date=local_date,
                status="claimed",
                attempts=1,
                updated_at=now,
            )
            .on_conflict_do_nothing(index_elements=["channel_id", "local_date"])
            .returning(nudges.c.channel_id)
        )
        if created.first() is not None:
            return True
        reclaimed = await self._c.execute(
            update(nudges)
            .where(self._is_nudge(channel_id, local_date), nudges.c.status == "failed")
            .values(status="claimed", attempts=nudges.c.attempts + 1, updated_at=now)
            .returning(nudges.c.channel_id)
        )
        return reclaimed.first() is not None

    async def finish_nudge(
        self,
        place: Place,
        local_date: date,
        *,
        sent: bool,
        now: datetime,
        message_ref: str | None = None,
    ) -> None:
        """Record the outcome of a claimed nudge (``LookupError`` if it is not ``claimed``)."""
        channel_id = await self._existing_channel_id(place)
        stmt = (
            update(nudges)
            .where(self._is_nudge(channel_id, local_date), nudges.c.status == "claimed")
            .values(
                status="sent" if sent else "failed",
                message_ref=message_ref,
                updated_at=_utc(now),
            )
        )
        if (await self._c.execute(stmt)).rowcount == 0:
            raise LookupError(f"no claimed nudge for {place} on {local_date}")

    async def failed_nudge_dates(self, place: Place) -> frozenset[date]:
        """Local dates on which the channel's nudge could not be delivered (and never was)."""
        channel_id = await self._channel_id(place)
        if channel_id is None:
            return frozenset()
        stmt = select(nudges.c.local_date).where(
            nudges.c.channel_id == channel_id, nudges.c.status == "failed"
        )
        return frozenset((await self._c.scalars(stmt)).all())


# ---------------------------------------------------------------------- row <-> domain


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


def _utc(moment: datetime) -> datetime:
    # A naive datetime is ambiguous (local? UTC?); refusing it keeps every stored time in UTC.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: pass a timezone-aware (UTC) datetime")
    return moment


def _join_ids(ids: Iterable[str], what: str) -> str:
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
        "professions": _join_ids(channel.professions, "profession"),
        "difficulty": channel.difficulty,
        "rotation_cycle": channel.rotation.cycle,
        "rotation_bag": _join_ids(channel.rotation.bag, "skill"),
        "rotation_position": channel.rotation.position,
    }


def _channel(row: Row[Any]) -> Channel:
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
    )


def _member_settings(member: Member) -> dict[str, Any]:
    return {
        "display_name": member.display_name,
        "timezone": member.timezone,
        "language": member.language,
        "practice_days": _join_days(member.practice_days),
        "streak_current": member.streak.current,
        "streak_longest": member.streak.longest,
        "streak_total": member.streak.total,
        "streak_last_day": member.streak.last_day,
    }


def _member(row: Row[Any]) -> Member:
    return Member(
        ref=MemberRef(row.platform, row.workspace, row.user_id),
        display_name=row.display_name,
        timezone=row.timezone,
        language=row.language,
        practice_days=_split_days(row.practice_days),
        streak=StreakState(
            current=row.streak_current,
            longest=row.streak_longest,
            total=row.streak_total,
            last_day=row.streak_last_day,
        ),
    )


def _pick(place: Place, row: Row[Any]) -> DailyPick:
    return DailyPick(
        place=place,
        local_date=row.local_date,
        skill_id=row.skill_id,
        scenario_id=row.scenario_id,
        habit_id=row.habit_id,
        seq=row.seq,
    )
