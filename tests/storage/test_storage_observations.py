"""The automatic observer's rows in the store: each member's answer to live reading (no, yes,
or yes and keep the text) and migration 0012, which added "keep", in both directions.

Every test runs on SQLite and (with ``BALLBACK_TEST_POSTGRES_URL``) on PostgreSQL.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.model import LIVE_KEEP, LIVE_NO, LIVE_YES, Observation
from storage import SqlStore, current_revision, open_store
from storage.engine import create_engine
from storage.tables import observation_consents
from tests.storage.test_storage_rounds import (
    ANN,
    BOB,
    CAY,
    NOW,
    STRANGER,
    _downgrade_to,
    _upgrade_to,
    add_groups,
    pair,
    seed,
    trio,
)


async def test_answers_are_recorded_changed_and_read_per_member(store: SqlStore) -> None:
    await seed(store)
    [group, other] = await add_groups(store, trio(), pair())
    assert group.id is not None and other.id is not None
    async with store.transaction() as tx:
        await tx.observations.answer(group.id, ANN, LIVE_KEEP)
        await tx.observations.answer(group.id, BOB, LIVE_YES)
        await tx.observations.answer(group.id, CAY, LIVE_NO)
        await tx.observations.answer(other.id, ANN, LIVE_YES)
    async with store.read() as tx:
        assert await tx.observations.answers(group.id) == {
            ANN: LIVE_KEEP,
            BOB: LIVE_YES,
            CAY: LIVE_NO,
        }
        assert await tx.observations.answers_of(ANN) == {group.id: LIVE_KEEP, other.id: LIVE_YES}
        assert await tx.observations.answers_of(STRANGER) == {}
    async with store.transaction() as tx:  # changed, in every direction
        await tx.observations.answer(group.id, ANN, LIVE_YES)
        await tx.observations.answer(group.id, BOB, LIVE_KEEP)
        await tx.observations.answer(group.id, CAY, LIVE_KEEP)
    async with store.read() as tx:
        assert await tx.observations.answers(group.id) == {
            ANN: LIVE_YES,
            BOB: LIVE_KEEP,
            CAY: LIVE_KEEP,
        }
    async with store.transaction() as tx:
        with pytest.raises(ValueError, match="maybe"):
            await tx.observations.answer(group.id, ANN, "maybe")


async def test_migration_0012_down_and_up_again(store_url: str) -> None:
    store = await open_store(store_url)
    try:
        await seed(store)
        [group] = await add_groups(store, trio())
        assert group.id is not None
        async with store.transaction() as tx:
            await tx.observations.answer(group.id, ANN, LIVE_KEEP)
            await tx.observations.answer(group.id, BOB, LIVE_YES)
            await tx.observations.answer(group.id, CAY, LIVE_NO)
            for turn, finished in ((1, True), (2, False)):
                kept = Observation(
                    group.id,
                    turn,
                    "live",
                    "en",
                    {"helper_turns": 1},
                    finished=finished,
                    transcript=f"Ann: turn {turn}",
                )
                await tx.observations.save(kept, NOW)
    finally:
        await store.close()
    await _downgrade_to(store_url, "0011")
    assert await current_revision(store_url) == "0011"
    engine = create_engine(store_url)
    try:
        async with engine.connect() as connection:
            columns = observation_consents.c
            rows = await connection.execute(select(columns.member_id, columns.agreed))
            # A keep is a plain yes to 0011; the text of the round still being read goes.
            assert sorted(agreed for _, agreed in rows) == [False, True, True]
    finally:
        await engine.dispose()
    await _upgrade_to(store_url, "head")
    store = await open_store(store_url, upgrade=False)
    try:
        async with store.read() as tx:
            # Every yes from before 0012 is a yes to counts only.
            assert await tx.observations.answers(group.id) == {
                ANN: LIVE_YES,
                BOB: LIVE_YES,
                CAY: LIVE_NO,
            }
            finished, open_round = await tx.observations.of_group(group.id)
            assert finished.transcript == "Ann: turn 1" and open_round.transcript is None
    finally:
        await store.close()
