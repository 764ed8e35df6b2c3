"""``SqlWork``: the work ledger (``bot.ports.WorkLedger``) over the ``work`` table.

Every row is one piece of scheduled work, (channel, local date, kind), created once by whoever
plans it first (``ON CONFLICT DO NOTHING`` on that key). ``ready_at`` says when a row next needs
attention: a pending row's due (or retry) time, a claimed row's lease end, NULL once settled.
So "what can be claimed now" is one range scan of its index, and when nothing is due a tick's
reads touch no channel's rows at all.

Claims are one ``UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING``: on PostgreSQL the
subquery locks its rows ``FOR UPDATE SKIP LOCKED``, so concurrent instances claim disjoint
rows without waiting on each other; on SQLite the transaction's write lock (``BEGIN
IMMEDIATE``) serializes claims. A claim whose lease ran out is claimed like a pending row: the
process that held it died (or is too slow, and then ``finish`` tells it so).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, Row, bindparam, cast, func, literal, or_, select, update

from bot.model import (
    CLAIMED,
    DONE,
    MISSED,
    PENDING,
    SKIPPED,
    Channel,
    DateRange,
    Job,
    Place,
    WorkRecord,
)
from bot.ports import ChannelCursor, Planned
from storage.rows import channel_from_row
from storage.tables import channels, offdays, outbox, utc, work
from storage.tx.context import TxContext

# Why a nudge or round counts as ballback's own fault when it was missed (streaks excuse it).
FAULT_NOTES = ("downtime", "failed", "crashed")
EXCUSING_KINDS = ("nudge", "round")

_UPDATE_CURSOR = (
    update(channels).where(channels.c.id == bindparam("cid")).values(next_due_at=bindparam("at"))
)


# Channels due at the same instant are planned in a scrambled order, not by id (Knuth's
# multiplicative hash; below 2**63 for any id under 3 billion): work is claimed in the order it
# was planned, and channels created together usually share a workspace, so by id one
# workspace's lane would wait for every workspace created before it. Scrambled, each batch
# spreads over the workspaces and every lane starts delivering with the first batch.
_SCRAMBLED = (cast(channels.c.id, BigInteger) * literal(2654435761, BigInteger)) % literal(
    4294967296, BigInteger
)


class SqlWork:
    """One transaction's view of the work ledger (``SqlTx.work``)."""

    def __init__(self, tx: TxContext) -> None:
        self._tx = tx

    async def due_channels(
        self, now: datetime, platforms: Collection[str], limit: int
    ) -> Sequence[ChannelCursor]:
        """Channels of these platforms whose cursor is at or before ``now`` (a channel that
        never had one is due at once), earliest first; locked for this transaction on
        PostgreSQL (other instances skip them)."""
        tx = self._tx
        if not platforms:
            return []
        now = utc(now)
        due = or_(channels.c.next_due_at <= now, channels.c.next_due_at.is_(None))
        stmt = (
            select(channels)
            .where(due, channels.c.platform.in_(sorted(platforms)))
            .order_by(channels.c.next_due_at, _SCRAMBLED)
            .limit(limit)
        )
        if tx.postgres:
            stmt = stmt.with_for_update(skip_locked=True)
        rows = list(await tx.conn.execute(stmt))
        if not rows:
            return []

        ranges = await self._offdays_of([row.id for row in rows])
        found = []
        for row in rows:
            channel: Channel = channel_from_row(row)
            tx.remember_channel(channel.place, row.id)
            found.append(
                ChannelCursor(channel, tuple(ranges.get(row.id, ())), row.next_due_at or now)
            )
        return found

    async def _offdays_of(self, channel_ids: Sequence[int]) -> dict[int, list[DateRange]]:
        stmt = (
            select(offdays.c.channel_id, offdays.c.first_day, offdays.c.last_day)
            .where(offdays.c.channel_id.in_(channel_ids))
            .order_by(offdays.c.first_day)
        )
        found: dict[int, list[DateRange]] = {}
        for row in await self._tx.conn.execute(stmt):
            found.setdefault(row.channel_id, []).append(DateRange(row.first_day, row.last_day))
        return found

    async def plan(self, work_rows: Sequence[Planned], cursors: Mapping[Place, datetime]) -> int:
        """Add the work that is not in the ledger yet and move the cursors; returns how many
        pieces of work were offered (those already there are left as they are)."""
        tx = self._tx
        rows = []
        for item in work_rows:
            utc(item.due_at)
            channel_id = await tx.existing_channel_id(item.place)
            rows.append(
                {
                    "channel_id": channel_id,
                    "platform": item.place.platform,
                    "local_date": item.local_date,
                    "kind": item.kind,
                    "due_at": item.due_at,
                    "status": PENDING,
                    "ready_at": item.due_at,
                    "attempts": 0,
                    "note": "",
                    "updated_at": item.due_at,
                }
            )
        if rows:
            stmt = tx.insert(work).on_conflict_do_nothing(
                index_elements=["channel_id", "local_date", "kind"]
            )
            await tx.conn.execute(stmt, rows)
        moves = [
            {"cid": await tx.existing_channel_id(place), "at": at} for place, at in cursors.items()
        ]
        if moves:
            await tx.conn.execute(_UPDATE_CURSOR, moves)
        return len(rows)

    async def set_cursor(self, place: Place, at: datetime, *, earlier_only: bool) -> None:
        """Move the channel's cursor to ``at`` (only earlier, with ``earlier_only``)."""
        tx = self._tx
        channel_id = await tx.existing_channel_id(place)
        at = utc(at)
        stmt = update(channels).where(channels.c.id == channel_id).values(next_due_at=at)
        if earlier_only:
            stmt = stmt.where(or_(channels.c.next_due_at.is_(None), channels.c.next_due_at > at))
        await tx.conn.execute(stmt)

    async def anything_due(self, now: datetime, platforms: Collection[str]) -> bool:
        """A passed cursor or claimable work, for these platforms: two index lookups."""
        if not platforms:
            return False
        conn, names = self._tx.conn, sorted(platforms)
        cursor = await conn.scalar(
            select(channels.c.id)
            .where(
                or_(channels.c.next_due_at <= now, channels.c.next_due_at.is_(None)),
                channels.c.platform.in_(names),
            )
            .limit(1)
        )
        if cursor is not None:
            return True
        ready = await conn.scalar(
            select(work.c.id).where(work.c.ready_at <= now, work.c.platform.in_(names)).limit(1)
        )
        return ready is not None

    async def claim(
        self,
        owner: str,
        now: datetime,
        lease: timedelta,
        platforms: Collection[str],
        limit: int,
    ) -> Sequence[Job]:
        """Claim due work (pending, or claimed under a lease that ran out), oldest first."""
        tx = self._tx
        if not platforms or limit <= 0:
            return []
        now = utc(now)
        chosen = (
            select(work.c.id)
            .where(work.c.ready_at <= now, work.c.platform.in_(sorted(platforms)))
            .order_by(work.c.ready_at, work.c.id)
            .limit(limit)
        )
        if tx.postgres:
            chosen = chosen.with_for_update(skip_locked=True)
        until = now + lease
        stmt = (
            update(work)
            .where(work.c.id.in_(chosen.scalar_subquery()))
            .values(
                status=CLAIMED,
                owner=owner,
                ready_at=until,
                attempts=work.c.attempts + 1,
                updated_at=now,
            )
            .returning(
                work.c.id,
                work.c.channel_id,
                work.c.local_date,
                work.c.kind,
                work.c.due_at,
                work.c.attempts,
            )
        )
        rows = list(await tx.conn.execute(stmt))
        places = await self._places_of({row.channel_id for row in rows})
        jobs = [
            Job(
                id=row.id,
                place=places[row.channel_id],
                local_date=row.local_date,
                kind=row.kind,
                due_at=row.due_at,
                owner=owner,
                lease_until=until,
                attempts=row.attempts,
            )
            for row in rows
        ]
        return sorted(jobs, key=lambda j: (j.due_at, j.id))

    async def _places_of(self, channel_ids: Collection[int]) -> dict[int, Place]:
        if not channel_ids:
            return {}
        stmt = select(
            channels.c.id, channels.c.platform, channels.c.workspace, channels.c.channel
        ).where(channels.c.id.in_(sorted(channel_ids)))
        found = {}
        for row in await self._tx.conn.execute(stmt):
            place = Place(row.platform, row.workspace, row.channel)
            self._tx.remember_channel(place, row.id)
            found[row.id] = place
        return found

    async def finish(self, job: Job, status: str, note: str, now: datetime) -> bool:
        """Settle claimed work; False when the claim is no longer this job's."""
        if status not in (DONE, MISSED, SKIPPED):
            raise ValueError(f"work cannot finish as {status!r}")
        stmt = (
            update(work)
            .where(work.c.id == job.id, work.c.owner == job.owner, work.c.status == CLAIMED)
            .values(status=status, note=note, ready_at=None, owner=None, updated_at=now)
        )
        return (await self._tx.conn.execute(stmt)).rowcount == 1

    async def finish_many(
        self, outcomes: Sequence[tuple[Job, str, str]], now: datetime
    ) -> set[int]:
        """Settle many claimed jobs, each ``(job, status, note)``: one statement per
        (status, note, owner); the ids of the jobs whose claim was still theirs."""
        groups: dict[tuple[str, str, str], list[int]] = {}
        for job, status, note in outcomes:
            if status not in (DONE, MISSED, SKIPPED):
                raise ValueError(f"work cannot finish as {status!r}")
            groups.setdefault((status, note, job.owner), []).append(job.id)
        settled: set[int] = set()
        for (status, note, owner), ids in groups.items():
            stmt = (
                update(work)
                .where(work.c.id.in_(ids), work.c.owner == owner, work.c.status == CLAIMED)
                .values(status=status, note=note, ready_at=None, owner=None, updated_at=now)
                .returning(work.c.id)
            )
            settled.update((await self._tx.conn.scalars(stmt)).all())
        return settled

    async def retry_later(self, job: Job, at: datetime, note: str) -> None:
        """Give claimed work back, to be claimed again from ``at`` on."""
        stmt = (
            update(work)
            .where(work.c.id == job.id, work.c.owner == job.owner, work.c.status == CLAIMED)
            .values(status=PENDING, note=note, ready_at=at, owner=None, updated_at=at)
        )
        await self._tx.conn.execute(stmt)

    async def skip(self, place: Place, dates: Collection[date], note: str, now: datetime) -> int:
        """Mark the channel's pending work on ``dates`` skipped."""
        channel_id = await self._tx.channel_id(place)
        if channel_id is None or not dates:
            return 0
        stmt = (
            update(work)
            .where(
                work.c.channel_id == channel_id,
                work.c.local_date.in_(sorted(dates)),
                work.c.status == PENDING,
            )
            .values(status=SKIPPED, note=note, ready_at=None, updated_at=now)
        )
        return (await self._tx.conn.execute(stmt)).rowcount

    async def kinds_on(self, place: Place, local_date: date) -> frozenset[str]:
        """The kinds of work in the ledger for that channel and date."""
        channel_id = await self._tx.channel_id(place)
        if channel_id is None:
            return frozenset()
        stmt = select(work.c.kind).where(
            work.c.channel_id == channel_id, work.c.local_date == local_date
        )
        return frozenset((await self._tx.conn.scalars(stmt)).all())

    async def records(
        self, place: Place, *, statuses: Collection[str] = (), limit: int = 20
    ) -> Sequence[WorkRecord]:
        """The channel's ledger rows, newest due first."""
        channel_id = await self._tx.channel_id(place)
        if channel_id is None:
            return []
        stmt = select(work).where(work.c.channel_id == channel_id)
        if statuses:
            stmt = stmt.where(work.c.status.in_(sorted(statuses)))
        stmt = stmt.order_by(work.c.due_at.desc(), work.c.id.desc()).limit(limit)
        return [_record(place, row) for row in await self._tx.conn.execute(stmt)]

    async def excused_dates(self, place: Place) -> frozenset[date]:
        """Dates whose nudge or round ballback missed by its own fault, and dates whose nudge
        the courier gave up on."""
        channel_id = await self._tx.channel_id(place)
        if channel_id is None:
            return frozenset()
        conn = self._tx.conn
        missed = await conn.scalars(
            select(work.c.local_date).where(
                work.c.channel_id == channel_id,
                work.c.kind.in_(EXCUSING_KINDS),
                work.c.status == MISSED,
                work.c.note.in_(FAULT_NOTES),
            )
        )
        undelivered = await conn.scalars(
            select(outbox.c.local_date).where(
                outbox.c.channel_id == channel_id,
                outbox.c.kind == "nudge",
                outbox.c.status == "failed",
                outbox.c.local_date.is_not(None),
            )
        )
        return frozenset(missed.all()) | frozenset(undelivered.all())

    async def prune(self, before: date) -> int:
        """Delete settled work (done, skipped) of dates before ``before``; missed work stays,
        since it excuses those days in every recompute of a streak."""
        stmt = work.delete().where(work.c.local_date < before, work.c.status.in_((DONE, SKIPPED)))
        return (await self._tx.conn.execute(stmt)).rowcount

    async def count(self, place: Place, kind: str, status: str, first: date, last: date) -> int:
        """How many rows of that kind and status the channel has on dates first..last."""
        channel_id = await self._tx.channel_id(place)
        if channel_id is None:
            return 0
        stmt = select(func.count()).where(
            work.c.channel_id == channel_id,
            work.c.kind == kind,
            work.c.status == status,
            work.c.local_date >= first,
            work.c.local_date <= last,
        )
        return int(await self._tx.conn.scalar(stmt) or 0)


def _record(place: Place, row: Row[Any]) -> WorkRecord:
    return WorkRecord(
        place=place,
        local_date=row.local_date,
        kind=row.kind,
        due_at=row.due_at,
        status=row.status,
        note=row.note,
        attempts=row.attempts,
        updated_at=row.updated_at,
    )
