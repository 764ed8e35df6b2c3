"""``SqlAdmins``: who may set a channel up (``bot.ports.ChannelAdmins``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from bot.model import MemberRef, Place
from storage.tables import channel_admins
from storage.tables import utc as _utc
from storage.tx.context import TxContext


class SqlAdmins:
    """One transaction's view of the channel admins (``SqlTx.admins``)."""

    def __init__(self, context: TxContext) -> None:
        self._x = context
        self._c = context.conn
        self._postgres = context.postgres

    async def set(self, place: Place, member: MemberRef, allowed: bool, now: datetime) -> bool:
        """Allow (or stop allowing) a member to set up the channel; False when nothing changed."""
        channel_id = await self._x.existing_channel_id(place)
        member_id = await self._x.existing_member_id(member)
        if not allowed:
            stmt = delete(channel_admins).where(
                channel_admins.c.channel_id == channel_id, channel_admins.c.member_id == member_id
            )
            return (await self._c.execute(stmt)).rowcount == 1
        inserted = (
            self._x.insert(channel_admins)
            .values(channel_id=channel_id, member_id=member_id, granted_at=_utc(now))
            .on_conflict_do_nothing(index_elements=["channel_id", "member_id"])
            .returning(channel_admins.c.member_id)
        )
        return (await self._c.execute(inserted)).first() is not None

    async def is_admin(self, place: Place, member: MemberRef) -> bool:
        """Whether the member was allowed to set up the channel."""
        channel_id = await self._x.channel_id(place)
        member_id = await self._x.member_id(member)
        if channel_id is None or member_id is None:
            return False
        found = await self._c.scalar(
            select(channel_admins.c.member_id).where(
                channel_admins.c.channel_id == channel_id, channel_admins.c.member_id == member_id
            )
        )
        return found is not None
