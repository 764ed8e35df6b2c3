"""``SqlRounds``: who joined which day's round, and its claim (``bot.ports.RoundJoins``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete, func, select

from bot.model import MemberRef, Place
from storage.tables import members, round_members
from storage.tables import rounds as rounds_table
from storage.tables import utc as _utc
from storage.tx.context import TxContext


class SqlRounds:
    """One transaction's view of the rounds (``SqlTx.rounds``)."""

    def __init__(self, context: TxContext) -> None:
        self._x = context
        self._c = context.conn
        self._postgres = context.postgres

    async def join(self, place: Place, local_date: date, member: MemberRef, now: datetime) -> bool:
        """Add the member to that day's round; False when they had already joined.

        ``LookupError`` for an unknown channel or member. A repeated join writes nothing and
        leaves the transaction usable (ON CONFLICT DO NOTHING).
        """
        channel_id = await self._x.existing_channel_id(place)
        member_id = await self._x.existing_member_id(member)
        stmt = (
            self._x.insert(round_members)
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

    async def leave(self, place: Place, local_date: date, member: MemberRef) -> bool:
        """Take the member out of that day's round; False when they had not joined."""
        channel_id = await self._x.channel_id(place)
        member_id = await self._x.member_id(member)
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
        channel_id = await self._x.channel_id(place)
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
            self._x.member_ids[ref] = row.id  # the pairing looks these members up next
            joined.append(ref)
        return joined

    async def count_joined(self, place: Place, local_date: date) -> int:
        """How many members joined that day's round (one ``count(*)``); 0 for an unknown
        channel."""
        channel_id = await self._x.channel_id(place)
        if channel_id is None:
            return 0
        stmt = select(func.count()).where(
            round_members.c.channel_id == channel_id, round_members.c.local_date == local_date
        )
        return int(await self._c.scalar(stmt) or 0)

    async def claim(self, place: Place, local_date: date, now: datetime) -> bool:
        """Claim the pairing of that day's round: True for exactly one caller, ever.

        Also across processes: the ledger row's key decides (ON CONFLICT DO NOTHING).
        ``LookupError`` for an unknown channel.
        """
        channel_id = await self._x.existing_channel_id(place)
        stmt = (
            self._x.insert(rounds_table)
            .values(channel_id=channel_id, local_date=local_date, claimed_at=_utc(now))
            .on_conflict_do_nothing(index_elements=["channel_id", "local_date"])
            .returning(rounds_table.c.channel_id)
        )
        return (await self._c.execute(stmt)).first() is not None

    async def claimed(self, place: Place, local_date: date) -> bool:
        """Whether that day's round has been claimed for pairing (joining is then closed)."""
        channel_id = await self._x.channel_id(place)
        if channel_id is None:
            return False
        stmt = select(rounds_table.c.channel_id).where(
            rounds_table.c.channel_id == channel_id, rounds_table.c.local_date == local_date
        )
        return await self._c.scalar(stmt) is not None
