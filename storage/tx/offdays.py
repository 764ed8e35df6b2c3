"""``SqlOffDays``: a channel's off-days (``bot.ports.OffDays``) over the ``offdays`` table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from bot.model import DateRange, Place
from storage.tables import offdays, utc
from storage.tx.context import TxContext

_ONE_DAY = timedelta(days=1)


class SqlOffDays:
    """One transaction's view of the channels' off-days (``SqlTx.offdays``)."""

    def __init__(self, tx: TxContext) -> None:
        self._tx = tx

    async def list(self, place: Place) -> Sequence[DateRange]:
        """The channel's off-day ranges, earliest first."""
        channel_id = await self._tx.channel_id(place)
        if channel_id is None:
            return []
        stmt = (
            select(offdays.c.first_day, offdays.c.last_day)
            .where(offdays.c.channel_id == channel_id)
            .order_by(offdays.c.first_day, offdays.c.last_day)
        )
        return [DateRange(r.first_day, r.last_day) for r in await self._tx.conn.execute(stmt)]

    async def add(self, place: Place, days: DateRange, now: datetime) -> bool:
        """Add a range (``LookupError`` for an unknown channel); False when it is there."""
        tx = self._tx
        channel_id = await tx.existing_channel_id(place)
        stmt = (
            tx.insert(offdays)
            .values(
                channel_id=channel_id, first_day=days.first, last_day=days.last, added_at=utc(now)
            )
            .on_conflict_do_nothing(index_elements=["channel_id", "first_day", "last_day"])
            .returning(offdays.c.id)
        )
        return (await tx.conn.execute(stmt)).first() is not None

    async def remove(self, place: Place, days: DateRange) -> int:
        """Remove the off-days within ``days``: ranges inside go, ranges that stick out are
        cut to what lies outside. Returns how many stored ranges changed."""
        tx = self._tx
        channel_id = await tx.channel_id(place)
        if channel_id is None:
            return 0
        overlapping = list(
            await tx.conn.execute(
                select(offdays.c.id, offdays.c.first_day, offdays.c.last_day, offdays.c.added_at)
                .where(
                    offdays.c.channel_id == channel_id,
                    offdays.c.first_day <= days.last,
                    offdays.c.last_day >= days.first,
                )
                .order_by(offdays.c.first_day)
            )
        )
        if not overlapping:
            return 0
        await tx.conn.execute(delete(offdays).where(offdays.c.id.in_([r.id for r in overlapping])))
        kept = []
        for row in overlapping:
            if row.first_day < days.first:
                kept.append((row.first_day, days.first - _ONE_DAY, row.added_at))
            if row.last_day > days.last:
                kept.append((days.last + _ONE_DAY, row.last_day, row.added_at))
        for first, last, added in kept:
            await tx.conn.execute(
                tx.insert(offdays)
                .values(channel_id=channel_id, first_day=first, last_day=last, added_at=added)
                .on_conflict_do_nothing(index_elements=["channel_id", "first_day", "last_day"])
            )
        return len(overlapping)
