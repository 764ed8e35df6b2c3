"""Members' practice levels per channel (``tx.levels``), on every backend."""

from __future__ import annotations

import pytest

from bot.model import Channel, Level, Member, MemberRef, Place

PLACE = Place("slack", "T1", "C1")
OTHER = Place("slack", "T1", "C2")
ANNA = MemberRef("slack", "T1", "UANNA")
BOB = MemberRef("slack", "T1", "UBOB")


async def test_a_level_is_per_channel_and_kept(store) -> None:
    async with store.transaction() as tx:
        await tx.channels.add(Channel(PLACE))
        await tx.channels.add(Channel(OTHER))
        await tx.members.add(Member(ANNA, "Anna"))
        await tx.members.add(Member(BOB, "Bob"))
        assert await tx.levels.get_many(PLACE, [ANNA, BOB]) == {}
        await tx.levels.save(PLACE, ANNA, Level(2, 1))
        await tx.levels.save(OTHER, ANNA, Level(1))
    async with store.transaction() as tx:
        assert await tx.levels.get_many(PLACE, [ANNA, BOB]) == {ANNA: Level(2, 1)}
        await tx.levels.save(PLACE, ANNA, Level(3, 0))  # an update, not a second row
        assert await tx.levels.get_many(PLACE, [ANNA]) == {ANNA: Level(3, 0)}
        assert await tx.levels.get_many(OTHER, [ANNA]) == {ANNA: Level(1, 0)}
        assert await tx.levels.get_many(Place("slack", "T1", "C9"), [ANNA]) == {}
        with pytest.raises(LookupError):
            await tx.levels.save(PLACE, MemberRef("slack", "T1", "UNOBODY"), Level(1))
    # A member who is forgotten takes their levels along.
    async with store.transaction() as tx:
        await tx.members.delete(ANNA)
        assert await tx.levels.get_many(PLACE, [ANNA]) == {}
