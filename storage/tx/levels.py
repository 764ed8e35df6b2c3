"""``SqlLevels``: each member's practice level per channel (``bot.ports.Levels``)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from bot.model import Level, MemberRef, Place
from storage.tables import member_levels
from storage.tx.context import TxContext


class SqlLevels:
    """One transaction's view of the members' levels (``SqlTx.levels``)."""

    def __init__(self, context: TxContext) -> None:
        self._x = context
        self._c = context.conn

    async def get_many(self, place: Place, members: Sequence[MemberRef]) -> dict[MemberRef, Level]:
        """The stored levels of those ``members`` that have one in the channel (one query)."""
        channel_id = await self._x.channel_id(place)
        if channel_id is None or not members:
            return {}
        refs_by_id = {i: ref for ref, i in (await self._x.member_ids_of(members)).items()}
        if not refs_by_id:
            return {}
        c = member_levels.c
        rows = await self._c.execute(
            select(c.member_id, c.level, c.easy).where(
                c.channel_id == channel_id, c.member_id.in_(list(refs_by_id))
            )
        )
        return {refs_by_id[m]: Level(level, easy) for m, level, easy in rows}

    async def save(self, place: Place, member: MemberRef, level: Level) -> None:
        """Store the member's level in the channel (insert or update)."""
        channel_id = await self._x.existing_channel_id(place)
        member_id = await self._x.existing_member_id(member)
        stmt = (
            self._x.insert(member_levels)
            .values(channel_id=channel_id, member_id=member_id, level=level.level, easy=level.easy)
            .on_conflict_do_update(
                index_elements=["channel_id", "member_id"],
                set_={"level": level.level, "easy": level.easy},
            )
        )
        await self._c.execute(stmt)
