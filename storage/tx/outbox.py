"""``SqlOutbox``: notices waiting for delivery (``bot.ports.Outbox``) and the lanes' owners.

A use case writes its notices here in the same transaction as the change that caused them, so a
crash can never leave a change without its messages or messages without their change. The
courier then claims them per lane (``platform:workspace``: notices that share a rate budget),
and each notice with a lease, like the work ledger does (``ready_at`` is a pending notice's
send or retry time, a claimed one's lease end, NULL once settled). A settled notice keeps what
it was and what became of it (kind, title, status, the platform's message reference, the
error) but not its content: what members wrote is not kept here after delivery.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Row, bindparam, func, or_, select, update

from bot.messages import Notice, notice_from_data, notice_to_data
from bot.model import FAILED, PENDING, SENDING, SENT, SKIPPED, MemberRef, OutboxRecord, Place
from bot.ports import Outgoing, Parcel
from storage.tables import channels, outbox, outbox_lanes, utc
from storage.tx.context import TxContext

_CLAIMED = (
    outbox.c.id,
    outbox.c.notice,
    outbox.c.kind,
    outbox.c.lane,
    outbox.c.attempts,
    outbox.c.expires_at,
)


_SENT_MANY = (
    update(outbox)
    .where(
        outbox.c.id == bindparam("pid"),
        outbox.c.owner == bindparam("powner"),
        outbox.c.status == SENDING,
    )
    .values(
        status=SENT,
        ready_at=None,
        message_ref=bindparam("pref"),
        settled_at=bindparam("pat"),
        notice=None,
        error="",
    )
)


def lane_of(place: Place) -> str:
    """The lane of a channel's notices: its platform workspace."""
    return f"{place.platform}:{place.workspace}"


class SqlOutbox:
    """One transaction's view of the outbox (``SqlTx.outbox``)."""

    def __init__(self, tx: TxContext) -> None:
        self._tx = tx

    async def add(
        self,
        notices: Sequence[Notice],
        *,
        kind: str | Sequence[str],
        now: datetime,
        expires_at: datetime | None = None,
        work_id: int | None = None,
        local_date: date | None = None,
    ) -> tuple[int, ...]:
        """Queue the notices in order (``kind``: one for all, or one per notice); their ids.
        ``LookupError`` for an unknown channel."""
        kinds = [kind] * len(notices) if isinstance(kind, str) else list(kind)
        if len(kinds) != len(notices):
            raise ValueError("one kind per notice")
        return await self.add_many(
            [
                Outgoing(notice, kind_of, expires_at, work_id, local_date)
                for notice, kind_of in zip(notices, kinds, strict=True)
            ],
            now=now,
        )

    async def add_many(self, items: Sequence[Outgoing], *, now: datetime) -> tuple[int, ...]:
        """Queue notices that each say their own kind, expiry, work and date, in order;
        their ids. ``LookupError`` for an unknown channel."""
        if not items:
            return ()
        now = utc(now)
        tx = self._tx
        rows = []
        for item in items:
            notice = item.notice
            rows.append(
                {
                    "channel_id": await tx.existing_channel_id(notice.place),
                    "platform": notice.place.platform,
                    "lane": lane_of(notice.place),
                    "work_id": item.work_id,
                    "kind": item.kind,
                    "local_date": item.local_date,
                    "member_user": notice.member.user if notice.member is not None else None,
                    "group_id": notice.group_id,
                    "title": notice.card.title[:200],
                    "notice": notice_to_data(notice),
                    "status": PENDING,
                    "ready_at": now,
                    "attempts": 0,
                    "expires_at": item.expires_at,
                    "error": "",
                    "created_at": now,
                }
            )
        # One multi-row INSERT (SQLite cannot sort RETURNING by parameter order without a
        # statement per row); both backends number the rows of one INSERT in the order given,
        # so the ids in ascending order are the notices' ids in order.
        result = await tx.conn.execute(tx.insert(outbox).returning(outbox.c.id), rows)
        return tuple(sorted(int(row.id) for row in result))

    async def lanes_due(self, now: datetime, platforms: Collection[str]) -> Sequence[str]:
        """Lanes of these platforms with notices to deliver at ``now``."""
        if not platforms:
            return []
        stmt = (
            select(outbox.c.lane)
            .where(outbox.c.ready_at <= now, outbox.c.platform.in_(sorted(platforms)))
            .distinct()
        )
        return sorted((await self._tx.conn.scalars(stmt)).all())

    async def claim_lane(self, lane: str, owner: str, now: datetime, lease: timedelta) -> bool:
        """Own the lane until ``now + lease`` unless another owner's lease still runs."""
        tx = self._tx
        until = utc(now) + lease
        insert = tx.insert(outbox_lanes).values(lane=lane, owner=owner, lease_until=until)
        stmt = insert.on_conflict_do_update(
            index_elements=["lane"],
            set_={"owner": owner, "lease_until": until},
            where=or_(
                outbox_lanes.c.owner == owner,
                outbox_lanes.c.owner.is_(None),
                outbox_lanes.c.lease_until < now,
            ),
        ).returning(outbox_lanes.c.lane)
        return (await tx.conn.execute(stmt)).first() is not None

    async def release_lane(self, lane: str, owner: str) -> None:
        """Give the lane up (a no-op when not its owner)."""
        stmt = (
            update(outbox_lanes)
            .where(outbox_lanes.c.lane == lane, outbox_lanes.c.owner == owner)
            .values(owner=None, lease_until=None)
        )
        await self._tx.conn.execute(stmt)

    async def claim(
        self, lane: str, owner: str, now: datetime, lease: timedelta, limit: int
    ) -> Sequence[Parcel]:
        """Claim up to ``limit`` of the lane's due notices, in queue order."""
        chosen = (
            select(outbox.c.id)
            .where(outbox.c.lane == lane, outbox.c.ready_at <= now)
            .order_by(outbox.c.id)
            .limit(limit)
        )
        return await self._claim(chosen, owner, now, lease)

    async def claim_ids(
        self, ids: Collection[int], owner: str, now: datetime, lease: timedelta
    ) -> Sequence[Parcel]:
        """Claim these notices if they are due and nobody else has them."""
        if not ids:
            return []
        chosen = select(outbox.c.id).where(outbox.c.id.in_(sorted(ids)), outbox.c.ready_at <= now)
        return await self._claim(chosen, owner, now, lease)

    async def _claim(
        self, chosen: Any, owner: str, now: datetime, lease: timedelta
    ) -> list[Parcel]:
        tx = self._tx
        if tx.postgres:
            chosen = chosen.with_for_update(skip_locked=True)
        stmt = (
            update(outbox)
            .where(outbox.c.id.in_(chosen.scalar_subquery()))
            .values(
                status=SENDING,
                owner=owner,
                ready_at=now + lease,
                attempts=outbox.c.attempts + 1,
            )
            .returning(*_CLAIMED)
        )
        rows = list(await tx.conn.execute(stmt))
        parcels = [
            Parcel(
                id=row.id,
                notice=notice_from_data(row.notice),
                kind=row.kind,
                lane=row.lane,
                attempts=row.attempts,
                expires_at=row.expires_at,
                owner=owner,
            )
            for row in rows
            if row.notice is not None
        ]
        return sorted(parcels, key=lambda p: p.id)

    def _owned(self, parcel: Parcel) -> Any:
        return (
            (outbox.c.id == parcel.id)
            & (outbox.c.owner == parcel.owner)
            & (outbox.c.status == SENDING)
        )

    async def sent(self, parcel: Parcel, now: datetime, message_ref: str) -> bool:
        """Record a delivery (and drop the content); False when the claim was lost."""
        stmt = (
            update(outbox)
            .where(self._owned(parcel))
            .values(
                status=SENT,
                ready_at=None,
                message_ref=message_ref[:200],
                settled_at=now,
                notice=None,
                error="",
            )
        )
        return (await self._tx.conn.execute(stmt)).rowcount == 1

    async def sent_many(self, deliveries: Sequence[tuple[Parcel, datetime, str]]) -> set[int]:
        """``sent`` for many deliveries, each ``(parcel, now, message_ref)``, in two statements
        (one UPDATE given many parameter sets, one SELECT of what it settled); the ids of
        the notices whose claim was still theirs."""
        if not deliveries:
            return set()
        params = [
            {"pid": p.id, "powner": p.owner, "pref": ref[:200], "pat": utc(at)}
            for p, at, ref in deliveries
        ]
        await self._tx.conn.execute(_SENT_MANY, params)
        # A claim another instance took over was not updated (its owner differs): the ones
        # settled now are those with our owner and our reference.
        ids = [p.id for p, _, _ in deliveries]
        stmt = select(outbox.c.id, outbox.c.owner, outbox.c.message_ref).where(
            outbox.c.id.in_(ids), outbox.c.status == SENT
        )
        want = {row["pid"]: (row["powner"], row["pref"]) for row in params}
        return {
            row.id
            for row in await self._tx.conn.execute(stmt)
            if want.get(row.id) == (row.owner, row.message_ref)
        }

    async def skipped(self, parcel: Parcel, now: datetime, why: str) -> None:
        """Record that the notice is not to be sent."""
        stmt = (
            update(outbox)
            .where(self._owned(parcel))
            .values(status=SKIPPED, ready_at=None, notice=None, error=why[:500], settled_at=now)
        )
        await self._tx.conn.execute(stmt)

    async def failed(
        self, parcel: Parcel, now: datetime, error: str, retry_at: datetime | None
    ) -> None:
        """Record a failed attempt: again from ``retry_at``, or given up (``None``)."""
        if retry_at is not None:
            values: dict[str, Any] = {"status": PENDING, "ready_at": retry_at, "owner": None}
        else:
            values = {"status": FAILED, "ready_at": None, "notice": None, "settled_at": now}
        stmt = update(outbox).where(self._owned(parcel)).values(error=error[:500], **values)
        await self._tx.conn.execute(stmt)

    async def records(
        self, place: Place, *, statuses: Collection[str] = (), limit: int = 20
    ) -> Sequence[OutboxRecord]:
        """The channel's notices, newest first."""
        channel_id = await self._tx.channel_id(place)
        if channel_id is None:
            return []
        stmt = select(outbox).where(outbox.c.channel_id == channel_id)
        if statuses:
            stmt = stmt.where(outbox.c.status.in_(sorted(statuses)))
        stmt = stmt.order_by(outbox.c.id.desc()).limit(limit)
        return [_record(place, row) for row in await self._tx.conn.execute(stmt)]

    async def count(self, place: Place, statuses: Collection[str]) -> int:
        """How many of the channel's notices have one of these statuses."""
        channel_id = await self._tx.channel_id(place)
        if channel_id is None:
            return 0
        stmt = select(func.count()).where(
            outbox.c.channel_id == channel_id, outbox.c.status.in_(sorted(statuses))
        )
        return int(await self._tx.conn.scalar(stmt) or 0)

    async def prune(self, before: datetime) -> int:
        """Delete notices sent or skipped before ``before`` (failed ones stay: a failed nudge
        excuses its day)."""
        stmt = outbox.delete().where(
            outbox.c.status.in_((SENT, SKIPPED)), outbox.c.settled_at < utc(before)
        )
        return (await self._tx.conn.execute(stmt)).rowcount

    async def forget_member(self, platform: str, workspace: str, user: str) -> int:
        """Forget one member in the outbox (``/forget``): drop the unsent notices meant for
        them, take them out of the practice spaces still to be opened, and clear their user id
        from the records of what was sent, so no row names them any more. How many unsent
        notices were dropped."""
        conn = self._tx.conn
        ids = select(channels.c.id).where(
            channels.c.platform == platform, channels.c.workspace == workspace
        )
        in_workspace = outbox.c.channel_id.in_(ids.scalar_subquery())
        dropped = (
            update(outbox)
            .where(in_workspace, outbox.c.member_user == user, outbox.c.notice.is_not(None))
            .values(status=SKIPPED, ready_at=None, notice=None, error="forgotten")
        )
        count = (await conn.execute(dropped)).rowcount
        await conn.execute(
            update(outbox)
            .where(in_workspace, outbox.c.member_user == user)
            .values(member_user=None)
        )
        # A group's notice that opens its space names every member of the group: the space
        # opens without this one (none left: the group's seats, which no longer hold them).
        ref = MemberRef(platform, workspace, user)
        waiting = select(outbox.c.id, outbox.c.notice).where(
            in_workspace, outbox.c.group_id.is_not(None), outbox.c.notice.is_not(None)
        )
        for row in (await conn.execute(waiting)).all():
            notice = notice_from_data(row.notice)
            if ref in notice.space_members:
                others = tuple(m for m in notice.space_members if m != ref)
                await conn.execute(
                    update(outbox)
                    .where(outbox.c.id == row.id)
                    .values(notice=notice_to_data(replace(notice, space_members=others)))
                )
        return count


def _record(place: Place, row: Row[Any]) -> OutboxRecord:
    return OutboxRecord(
        id=row.id,
        place=place,
        kind=row.kind,
        title=row.title,
        status=row.status,
        attempts=row.attempts,
        created_at=row.created_at,
        settled_at=row.settled_at,
        message_ref=row.message_ref,
        error=row.error,
    )
