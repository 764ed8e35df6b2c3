"""``SqlPicks``: the daily picks, of one channel or of many at once (``bot.ports.Picks``).

The scheduler decides a batch of nudges in one transaction; looking each channel's pick,
history and rotation up on its own cost about ten statements per channel, which at 10,000
channels is most of the tick. These do the same for a whole batch in a handful.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import bindparam, func, select, tuple_, update

from bot.model import DailyPick, Place, Rotation
from storage.rows import join_ids, pick_from_row
from storage.tables import channels, daily_picks
from storage.tx.context import TxContext

_IN_CHUNK = 500  # keys per IN (…) list: well inside both backends' parameter limits

_SAVE_ROTATION = (
    update(channels)
    .where(channels.c.id == bindparam("cid"))
    .values(
        rotation_cycle=bindparam("cycle"),
        rotation_bag=bindparam("bag"),
        rotation_position=bindparam("position"),
    )
)


class SqlPicks:
    """One transaction's view of the daily picks (``SqlTx.picks``): one channel's, or a
    batch of channels' at once."""

    def __init__(self, context: TxContext) -> None:
        self._tx = context

    async def get(self, place: Place, local_date: date) -> DailyPick | None:
        """The channel's pick for that local date, or None."""
        channel_id = await self._tx.channel_id(place)
        if channel_id is None:
            return None
        stmt = select(daily_picks).where(
            daily_picks.c.channel_id == channel_id, daily_picks.c.local_date == local_date
        )
        row = (await self._tx.conn.execute(stmt)).one_or_none()
        return None if row is None else pick_from_row(place, row)

    async def recent(self, place: Place, limit: int) -> Sequence[DailyPick]:
        """The channel's last ``limit`` picks by local date, oldest first."""
        channel_id = await self._tx.channel_id(place)
        if channel_id is None or limit <= 0:
            return []
        stmt = (
            select(daily_picks)
            .where(daily_picks.c.channel_id == channel_id)
            .order_by(daily_picks.c.local_date.desc())
            .limit(limit)
        )
        newest_first = [pick_from_row(place, row) for row in await self._tx.conn.execute(stmt)]
        return newest_first[::-1]

    async def add(self, pick: DailyPick) -> bool:
        """Insert the pick; False (and nothing written) when that (channel, date) already has one.

        The transaction stays usable either way (ON CONFLICT DO NOTHING, not a caught error).
        """
        channel_id = await self._tx.existing_channel_id(pick.place)
        stmt = (
            self._tx.insert(daily_picks)
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
        return (await self._tx.conn.execute(stmt)).first() is not None

    async def get_many(
        self, keys: Collection[tuple[Place, date]]
    ) -> dict[tuple[Place, date], DailyPick]:
        """The stored picks among these (channel, local date) keys."""
        ids = await self._ids({place for place, _ in keys})
        place_of = {cid: place for place, cid in ids.items()}
        wanted = sorted({(ids[p], d) for p, d in keys if p in ids})
        found: dict[tuple[Place, date], DailyPick] = {}
        for chunk in _chunks(wanted):
            stmt = select(daily_picks).where(
                tuple_(daily_picks.c.channel_id, daily_picks.c.local_date).in_(chunk)
            )
            for row in await self._tx.conn.execute(stmt):
                pick = pick_from_row(place_of[row.channel_id], row)
                found[(pick.place, pick.local_date)] = pick
        return found

    async def recent_many(
        self, places: Collection[Place], limit: int
    ) -> dict[Place, list[DailyPick]]:
        """Each channel's last ``limit`` picks by local date, oldest first (one query per
        ``_IN_CHUNK`` channels, ranked by a window function)."""
        ids = await self._ids(places)
        place_of = {cid: place for place, cid in ids.items()}
        found: dict[Place, list[DailyPick]] = {place: [] for place in places}
        if limit <= 0:
            return found
        for chunk in _chunks(sorted(place_of)):
            rank = (
                func.row_number()
                .over(
                    partition_by=daily_picks.c.channel_id, order_by=daily_picks.c.local_date.desc()
                )
                .label("rank")
            )
            ranked = select(daily_picks, rank).where(daily_picks.c.channel_id.in_(chunk)).subquery()
            stmt = (
                select(ranked)
                .where(ranked.c.rank <= limit)
                .order_by(ranked.c.channel_id, ranked.c.local_date)
            )
            for row in await self._tx.conn.execute(stmt):
                place = place_of[row.channel_id]
                found[place].append(pick_from_row(place, row))
        return found

    async def add_many(self, picks: Sequence[DailyPick]) -> set[tuple[Place, date]]:
        """Insert the picks; the keys of those inserted (a (channel, date) that has a pick
        already keeps it: ON CONFLICT DO NOTHING)."""
        if not picks:
            return set()
        tx = self._tx
        ids = await self._ids({p.place for p in picks})
        place_of = {cid: place for place, cid in ids.items()}
        rows = [
            {
                "channel_id": ids[p.place],
                "local_date": p.local_date,
                "skill_id": p.skill_id,
                "scenario_id": p.scenario_id,
                "habit_id": p.habit_id,
                "seq": p.seq,
            }
            for p in picks
        ]
        # One statement given many parameter sets (SQLAlchemy's "insertmanyvalues": cached,
        # unlike a VALUES list built anew for every batch, which cost most of this).
        stmt = (
            tx.insert(daily_picks)
            .on_conflict_do_nothing(index_elements=["channel_id", "local_date"])
            .returning(daily_picks.c.channel_id, daily_picks.c.local_date)
        )
        result = await tx.conn.execute(stmt, rows)
        return {(place_of[row.channel_id], row.local_date) for row in result}

    async def save_rotations(self, rotations: Mapping[Place, Rotation]) -> None:
        """Store the channels' rotation state (their bag of skills) in one statement."""
        if not rotations:
            return
        ids = await self._ids(rotations)
        params = [
            {
                "cid": ids[place],
                "cycle": r.cycle,
                "bag": join_ids(r.bag, "skill"),
                "position": r.position,
            }
            for place, r in rotations.items()
        ]
        await self._tx.conn.execute(_SAVE_ROTATION, params)

    async def _ids(self, places: Collection[Place]) -> dict[Place, int]:
        found = {}
        for place in places:
            found[place] = await self._tx.existing_channel_id(place)
        return found


def _chunks(items: Sequence[Any]) -> list[list[Any]]:
    return [list(items[i : i + _IN_CHUNK]) for i in range(0, len(items), _IN_CHUNK)]
