"""The scheduling parts of the store: the work ledger, the outbox with its lanes, off-days, and
migration 0007 that moved the old nudge ledger into the work ledger (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import Date, DateTime, Integer, Text, column, select, table

from bot.messages import Action, Card, Field, Notice
from bot.model import Channel, DateRange, Member, MemberRef, Place
from bot.ports import Planned
from storage import SqlStore, open_store
from storage.engine import create_engine
from tests.storage.test_storage_rounds import INSERT_0001_CHANNEL, _downgrade_to, _upgrade_to

PLACE = Place("slack", "T1", "C1")
OTHER = Place("slack", "T1", "C2")
ANN = MemberRef("slack", "T1", "U1")
DAY = date(2026, 12, 7)
NOW = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
LEASE = timedelta(minutes=2)


async def seed(store: SqlStore) -> None:
    async with store.transaction() as tx:
        await tx.channels.add(Channel(PLACE))
        await tx.channels.add(Channel(OTHER))
        await tx.members.add(Member(ANN, "Ann"))
        for place in (PLACE, OTHER):  # nothing to plan before tomorrow
            await tx.work.set_cursor(place, NOW + timedelta(days=1), earlier_only=False)


# ---------------------------------------------------------------------- work ledger


async def test_planning_twice_adds_each_piece_of_work_once(store: SqlStore) -> None:
    await seed(store)
    work = [Planned(PLACE, DAY, "nudge", NOW), Planned(PLACE, DAY, "round", NOW + LEASE)]
    for _ in range(2):
        async with store.transaction() as tx:
            await tx.work.plan(work, {PLACE: NOW + timedelta(hours=1)})
    async with store.transaction() as tx:
        assert len(await tx.work.records(PLACE)) == 2
        assert await tx.work.kinds_on(PLACE, DAY) == frozenset({"nudge", "round"})
        # Only what is due is claimed, oldest first; a cursor in the future is not due.
        assert not await tx.work.anything_due(NOW - timedelta(minutes=1), {"slack"})
        jobs = await tx.work.claim("me", NOW + LEASE, LEASE, {"slack"}, 10)
        assert [j.kind for j in jobs] == ["nudge", "round"]
        assert not await tx.work.claim("other", NOW + LEASE, LEASE, {"slack"}, 10)
        assert not await tx.work.anything_due(NOW + LEASE, {"slack"})  # claimed, leased
        assert await tx.work.anything_due(NOW + 2 * LEASE + timedelta(seconds=1), {"slack"})
        assert await tx.work.claim("me", NOW, LEASE, {"discord"}, 10) == []


async def test_retry_later_skip_and_excused_dates(store: SqlStore) -> None:
    await seed(store)
    async with store.transaction() as tx:
        await tx.work.plan(
            [
                Planned(PLACE, DAY, "nudge", NOW),
                Planned(PLACE, DAY, "round", NOW),
                Planned(PLACE, DAY + timedelta(days=1), "nudge", NOW),
            ],
            {},
        )
        jobs = {
            (j.local_date, j.kind): j for j in await tx.work.claim("me", NOW, LEASE, {"slack"}, 9)
        }
        await tx.work.retry_later(jobs[(DAY, "nudge")], NOW + timedelta(minutes=5), "error")
        assert await tx.work.finish(jobs[(DAY, "round")], "missed", "downtime", NOW)
        assert await tx.work.finish(jobs[(DAY + timedelta(days=1), "nudge")], "done", "late", NOW)
    async with store.transaction() as tx:
        assert await tx.work.claim("me", NOW + timedelta(minutes=4), LEASE, {"slack"}, 9) == []
        assert await tx.work.skip(PLACE, [DAY], "offday", NOW) == 1  # the waiting nudge
        assert await tx.work.excused_dates(PLACE) == frozenset({DAY})  # the missed round
        assert await tx.work.excused_dates(OTHER) == frozenset()
        statuses = {
            (r.local_date, r.kind): (r.status, r.note) for r in await tx.work.records(PLACE)
        }
    assert statuses == {
        (DAY, "nudge"): ("skipped", "offday"),
        (DAY, "round"): ("missed", "downtime"),
        (DAY + timedelta(days=1), "nudge"): ("done", "late"),
    }
    with pytest.raises(ValueError):
        async with store.transaction() as tx:
            await tx.work.finish(jobs[(DAY, "nudge")], "claimed", "", NOW)


async def test_naive_instants_are_refused(store: SqlStore) -> None:
    await seed(store)
    naive = datetime(2026, 12, 7, 8)
    for attempt in (
        lambda tx: tx.work.plan([Planned(PLACE, DAY, "nudge", naive)], {}),
        lambda tx: tx.work.set_cursor(PLACE, naive, earlier_only=False),
        lambda tx: tx.outbox.add([Notice(PLACE, Card("x"))], kind="nudge", now=naive),
        lambda tx: tx.offdays.add(PLACE, DateRange(DAY, DAY), naive),
    ):
        with pytest.raises(ValueError, match="naive"):
            async with store.transaction() as tx:
                await attempt(tx)


# ---------------------------------------------------------------------- outbox


def notice(title: str, member: MemberRef | None = None, place: Place = PLACE) -> Notice:
    card = Card(
        title,
        body="<!channel> stays text",
        fields=(Field("Said", "I waited.", untrusted=True),),
        actions=(Action("reflect:C1", "Reflect"),),
        image_png=b"\x89PNG",
        image_name="streak.png",
    )
    return Notice(place, card, member=member, fallback=Card("pointer"))


async def test_notices_come_back_exactly_as_queued_and_lose_their_content_once_sent(
    store: SqlStore,
) -> None:
    await seed(store)
    async with store.transaction() as tx:
        ids = await tx.outbox.add(
            [notice("a"), notice("b", ANN)], kind=["nudge", "role"], now=NOW, local_date=DAY
        )
        assert list(ids) == sorted(ids)
        assert await tx.outbox.lanes_due(NOW, {"slack"}) == ["slack:T1"]
        assert await tx.outbox.claim_lane("slack:T1", "me", NOW, LEASE)
        assert not await tx.outbox.claim_lane("slack:T1", "other", NOW + LEASE / 2, LEASE)
        parcels = await tx.outbox.claim("slack:T1", "me", NOW, LEASE, 10)
    assert [p.notice for p in parcels] == [notice("a"), notice("b", ANN)]
    assert [p.kind for p in parcels] == ["nudge", "role"]
    assert parcels[0].nonce != parcels[1].nonce and len(parcels[0].nonce) <= 25
    async with store.transaction() as tx:
        assert await tx.outbox.sent(parcels[0], NOW, "1712.0001")
        await tx.outbox.failed(parcels[1], NOW, "500", NOW + timedelta(seconds=30))
        assert await tx.outbox.claim_ids(ids, "me", NOW + timedelta(seconds=10), LEASE) == []
        [again] = await tx.outbox.claim_ids(ids, "me", NOW + timedelta(seconds=30), LEASE)
        assert again.attempts == 2 and again.notice == notice("b", ANN)
        await tx.outbox.failed(again, NOW, "403", None)  # given up
        records = {r.title: r for r in await tx.outbox.records(PLACE)}
        assert (records["a"].status, records["a"].message_ref) == ("sent", "1712.0001")
        assert (records["b"].status, records["b"].error, records["b"].attempts) == (
            "failed",
            "403",
            2,
        )
        assert await tx.outbox.count(PLACE, ("pending", "sending")) == 0
        assert await tx.outbox.lanes_due(NOW + timedelta(days=1), {"slack"}) == []
        # A settled notice keeps what it was and what became of it, not what it said.
        raw = await tx.conn.execute(select(column("notice")).select_from(table("outbox")))
        assert [row[0] for row in raw] == [None, None]
        # Another owner may take the lane once its lease ran out.
        assert await tx.outbox.claim_lane("slack:T1", "other", NOW + 2 * LEASE, LEASE)
        await tx.outbox.release_lane("slack:T1", "me")  # not the owner: no-op
        assert not await tx.outbox.claim_lane("slack:T1", "me", NOW + 2 * LEASE, LEASE)


async def test_many_deliveries_are_recorded_together_and_a_lost_claim_is_left_alone(
    store: SqlStore,
) -> None:
    await seed(store)
    async with store.transaction() as tx:
        await tx.outbox.add([notice(t) for t in "abc"], kind="nudge", now=NOW)
        mine = await tx.outbox.claim("slack:T1", "me", NOW, LEASE, 10)
    # The lease of the third ran out and another instance claimed it meanwhile.
    async with store.transaction() as tx:
        [theirs] = await tx.outbox.claim_ids([mine[2].id], "other", NOW + 2 * LEASE, LEASE)
    async with store.transaction() as tx:
        recorded = await tx.outbox.sent_many(
            [(p, NOW + timedelta(seconds=1), f"ts{p.id}") for p in mine]
        )
        assert recorded == {mine[0].id, mine[1].id}
        assert await tx.outbox.sent_many([]) == set()
        records = {r.title: r for r in await tx.outbox.records(PLACE)}
    assert [(records[t].status, records[t].message_ref) for t in "ab"] == [
        ("sent", f"ts{mine[0].id}"),
        ("sent", f"ts{mine[1].id}"),
    ]
    assert records["c"].status == "sending" and theirs.owner == "other"  # still theirs


async def test_forgetting_a_member_drops_their_unsent_notices(store: SqlStore) -> None:
    await seed(store)
    async with store.transaction() as tx:
        await tx.outbox.add([notice("for ann", ANN), notice("for all")], kind="x", now=NOW)
        assert await tx.members.delete(ANN)
    async with store.transaction() as tx:
        assert await tx.outbox.claim_lane("slack:T1", "me", NOW, LEASE)
        parcels = await tx.outbox.claim("slack:T1", "me", NOW, LEASE, 10)
    assert [p.notice.card.title for p in parcels] == ["for all"]


# ---------------------------------------------------------------------- off-days


async def test_offdays_are_added_once_and_removed_by_cutting(store: SqlStore) -> None:
    await seed(store)
    christmas = DateRange(date(2026, 12, 24), date(2027, 1, 1))
    async with store.transaction() as tx:
        assert await tx.offdays.add(PLACE, christmas, NOW)
        assert not await tx.offdays.add(PLACE, christmas, NOW)
        assert await tx.offdays.add(PLACE, DateRange(date(2027, 2, 1), date(2027, 2, 1)), NOW)
        assert await tx.offdays.remove(PLACE, DateRange(date(2026, 12, 31), date(2027, 2, 1))) == 2
        assert await tx.offdays.list(PLACE) == [DateRange(date(2026, 12, 24), date(2026, 12, 30))]
        assert await tx.offdays.list(OTHER) == []
        assert await tx.offdays.remove(Place("x", "y", "z"), christmas) == 0


# ---------------------------------------------------------------------- migration 0007

V6_NUDGES = table(
    "nudges",
    column("channel_id", Integer),
    column("local_date", Date),
    column("status", Text),
    column("attempts", Integer),
    column("updated_at", DateTime(timezone=True)),
)
V6_CHANNELS = table("channels", column("id", Integer))


async def test_migration_0007_moves_the_nudge_ledger_into_the_work_ledger(store_url: str) -> None:
    await _upgrade_to(store_url, "0006")
    engine = create_engine(store_url)
    days = [DAY + timedelta(days=n) for n in range(3)]
    try:
        async with engine.begin() as connection:
            await connection.execute(INSERT_0001_CHANNEL, {"nudge": time(8, 30)})
            channel_id = await connection.scalar(select(V6_CHANNELS.c.id))
            for day, status in zip(days, ("sent", "failed", "claimed"), strict=True):
                await connection.execute(
                    V6_NUDGES.insert().values(
                        channel_id=channel_id, local_date=day, status=status, attempts=1,
                        updated_at=NOW,
                    )
                )  # fmt: skip
    finally:
        await engine.dispose()
    store = await open_store(store_url)  # upgrades to head
    try:
        async with store.transaction() as tx:
            records = {r.local_date: (r.status, r.note) for r in await tx.work.records(PLACE)}
            # Days whose nudge failed, or was left claimed by a crash, stay excused.
            assert await tx.work.excused_dates(PLACE) == frozenset(days[1:])
            channel = await tx.channels.get(PLACE)
        assert records == {
            days[0]: ("done", "on_time"),
            days[1]: ("missed", "failed"),
            days[2]: ("missed", "crashed"),
        }
        assert channel is not None and channel.reminder_time == time(16, 0)
        assert channel.forgive_per_week == 1
    finally:
        await store.close()
    await _downgrade_to(store_url, "0006")
    engine = create_engine(store_url)
    try:
        async with engine.connect() as connection:
            back = sorted(
                (row.local_date, row.status)
                for row in await connection.execute(
                    select(V6_NUDGES.c.local_date, V6_NUDGES.c.status)
                )
            )
    finally:
        await engine.dispose()
    assert back == [(days[0], "sent"), (days[1], "failed"), (days[2], "failed")]
    await _upgrade_to(store_url, "head")
