"""Every ``Tx`` method round-trips on every backend, with the semantics of ``bot.ports``."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.model import (
    Channel,
    ChannelActivity,
    DailyPick,
    Member,
    MemberRef,
    Pause,
    Place,
    Reflection,
    Rotation,
    StreakState,
)
from bot.ports import Planned, StoreError
from storage import SqlStore

PLACE = Place("slack", "T1", "C1")
OTHER_PLACE = Place("discord", "G1", "C1")
ANN = MemberRef("slack", "T1", "U1")
BOB = MemberRef("slack", "T1", "U2")
DAY = date(2025, 3, 3)
NOW = datetime(2025, 3, 3, 9, 0, 5, 123456, tzinfo=UTC)

CHANNEL = Channel(
    place=PLACE,
    timezone="Europe/Berlin",
    language="de",
    nudge_time=time(8, 30),
    weekdays=frozenset({0, 2, 4}),
    professions=("nursing", "sales"),
    difficulty=4,
    rotation=Rotation(cycle=2, bag=("s3", "s1", "s9", "s2"), position=3),
)
MEMBER = Member(
    ref=ANN,
    display_name="Ann Émilie 🎾",
    timezone="America/New_York",
    language="fr",
    practice_days=frozenset({0, 1, 2, 3, 4, 5}),
    dms=True,
    streak=StreakState(current=3, longest=7, total=21, last_day=date(2025, 2, 28)),
)


def pick(local_date: date, seq: int, place: Place = PLACE) -> DailyPick:
    return DailyPick(place, local_date, f"skill{seq}", f"scenario{seq}", f"habit{seq}", seq)


async def seed(store: SqlStore) -> None:
    async with store.transaction() as tx:
        await tx.channels.add(CHANNEL)
        await tx.members.add(MEMBER)


class Boom(Exception):
    pass


# ---------------------------------------------------------------------- channels


async def test_channel_round_trip_with_rotation_state(store: SqlStore) -> None:
    async with store.transaction() as tx:
        assert await tx.channels.get(PLACE) is None
        assert await tx.channels.add(CHANNEL) == CHANNEL
    async with store.transaction() as tx:
        assert await tx.channels.get(PLACE) == CHANNEL
        assert await tx.channels.get(PLACE, for_update=True) == CHANNEL


async def test_add_channel_keeps_the_stored_one(store: SqlStore) -> None:
    await seed(store)
    async with store.transaction() as tx:
        again = await tx.channels.add(Channel(PLACE, timezone="UTC"))
    assert again == CHANNEL


async def test_save_channel_updates_settings_and_rotation(store: SqlStore) -> None:
    await seed(store)
    changed = replace(
        CHANNEL,
        timezone="Asia/Tokyo",
        nudge_time=time(17, 45, 30),
        weekdays=frozenset(),
        professions=(),
        rotation=Rotation(cycle=3, bag=("s1",), position=0),
    )
    async with store.transaction() as tx:
        await tx.channels.save(changed)
    async with store.transaction() as tx:
        assert await tx.channels.get(PLACE) == changed


async def test_save_unknown_channel_raises_lookup_error(store: SqlStore) -> None:
    with pytest.raises(LookupError):
        async with store.transaction() as tx:
            await tx.channels.save(CHANNEL)


async def test_list_channels_in_stable_order(store: SqlStore) -> None:
    places = [Place("slack", "T2", "C9"), OTHER_PLACE, PLACE, Place("slack", "T1", "C0")]
    async with store.transaction() as tx:
        for place in places:
            await tx.channels.add(Channel(place))
    async with store.transaction() as tx:
        listed = [c.place for c in await tx.channels.list()]
    assert listed == sorted(places, key=lambda p: (p.platform, p.workspace, p.channel))


async def test_ids_with_commas_are_refused(store: SqlStore) -> None:
    with pytest.raises(ValueError, match="comma"):
        async with store.transaction() as tx:
            await tx.channels.add(replace(CHANNEL, professions=("a,b",)))


# ---------------------------------------------------------------------- members and pauses


async def test_member_round_trip_with_streak_and_settings(store: SqlStore) -> None:
    async with store.transaction() as tx:
        assert await tx.members.get(ANN) is None
        assert await tx.members.add(MEMBER) == MEMBER
        plain = await tx.members.add(Member(BOB, "Bob"))
    assert plain == Member(BOB, "Bob")  # None settings and an empty streak round-trip too
    async with store.transaction() as tx:
        assert await tx.members.get(ANN) == MEMBER
        assert await tx.members.get(ANN, for_update=True) == MEMBER
        assert await tx.members.add(Member(ANN, "Someone else")) == MEMBER


async def test_save_member(store: SqlStore) -> None:
    await seed(store)
    changed = replace(
        MEMBER,
        display_name="Ann B.",
        timezone=None,
        language=None,
        dms=False,
        streak=StreakState(current=0, longest=7, total=22, last_day=None),
    )
    async with store.transaction() as tx:
        await tx.members.save(changed)
    async with store.transaction() as tx:
        assert await tx.members.get(ANN) == changed
        with pytest.raises(LookupError):
            await tx.members.save(Member(BOB, "Bob"))


async def test_pauses_are_replaced_and_listed_oldest_first(store: SqlStore) -> None:
    await seed(store)
    first = Pause(date(2025, 1, 1), date(2025, 1, 3))
    second = Pause(date(2025, 2, 1), date(2025, 2, 1))
    third = Pause(date(2025, 3, 10), date(2025, 3, 20))
    async with store.transaction() as tx:
        assert await tx.pauses.list(ANN) == []
        await tx.pauses.replace(ANN, [third, first, second])
        assert await tx.pauses.list(ANN) == [first, second, third]
    async with store.transaction() as tx:
        assert await tx.pauses.list(ANN) == [first, second, third]
        await tx.pauses.replace(ANN, [second])
    async with store.transaction() as tx:
        assert await tx.pauses.list(ANN) == [second]
        await tx.pauses.replace(ANN, [])
        assert await tx.pauses.list(ANN) == []
        assert await tx.pauses.list(BOB) == []
        with pytest.raises(LookupError):
            await tx.pauses.replace(BOB, [first])


# ---------------------------------------------------------------------- picks


async def test_pick_round_trip_and_recent_picks(store: SqlStore) -> None:
    await seed(store)
    picks = [pick(DAY + timedelta(days=i), i) for i in range(6)]
    async with store.transaction() as tx:
        assert await tx.picks.get(PLACE, DAY) is None
        assert await tx.picks.recent(PLACE, 3) == []
        for p in reversed(picks):
            assert await tx.picks.add(p)
    async with store.transaction() as tx:
        assert await tx.picks.get(PLACE, DAY) == picks[0]
        assert await tx.picks.recent(PLACE, 3) == picks[3:]
        assert await tx.picks.recent(PLACE, 100) == picks
        assert await tx.picks.recent(PLACE, 0) == []
        assert await tx.picks.recent(OTHER_PLACE, 3) == []
        assert await tx.picks.get(OTHER_PLACE, DAY) is None


async def test_duplicate_pick_is_refused_and_the_transaction_still_commits(
    store: SqlStore,
) -> None:
    await seed(store)
    original = pick(DAY, 0)
    async with store.transaction() as tx:
        assert await tx.picks.add(original)
    advanced = replace(CHANNEL, rotation=Rotation(cycle=9, bag=("x",), position=1))
    async with store.transaction() as tx:
        assert not await tx.picks.add(replace(original, skill_id="other", seq=5))
        # The refusal did not abort the transaction (it would on PostgreSQL after an error).
        assert await tx.picks.get(PLACE, DAY) == original
        assert await tx.picks.add(pick(DAY + timedelta(days=1), 1))
        await tx.channels.save(advanced)
    async with store.transaction() as tx:
        assert await tx.picks.get(PLACE, DAY) == original
        assert await tx.picks.get(PLACE, DAY + timedelta(days=1)) == pick(
            DAY + timedelta(days=1), 1
        )
        assert await tx.channels.get(PLACE) == advanced


async def test_pick_for_unknown_channel_raises_lookup_error(store: SqlStore) -> None:
    with pytest.raises(LookupError):
        async with store.transaction() as tx:
            await tx.picks.add(pick(DAY, 0, OTHER_PLACE))


# ---------------------------------------------------------------------- reflections

LONG_ANSWERS = {
    "went_well": "🎾" * 4000,
    "hard": "ü" * 3999 + "\n",
    "next": "日本語のテキスト" * 500,
    "quote": "\"'\\ <b>&amp;</b> @channel \x00 \t \u2028" * 200,
    "empty": "",
}


async def test_reflection_round_trip_with_unicode_and_long_answers(store: SqlStore) -> None:
    await seed(store)
    plus_two = timezone(timedelta(hours=2))
    written = [
        Reflection(ANN, PLACE, DAY, NOW, LONG_ANSWERS, skill_id="s3", shared=True),
        Reflection(
            ANN,
            PLACE,
            DAY + timedelta(days=1),
            datetime(2025, 3, 4, 23, 30, tzinfo=plus_two),  # stored as 21:30 UTC
            {"b": "2", "a": "1"},
        ),
    ]
    async with store.transaction() as tx:
        ids = [await tx.reflections.add(r) for r in written]
        assert await tx.reflections.list(BOB) == []
    assert ids[0] < ids[1]
    async with store.transaction() as tx:
        read = await tx.reflections.list(ANN)
    assert read == [replace(r, id=i) for r, i in zip(written, ids, strict=True)]
    assert [list(r.answers) for r in read] == [list(LONG_ANSWERS), ["b", "a"]]  # key order kept
    assert all(r.created_at.tzinfo is UTC for r in read)
    assert read[1].created_at == datetime(2025, 3, 4, 21, 30, tzinfo=UTC)


async def test_reflections_are_listed_oldest_first(store: SqlStore) -> None:
    await seed(store)
    times = [NOW + timedelta(minutes=m) for m in (5, 0, 10)]
    async with store.transaction() as tx:
        for t in times:
            await tx.reflections.add(Reflection(ANN, PLACE, DAY, t, {"t": t.isoformat()}))
    async with store.transaction() as tx:
        assert [r.created_at for r in await tx.reflections.list(ANN)] == sorted(times)


async def test_naive_datetimes_are_refused(store: SqlStore) -> None:
    await seed(store)
    with pytest.raises(ValueError, match="naive"):
        async with store.transaction() as tx:
            await tx.reflections.add(Reflection(ANN, PLACE, DAY, datetime(2025, 3, 3), {}))
    with pytest.raises(ValueError, match="naive"):
        async with store.transaction() as tx:
            await tx.work.claim("me", datetime(2025, 3, 3), timedelta(minutes=1), {"slack"}, 1)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(answers=st.dictionaries(st.text(min_size=1, max_size=20), st.text(max_size=300), max_size=5))
async def test_any_unicode_answers_round_trip(store: SqlStore, answers: dict[str, str]) -> None:
    async with store.transaction() as tx:
        await tx.channels.add(CHANNEL)
        await tx.members.add(MEMBER)
        new_id = await tx.reflections.add(Reflection(ANN, PLACE, DAY, NOW, answers))
    async with store.transaction() as tx:
        stored = {r.id: r for r in await tx.reflections.list(ANN)}[new_id]
    assert stored.answers == answers
    assert list(stored.answers) == list(answers)


async def test_a_reflection_by_id_and_shared_once(store: SqlStore) -> None:
    await seed(store)
    async with store.transaction() as tx:
        new_id = await tx.reflections.add(Reflection(ANN, PLACE, DAY, NOW, {"R1": "x"}))
        assert await tx.reflections.get(new_id + 1000) is None
        found = await tx.reflections.get(new_id)
        assert found is not None and (found.member, found.place, found.id) == (ANN, PLACE, new_id)
        assert not found.shared
        assert await tx.reflections.mark_shared(new_id)
        assert not await tx.reflections.mark_shared(new_id)  # once
        assert not await tx.reflections.mark_shared(new_id + 1000)
    async with store.transaction() as tx:
        shared = await tx.reflections.get(new_id)
        assert shared is not None and shared.shared
        assert [r.shared for r in await tx.reflections.list(ANN)] == [True]


# ---------------------------------------------------------------------- transactions


async def test_exception_rolls_back_everything(store: SqlStore) -> None:
    await seed(store)
    with pytest.raises(Boom):
        async with store.transaction() as tx:
            await tx.channels.add(Channel(OTHER_PLACE))
            await tx.members.add(Member(BOB, "Bob"))
            await tx.members.save(replace(MEMBER, display_name="changed"))
            await tx.pauses.replace(ANN, [Pause(DAY, DAY)])
            await tx.picks.add(pick(DAY, 0))
            await tx.reflections.add(Reflection(ANN, PLACE, DAY, NOW, {"a": "b"}))
            await tx.work.plan([Planned(PLACE, DAY, "nudge", NOW)], {PLACE: NOW})
            raise Boom
    async with store.transaction() as tx:
        assert [c.place for c in await tx.channels.list()] == [PLACE]
        assert await tx.members.get(BOB) is None
        assert await tx.members.get(ANN) == MEMBER
        assert await tx.pauses.list(ANN) == []
        assert await tx.picks.get(PLACE, DAY) is None
        assert await tx.reflections.list(ANN) == []
        assert await tx.work.records(PLACE) == []


async def test_reads_see_the_transactions_own_writes(store: SqlStore) -> None:
    async with store.transaction() as tx:
        await tx.channels.add(CHANNEL)
        await tx.members.add(MEMBER)
        await tx.members.save(replace(MEMBER, display_name="x"))
        member = await tx.members.get(ANN, for_update=True)
        assert member is not None and member.display_name == "x"
        assert [c.place for c in await tx.channels.list()] == [PLACE]


async def test_database_errors_become_store_errors_without_the_data(store: SqlStore) -> None:
    if store.dialect != "postgresql":
        pytest.skip("SQLite stores any 64-bit integer; PostgreSQL's INTEGER is 32-bit")
    secret = Member(BOB, "private-name-42", streak=StreakState(total=2**40))
    with pytest.raises(StoreError) as error:
        async with store.transaction() as tx:
            await tx.members.add(secret)
    assert "out of int32 range" in str(error.value)
    assert str(2**40) not in str(error.value)
    assert "private-name-42" not in str(error.value)
    assert "private-name-42" not in str(error.value.__cause__)


async def test_channel_activity_counts_only_the_span(store: SqlStore) -> None:
    await seed(store)
    async with store.transaction() as tx:
        assert await tx.reports.channel_activity(Place("slack", "T1", "nowhere"), DAY, DAY) == (
            ChannelActivity()
        )
        for day, shared in ((DAY, True), (DAY, False), (DAY + timedelta(days=1), False)):
            reflection = Reflection(ANN, PLACE, day, NOW, {"R1": "x"}, shared=shared)
            await tx.reflections.add(reflection)
        await tx.rounds.join(PLACE, DAY, ANN, NOW)
        await tx.rounds.join(PLACE, DAY - timedelta(days=1), ANN, NOW)
        seen = await tx.reports.channel_activity(PLACE, DAY, DAY)
    assert (seen.reflections, seen.reflectors, seen.shared) == (2, 1, 1)
    assert (seen.joins, seen.joiners, seen.groups, seen.nudges) == (1, 1, 0, 0)
