"""``SqlChannels``: the channels of one transaction (``bot.ports.Channels``)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import bindparam, select, tuple_, update

from bot.model import Channel, Place
from storage import rows
from storage.rows import channel_from_row, channel_settings, is_place, place_params
from storage.tables import channels
from storage.tx.context import TxContext

# The hot paths (a reflection: channel, member, pauses, insert, update) run prebuilt statements
# with bound parameters: building a statement costs more than running it on SQLite.
_CHANNEL_AT = select(channels).where(
    channels.c.platform == bindparam("at_platform"),
    channels.c.workspace == bindparam("at_workspace"),
    channels.c.channel == bindparam("at_channel"),
)


class SqlChannels:
    """One transaction's view of the channels (``SqlTx.channels``)."""

    def __init__(self, context: TxContext) -> None:
        self._x = context
        self._c = context.conn
        self._postgres = context.postgres

    async def get(self, place: Place, *, for_update: bool = False) -> Channel | None:
        """The channel, or None. ``for_update`` locks the row until the transaction ends."""
        stmt = _CHANNEL_AT.with_for_update() if for_update and self._postgres else _CHANNEL_AT
        row = (await self._c.execute(stmt, place_params(place))).one_or_none()
        if row is None:
            return None
        self._x.channel_ids[place] = row.id
        return channel_from_row(row)

    async def get_many(
        self, places: Collection[Place], *, for_update: bool = False
    ) -> dict[Place, Channel]:
        """The known channels among ``places``; ``for_update`` locks their rows (in id
        order, so two writers locking overlapping sets cannot deadlock)."""
        found: dict[Place, Channel] = {}
        wanted = sorted({(p.platform, p.workspace, p.channel) for p in places})
        step = rows.IN_CHUNK // 10  # three values bound per channel
        for start in range(0, len(wanted), step):
            key = tuple_(channels.c.platform, channels.c.workspace, channels.c.channel)
            stmt = (
                select(channels)
                .where(key.in_(wanted[start : start + step]))
                .order_by(channels.c.id)
            )
            for row in await self._c.execute(self._x.locked(stmt, for_update)):
                channel = channel_from_row(row)
                self._x.channel_ids[channel.place] = row.id
                found[channel.place] = channel
        return found

    async def add(self, channel: Channel) -> Channel:
        """Insert a channel unless it exists (a concurrent insert wins); return the stored one."""
        place = channel.place
        stmt = (
            self._x.insert(channels)
            .values(
                platform=place.platform,
                workspace=place.workspace,
                channel=place.channel,
                **channel_settings(channel),
            )
            .on_conflict_do_nothing(index_elements=["platform", "workspace", "channel"])
        )
        await self._c.execute(stmt)
        stored = await self.get(place)
        assert stored is not None  # inserted now, or by the concurrent writer that won
        return stored

    async def save(self, channel: Channel) -> None:
        """Update an existing channel's settings and rotation state (``LookupError`` if none)."""
        stmt = update(channels).where(is_place(channel.place)).values(**channel_settings(channel))
        if (await self._c.execute(stmt)).rowcount == 0:
            raise LookupError(f"no such channel: {channel.place}")

    async def list(self) -> Sequence[Channel]:
        """All channels, ordered by platform, workspace and channel id."""
        stmt = select(channels).order_by(
            channels.c.platform, channels.c.workspace, channels.c.channel
        )
        return [channel_from_row(row) for row in await self._c.execute(stmt)]
