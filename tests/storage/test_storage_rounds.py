"""Practice rounds in the store: joins, the pairing ledger, groups, reminders and feedback.

Every test runs on SQLite and (with ``BALLBACK_TEST_POSTGRES_URL``) on PostgreSQL, with the
semantics of the "Practice rounds" methods of ``bot.ports.Tx``.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Integer,
    Text,
    Time,
    bindparam,
    column,
    insert,
    select,
    table,
    text,
)

import storage.rows
import storage.tx.groups
from bot.model import (
    BRINGER,
    HELPER,
    NOT_HAPPENED,
    OBSERVER,
    PRACTISED,
    ROLES,
    Channel,
    Feedback,
    Group,
    Member,
    MemberRef,
    Pause,
    Place,
    Reflection,
    Seat,
)
from bot.ports import TRIO, StoreError
from storage import SqlStore, current_revision, head_revision, open_store
from storage.engine import create_engine
from storage.migrate import alembic_config
from storage.tables import GROUP_OUTCOMES, SEAT_ROLES, role_tallies
from tests.support.statements import statements

PLACE = Place("slack", "T1", "C1")
OTHER_PLACE = Place("discord", "G1", "C1")
DAY = date(2025, 3, 3)
NOW = datetime(2025, 3, 3, 9, 0, 5, 123456, tzinfo=UTC)
ANN, BOB, CAY, DEE, EVE = (MemberRef("slack", "T1", f"U{i}") for i in range(1, 6))
NAMES = {ANN: "Ann", BOB: "Bob", CAY: "Cay", DEE: "Dee", EVE: "Eve"}
STRANGER = MemberRef("slack", "T1", "nobody")
PROCESSES = 4
CLAIMERS = 20


def seat(ref: MemberRef, role: str) -> Seat:
    return Seat(ref, role, NAMES[ref])


def trio(number: int = 1, day: date = DAY, place: Place = PLACE) -> Group:
    seats = (seat(ANN, HELPER), seat(BOB, BRINGER), seat(CAY, OBSERVER))
    return Group(place, day, number, seats, "scenario-1", "skill-1")


def pair(number: int = 2, day: date = DAY, place: Place = PLACE) -> Group:
    # Ids deliberately not in seat order: the stored order is the given one, not a sorted one.
    return Group(place, day, number, (seat(EVE, HELPER), seat(DEE, BRINGER)), "sc-2", "sk-2")


async def seed(store: SqlStore, *, other_channel: bool = False) -> None:
    async with store.transaction() as tx:
        await tx.channels.add(Channel(PLACE))
        if other_channel:
            await tx.channels.add(Channel(OTHER_PLACE))
        for ref, name in NAMES.items():
            await tx.members.add(Member(ref, name))


async def add_groups(store: SqlStore, *groups: Group) -> list[Group]:
    async with store.transaction() as tx:
        return list(await tx.groups.add(groups))


@pytest.fixture
async def stores(store: SqlStore, store_url: str) -> AsyncIterator[list[SqlStore]]:
    """The migrated ``store`` plus more stores on the same database (like other processes)."""
    others = [await open_store(store_url, upgrade=False) for _ in range(PROCESSES - 1)]
    try:
        yield [store, *others]
    finally:
        for other in others:
            await other.close()


# ---------------------------------------------------------------------- schema


def test_check_constraints_allow_exactly_the_domain_values() -> None:
    # The CHECK constraints of group_seats.role and groups.outcome list these values: a new
    # role or outcome in bot.model needs a migration too.
    assert SEAT_ROLES == ROLES
    assert set(GROUP_OUTCOMES) == {PRACTISED, NOT_HAPPENED}


def test_role_tallies_count_every_role_and_trios() -> None:
    # role_counts reads a column per role and TRIO: a new role needs a migration here too.
    assert tuple(role_tallies.c.keys()) == ("channel_id", "member_id", *ROLES, TRIO)


async def test_roles_and_outcomes_outside_the_domain_are_refused(store: SqlStore) -> None:
    await seed(store)
    with pytest.raises(StoreError, match=r"(?i)check constraint"):
        async with store.transaction() as tx:
            await tx.groups.add([replace(trio(), seats=(seat(ANN, "coach"), seat(BOB, HELPER)))])
    [group] = await add_groups(store, trio())
    with pytest.raises(StoreError, match=r"(?i)check constraint"):
        async with store.transaction() as tx:
            await tx.groups.save(replace(group, outcome="maybe"))


# ---------------------------------------------------------------------- channel settings


async def test_channel_pairing_settings_round_trip(store: SqlStore) -> None:
    channel = Channel(PLACE, pairing_time=time(14, 45, 30), repeat_window=3)
    async with store.transaction() as tx:
        assert await tx.channels.add(channel) == channel
        assert await tx.channels.add(Channel(OTHER_PLACE)) == Channel(OTHER_PLACE)
    async with store.transaction() as tx:
        assert await tx.channels.get(PLACE) == channel
        assert await tx.channels.get(OTHER_PLACE) == Channel(OTHER_PLACE)  # 10:00 and 8
        changed = replace(channel, pairing_time=time(7, 0), repeat_window=0)
        await tx.channels.save(changed)
    async with store.transaction() as tx:
        assert await tx.channels.get(PLACE) == changed
        assert [c.repeat_window for c in await tx.channels.list()] == [8, 0]


# ---------------------------------------------------------------------- joining


async def test_join_leave_and_list_in_join_order(store: SqlStore) -> None:
    await seed(store, other_channel=True)
    async with store.transaction() as tx:
        assert await tx.rounds.list_joined(PLACE, DAY) == []
        assert await tx.rounds.join(PLACE, DAY, CAY, NOW + timedelta(seconds=2))
        assert await tx.rounds.join(PLACE, DAY, ANN, NOW)
        assert await tx.rounds.join(PLACE, DAY, BOB, NOW + timedelta(seconds=1))
        assert not await tx.rounds.join(PLACE, DAY, ANN, NOW + timedelta(seconds=5))  # twice
        assert await tx.rounds.join(PLACE, DAY + timedelta(days=1), DEE, NOW)
        assert await tx.rounds.join(OTHER_PLACE, DAY, EVE, NOW)
    async with store.transaction() as tx:
        assert await tx.rounds.list_joined(PLACE, DAY) == [ANN, BOB, CAY]
        assert await tx.rounds.list_joined(PLACE, DAY + timedelta(days=1)) == [DEE]
        assert await tx.rounds.list_joined(OTHER_PLACE, DAY) == [EVE]
        assert await tx.rounds.count_joined(PLACE, DAY) == 3
        assert await tx.rounds.count_joined(PLACE, DAY + timedelta(days=1)) == 1
        assert await tx.rounds.count_joined(PLACE, DAY + timedelta(days=2)) == 0
        assert await tx.rounds.count_joined(OTHER_PLACE, DAY) == 1
        assert await tx.rounds.count_joined(Place("x", "y", "z"), DAY) == 0
        assert await tx.rounds.leave(PLACE, DAY, BOB)
        assert not await tx.rounds.leave(PLACE, DAY, BOB)  # not joined (any more)
        assert not await tx.rounds.leave(PLACE, DAY, EVE)  # joined elsewhere only
        assert not await tx.rounds.leave(PLACE, DAY, STRANGER)
        assert not await tx.rounds.leave(Place("x", "y", "z"), DAY, ANN)
        assert await tx.rounds.list_joined(Place("x", "y", "z"), DAY) == []
    async with store.transaction() as tx:
        assert await tx.rounds.list_joined(PLACE, DAY) == [ANN, CAY]
        assert await tx.rounds.count_joined(PLACE, DAY) == 2
        assert await tx.rounds.join(PLACE, DAY, BOB, NOW + timedelta(seconds=9))  # back again
        assert await tx.rounds.list_joined(PLACE, DAY) == [ANN, CAY, BOB]
        assert await tx.rounds.count_joined(PLACE, DAY) == 3


async def test_joins_at_the_same_instant_keep_insert_order(store: SqlStore) -> None:
    await seed(store)
    order = [DEE, ANN, EVE, BOB, CAY]
    async with store.transaction() as tx:
        for ref in order:
            assert await tx.rounds.join(PLACE, DAY, ref, NOW)
    async with store.transaction() as tx:
        assert await tx.rounds.list_joined(PLACE, DAY) == order


async def test_joining_twice_does_not_abort_the_transaction(store: SqlStore) -> None:
    await seed(store)
    async with store.transaction() as tx:
        assert await tx.rounds.join(PLACE, DAY, ANN, NOW)
    async with store.transaction() as tx:
        assert not await tx.rounds.join(PLACE, DAY, ANN, NOW)
        assert await tx.rounds.join(PLACE, DAY, BOB, NOW)  # still usable (PostgreSQL too)
    async with store.transaction() as tx:
        assert await tx.rounds.list_joined(PLACE, DAY) == [ANN, BOB]


async def test_join_unknown_member_or_channel_raises_lookup_error(store: SqlStore) -> None:
    await seed(store)
    with pytest.raises(LookupError):
        async with store.transaction() as tx:
            await tx.rounds.join(PLACE, DAY, STRANGER, NOW)
    with pytest.raises(LookupError):
        async with store.transaction() as tx:
            await tx.rounds.join(OTHER_PLACE, DAY, ANN, NOW)
    with pytest.raises(ValueError, match="naive"):
        async with store.transaction() as tx:
            await tx.rounds.join(PLACE, DAY, ANN, datetime(2025, 3, 3, 9))


async def test_concurrent_joins_of_one_member_count_once(stores: list[SqlStore]) -> None:
    await seed(stores[0])

    async def join(store: SqlStore) -> bool:
        async with store.transaction() as tx:
            return await tx.rounds.join(PLACE, DAY, ANN, NOW)

    results = await asyncio.gather(*(join(stores[i % PROCESSES]) for i in range(CLAIMERS)))
    assert results.count(True) == 1
    async with stores[0].transaction() as tx:
        assert await tx.rounds.list_joined(PLACE, DAY) == [ANN]


# ---------------------------------------------------------------------- pairing ledger


async def test_claim_round_once_per_day(store: SqlStore) -> None:
    await seed(store)
    async with store.transaction() as tx:
        assert not await tx.rounds.claimed(PLACE, DAY)
        assert await tx.rounds.claim(PLACE, DAY, NOW)
        assert await tx.rounds.claimed(PLACE, DAY)
        assert not await tx.rounds.claim(PLACE, DAY, NOW)
        assert not await tx.rounds.claimed(PLACE, DAY + timedelta(days=1))
        assert not await tx.rounds.claimed(Place("x", "y", "z"), DAY)
    async with store.transaction() as tx:
        assert not await tx.rounds.claim(PLACE, DAY, NOW + timedelta(days=30))  # ever
        assert await tx.rounds.claim(PLACE, DAY + timedelta(days=1), NOW)
    with pytest.raises(LookupError):
        async with store.transaction() as tx:
            await tx.rounds.claim(OTHER_PLACE, DAY, NOW)


async def test_a_rolled_back_claim_can_be_claimed_again(store: SqlStore) -> None:
    await seed(store)
    with pytest.raises(RuntimeError):
        async with store.transaction() as tx:
            assert await tx.rounds.claim(PLACE, DAY, NOW)
            raise RuntimeError("pairing failed")
    async with store.transaction() as tx:
        assert not await tx.rounds.claimed(PLACE, DAY)
        assert await tx.rounds.claim(PLACE, DAY, NOW)


async def test_exactly_one_concurrent_round_claim_wins(stores: list[SqlStore]) -> None:
    await seed(stores[0])

    async def claim(store: SqlStore) -> bool:
        async with store.transaction() as tx:
            won = await tx.rounds.claim(PLACE, DAY, NOW)
            await asyncio.sleep(0)  # let the others reach their own claim meanwhile
            return won

    results = await asyncio.gather(*(claim(stores[i % PROCESSES]) for i in range(CLAIMERS)))
    assert results.count(True) == 1
    async with stores[1].transaction() as tx:
        assert await tx.rounds.claimed(PLACE, DAY)


# ---------------------------------------------------------------------- groups


async def test_groups_round_trip_with_seat_order(store: SqlStore) -> None:
    await seed(store)
    # Seats in an order that is neither by role nor by id: it must come back exactly so.
    odd = Group(
        PLACE,
        DAY,
        3,
        (seat(DEE, OBSERVER), seat(BOB, BRINGER), seat(EVE, HELPER)),
        "sc",
        "sk",
    )
    given = [pair(number=2), trio(number=1)]
    stored = await add_groups(store, *given)
    assert None not in {g.id for g in stored} and len({g.id for g in stored}) == 2
    assert [replace(g, id=None) for g in stored] == given  # in the given order, ids added
    async with store.transaction() as tx:
        assert await tx.groups.list(PLACE, DAY) == [stored[1], stored[0]]  # by number
        assert await tx.groups.get(stored[0].id or 0) == stored[0]
        assert await tx.groups.get(stored[1].id or 0, for_update=True) == stored[1]
        assert await tx.groups.get(-1) is None
        assert await tx.groups.group_of(PLACE, DAY, BOB) == stored[1]
        assert await tx.groups.group_of(PLACE, DAY, EVE) == stored[0]
    async with store.transaction() as tx:
        # A later day's round in the same transaction as reads of the first one.
        [third] = await tx.groups.add([replace(odd, local_date=DAY + timedelta(days=1))])
        assert third.seats == odd.seats
        assert await tx.groups.group_of(PLACE, DAY + timedelta(days=1), DEE) == third
    async with store.transaction() as tx:
        assert await tx.groups.list(PLACE, DAY + timedelta(days=1)) == [third]
        assert [s.member for s in third.seats] == [DEE, BOB, EVE]
        assert await tx.groups.group_of(PLACE, DAY + timedelta(days=1), ANN) is None
        assert await tx.groups.group_of(PLACE, DAY, STRANGER) is None
        assert await tx.groups.group_of(OTHER_PLACE, DAY, ANN) is None
        assert await tx.groups.list(PLACE, DAY + timedelta(days=2)) == []
        assert await tx.groups.list(OTHER_PLACE, DAY) == []
        assert await tx.groups.add([]) == []


async def test_groups_keep_their_channel(store: SqlStore) -> None:
    await seed(store, other_channel=True)
    here, there = await add_groups(store, trio(1), trio(1, place=OTHER_PLACE))
    async with store.transaction() as tx:
        assert await tx.groups.list(PLACE, DAY) == [here]
        assert await tx.groups.list(OTHER_PLACE, DAY) == [there]
        assert await tx.groups.group_of(OTHER_PLACE, DAY, ANN) == there
        found = await tx.groups.get(there.id or 0)
    assert found is not None and found.place == OTHER_PLACE


async def test_add_groups_with_unknown_member_or_channel_writes_nothing(store: SqlStore) -> None:
    await seed(store)
    stranger_seat = Seat(STRANGER, OBSERVER, "Who")
    with pytest.raises(LookupError, match="member"):
        async with store.transaction() as tx:
            await tx.groups.add([pair(), replace(trio(), seats=(*pair().seats, stranger_seat))])
    with pytest.raises(LookupError, match="channel"):
        async with store.transaction() as tx:
            await tx.groups.add([pair(), trio(place=OTHER_PLACE)])
    with pytest.raises(LookupError, match="member"):
        async with store.transaction() as tx:
            await tx.groups.add([replace(trio(), outcome=PRACTISED, outcome_by=STRANGER)])
    async with store.transaction() as tx:
        assert await tx.groups.list(PLACE, DAY) == []


async def test_a_taken_group_number_is_a_store_error(store: SqlStore) -> None:
    await seed(store)
    await add_groups(store, trio(1))
    with pytest.raises(StoreError):
        async with store.transaction() as tx:
            await tx.groups.add([pair(1)])


async def test_save_group_and_roles_after_a_turn_change(store: SqlStore) -> None:
    await seed(store)
    group_trio, group_pair = await add_groups(store, trio(1), pair(2))
    assert group_pair.role_of(EVE) == HELPER and group_pair.role_of(DEE) == BRINGER
    swapped = replace(group_pair, turn=2, space_ref="D0123")
    rotated = replace(
        group_trio, turn=3, space_ref="thread-9", outcome=PRACTISED, outcome_by=CAY, reminded=True
    )
    async with store.transaction() as tx:
        await tx.groups.save(swapped)
        await tx.groups.save(rotated)
        assert await tx.groups.get(swapped.id or 0) == swapped  # read back in the same tx
    async with store.transaction() as tx:
        stored_pair = await tx.groups.group_of(PLACE, DAY, DEE)
        stored_trio = await tx.groups.get(rotated.id or 0, for_update=True)
    assert stored_pair == swapped and stored_trio == rotated
    assert stored_pair is not None and stored_trio is not None
    # Seats keep their first-turn roles; later turns rotate them.
    assert [s.role for s in stored_pair.seats] == [HELPER, BRINGER]
    assert stored_pair.role_of(EVE) == BRINGER and stored_pair.role_of(DEE) == HELPER
    assert stored_pair.role_of(EVE, 1) == HELPER
    member = stored_pair.member_in(HELPER)
    assert member is not None and member.member == DEE
    assert [stored_trio.role_of(r) for r in (ANN, BOB, CAY)] == [OBSERVER, HELPER, BRINGER]
    assert stored_trio.role_of(DEE) is None
    # Everything can be set back, outcome_by to None included.
    async with store.transaction() as tx:
        await tx.groups.save(
            replace(rotated, turn=1, space_ref=None, outcome=None, outcome_by=None)
        )
    async with store.transaction() as tx:
        assert await tx.groups.get(rotated.id or 0) == replace(group_trio, reminded=True)


async def test_save_group_refuses_unknown_groups(store: SqlStore) -> None:
    await seed(store)
    [group] = await add_groups(store, trio())
    with pytest.raises(LookupError):
        async with store.transaction() as tx:
            await tx.groups.save(replace(group, id=(group.id or 0) + 1000))
    with pytest.raises(ValueError):
        async with store.transaction() as tx:
            await tx.groups.save(replace(group, id=None))
    with pytest.raises(LookupError):
        async with store.transaction() as tx:
            await tx.groups.save(replace(group, outcome=NOT_HAPPENED, outcome_by=STRANGER))
    async with store.transaction() as tx:
        assert await tx.groups.get(group.id or 0) == group


# ---------------------------------------------------------------------- history


def partners_in(*groups: Group) -> dict[MemberRef, frozenset[MemberRef]]:
    """Whom each member sat with in ``groups``: what ``recent_partners`` must return."""
    found: dict[MemberRef, set[MemberRef]] = {}
    for group in groups:
        for s in group.seats:
            found.setdefault(s.member, set()).update(o.member for o in group.seats if o != s)
    return {member: frozenset(others) for member, others in found.items()}


async def test_recent_partners_window(store: SqlStore) -> None:
    await seed(store, other_channel=True)

    def group(day: date, number: int, *refs: MemberRef) -> Group:
        roles = (HELPER, BRINGER, OBSERVER)
        seats = tuple(seat(r, role) for r, role in zip(refs, roles, strict=False))
        return Group(PLACE, day, number, seats, "sc", "sk")

    days = [DAY + timedelta(days=i) for i in (0, 1, 3, 7, 8)]  # rounds with groups
    seatings = [
        [(ANN, BOB, CAY), (DEE, EVE)],
        [(ANN, DEE), (BOB, EVE)],  # Cay did not join
        [(ANN, EVE), (BOB, CAY, DEE)],
        [(CAY, EVE), (BOB, ANN)],
        [(ANN, CAY), (DEE, BOB)],
    ]
    by_day: dict[date, list[Group]] = {}
    for day, seating in zip(days, seatings, strict=True):
        planned = [group(day, n, *refs) for n, refs in enumerate(seating, start=1)]
        by_day[day] = await add_groups(store, *planned)
    await add_groups(store, trio(1, DAY + timedelta(days=5), OTHER_PLACE))  # another channel
    async with store.transaction() as tx:
        await tx.rounds.claim(PLACE, DAY + timedelta(days=5), NOW)  # claimed, but no groups

    def of(*chosen: date) -> dict[MemberRef, frozenset[MemberRef]]:
        return partners_in(*(g for day in chosen for g in by_day[day]))

    async with store.transaction() as tx:
        recent = await tx.groups.recent_partners(PLACE, days[4], 2)
        assert recent == of(days[2], days[3])  # days without groups are not rounds
        assert recent[CAY] == {BOB, DEE, EVE} and recent[EVE] == {ANN, CAY}
        assert all(a in recent[b] for a in recent for b in recent[a])  # symmetric
        assert await tx.groups.recent_partners(PLACE, days[3], 8) == of(*days[:3])
        after = days[4] + timedelta(days=1)
        assert await tx.groups.recent_partners(PLACE, after, 1) == of(days[4])
        assert await tx.groups.recent_partners(PLACE, after, 99) == of(*days)
        assert CAY not in await tx.groups.recent_partners(PLACE, days[2], 1)  # not in that round
        assert await tx.groups.recent_partners(PLACE, days[0], 8) == {}  # strictly before
        assert await tx.groups.recent_partners(PLACE, after, 0) == {}
        assert await tx.groups.recent_partners(PLACE, after, -1) == {}
        assert await tx.groups.recent_partners(Place("x", "y", "z"), after, 8) == {}
        assert await tx.groups.recent_partners(OTHER_PLACE, after, 8) == {
            ANN: {BOB, CAY},
            BOB: {ANN, CAY},
            CAY: {ANN, BOB},
        }


@pytest.mark.parametrize("scan_min", [1, 10_000], ids=["channel-pass", "by-member"])
async def test_role_counts_aggregate_first_turn_roles_per_channel(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch, scan_min: int
) -> None:
    monkeypatch.setattr(storage.tx.groups, "ROLE_SCAN_MIN", scan_min)
    await seed(store, other_channel=True)
    await add_groups(store, trio(1, DAY), pair(2, DAY))
    day2 = DAY + timedelta(days=1)
    swapped = Group(PLACE, day2, 1, (seat(BOB, HELPER), seat(ANN, BRINGER)), "sc", "sk")
    [second] = await add_groups(store, swapped)
    async with store.transaction() as tx:
        await tx.groups.save(replace(second, turn=2))  # later turns do not count
    await add_groups(store, trio(1, DAY, OTHER_PLACE))  # another channel: not counted
    zero = {HELPER: 0, BRINGER: 0, OBSERVER: 0, TRIO: 0}
    async with store.transaction() as tx:
        counts = await tx.groups.role_counts(PLACE, [ANN, BOB, CAY, DEE, EVE, STRANGER])
        assert counts == {
            ANN: {HELPER: 1, BRINGER: 1, OBSERVER: 0, TRIO: 1},
            BOB: {HELPER: 1, BRINGER: 1, OBSERVER: 0, TRIO: 1},
            CAY: {**zero, OBSERVER: 1, TRIO: 1},
            DEE: {**zero, BRINGER: 1},
            EVE: {**zero, HELPER: 1},
            STRANGER: zero,  # every requested member is there
        }
        assert await tx.groups.role_counts(PLACE, [DEE]) == {DEE: {**zero, BRINGER: 1}}
        assert await tx.groups.role_counts(OTHER_PLACE, [ANN, DEE]) == {
            ANN: {**zero, HELPER: 1, TRIO: 1},
            DEE: zero,
        }
        assert await tx.groups.role_counts(Place("x", "y", "z"), [ANN]) == {ANN: zero}
        assert await tx.groups.role_counts(PLACE, []) == {}


TALLIED = [MemberRef("slack", "T1", f"t{i}") for i in range(7)]
_tally_channels = itertools.count()


@st.composite
def seatings(draw: st.DrawFn) -> list[tuple[Seat, ...]]:
    """One round: some of ``TALLIED`` in pairs and trios, first-turn roles in any seat order."""
    joined = draw(st.permutations(TALLIED))[: draw(st.integers(2, len(TALLIED)))]
    trios = draw(
        st.sampled_from([t for t in range(len(joined) // 3 + 1) if (len(joined) - 3 * t) % 2 == 0])
    )
    sizes = draw(st.permutations([3] * trios + [2] * ((len(joined) - 3 * trios) // 2)))
    groups, start = [], 0
    for size in sizes:
        roles = draw(st.permutations(ROLES if size == 3 else (HELPER, BRINGER)))
        members = joined[start : start + size]
        groups.append(tuple(Seat(m, r, m.user) for m, r in zip(members, roles, strict=True)))
        start += size
    return groups


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    rounds=st.lists(st.tuples(st.booleans(), seatings()), min_size=1, max_size=5),
    one_call=st.booleans(),
)
async def test_role_counts_equal_a_recount_of_the_stored_groups(
    store: SqlStore, rounds: list[tuple[bool, list[tuple[Seat, ...]]]], one_call: bool
) -> None:
    # Fresh channels per example (the store outlives them); two, so the tallies stay apart.
    n = next(_tally_channels)
    places = (Place("slack", "T1", f"H{n}a"), Place("slack", "T1", f"H{n}b"))
    days = [DAY + timedelta(days=i) for i in range(len(rounds))]
    planned = [
        [
            Group(places[other], day, number, seats, "sc", "sk")
            for number, seats in enumerate(seating, start=1)
        ]
        for day, (other, seating) in zip(days, rounds, strict=True)
    ]
    async with store.transaction() as tx:
        for place in places:
            await tx.channels.add(Channel(place))
        for ref in TALLIED:
            await tx.members.add(Member(ref, ref.user))  # kept when stored by an earlier example
    if one_call:  # several rounds (and both channels) at once: a member in several groups
        await add_groups(store, *(g for groups in planned for g in groups))
    else:
        for groups in planned:
            await add_groups(store, *groups)
    for place in places:
        expected = {ref: dict.fromkeys((*ROLES, TRIO), 0) for ref in TALLIED}
        async with store.transaction() as tx:
            for day in days:
                for group in await tx.groups.list(place, day):
                    for s in group.seats:
                        expected[s.member][s.role] += 1
                        expected[s.member][TRIO] += len(group.seats) == 3
            for scan_min in (1, 10_000):  # the channel's rows in one pass, or by member id
                with pytest.MonkeyPatch.context() as patch:
                    patch.setattr(storage.tx.groups, "ROLE_SCAN_MIN", scan_min)
                    counts = await tx.groups.role_counts(place, [*TALLIED, STRANGER])
                assert counts == {**expected, STRANGER: dict.fromkeys((*ROLES, TRIO), 0)}


# ---------------------------------------------------------------------- reminders


async def test_claim_reminder_once_and_never_after_an_outcome(store: SqlStore) -> None:
    await seed(store)
    first, second = await add_groups(store, trio(1), pair(2))
    assert first.id is not None and second.id is not None
    async with store.transaction() as tx:
        assert await tx.groups.claim_reminder(first.id)
        assert not await tx.groups.claim_reminder(first.id)
        assert not await tx.groups.claim_reminder(-1)
    async with store.transaction() as tx:
        stored = await tx.groups.get(first.id)
        assert stored is not None and stored.reminded
        assert not await tx.groups.claim_reminder(first.id)
        await tx.groups.save(replace(second, outcome=NOT_HAPPENED, outcome_by=DEE))
    async with store.transaction() as tx:
        assert not await tx.groups.claim_reminder(second.id)  # answered: no reminder, ever
        stored = await tx.groups.get(second.id)
        assert stored is not None and not stored.reminded


async def test_exactly_one_concurrent_reminder_claim_wins(stores: list[SqlStore]) -> None:
    await seed(stores[0])
    [group] = await add_groups(stores[0], trio())
    assert group.id is not None
    group_id = group.id

    async def claim(store: SqlStore) -> bool:
        async with store.transaction() as tx:
            return await tx.groups.claim_reminder(group_id)

    results = await asyncio.gather(*(claim(stores[i % PROCESSES]) for i in range(CLAIMERS)))
    assert results.count(True) == 1


# ---------------------------------------------------------------------- feedback


async def test_feedback_round_trip_oldest_first(store: SqlStore) -> None:
    await seed(store)
    [group] = await add_groups(store, trio())
    assert group.id is not None
    plus_two = timezone(timedelta(hours=2))
    given = [
        Feedback(group.id, 1, "partner", BOB, {"b": "🎾 two", "a": "one"}, NOW),
        Feedback(group.id, 1, "self_assessment", ANN, {"q": "x" * 4000}, NOW - timedelta(1)),
        Feedback(group.id, 1, "observer", CAY, {}, datetime(2025, 3, 3, 11, 0, tzinfo=plus_two)),
        Feedback(group.id, 2, "partner", ANN, {"a": "later turn"}, NOW),
    ]
    async with store.transaction() as tx:
        for feedback in given:
            assert await tx.feedback.add(feedback)
    async with store.transaction() as tx:
        turn_one = await tx.feedback.list(group.id, 1)
        assert turn_one == [given[1], given[2], given[0]]  # by created_at
        assert await tx.feedback.list(group.id, 2) == [given[3]]
        assert await tx.feedback.list(group.id, 3) == []
        assert await tx.feedback.list(-1, 1) == []
    assert all(f.created_at.tzinfo is UTC for f in turn_one)
    assert turn_one[1].created_at == datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    assert list(turn_one[2].answers) == ["b", "a"]  # key order kept
    assert isinstance(turn_one[2].answers, dict)


async def test_duplicate_feedback_is_refused_and_the_transaction_still_commits(
    store: SqlStore,
) -> None:
    await seed(store)
    [group] = await add_groups(store, trio())
    assert group.id is not None
    first = Feedback(group.id, 1, "partner", BOB, {"a": "first"}, NOW)
    async with store.transaction() as tx:
        assert await tx.feedback.add(first)
    async with store.transaction() as tx:
        again = replace(first, answers={"a": "second"}, created_at=NOW + timedelta(1))
        assert not await tx.feedback.add(again)
        # The refusal did not abort the transaction (it would on PostgreSQL after an error).
        assert await tx.feedback.add(replace(first, giver=ANN, form_id="self_assessment"))
        assert await tx.feedback.add(replace(first, turn=2))
        await tx.groups.save(replace(group, turn=2))
    async with store.transaction() as tx:
        turn_one = await tx.feedback.list(group.id, 1)
        assert [(f.giver, f.answers) for f in turn_one] == [
            (BOB, {"a": "first"}),
            (ANN, {"a": "first"}),
        ]
        assert len(await tx.feedback.list(group.id, 2)) == 1
        stored = await tx.groups.get(group.id)
    assert stored is not None and stored.turn == 2


async def test_feedback_for_unknown_group_or_giver_raises_lookup_error(store: SqlStore) -> None:
    await seed(store)
    [group] = await add_groups(store, trio())
    assert group.id is not None
    with pytest.raises(LookupError, match="group"):
        async with store.transaction() as tx:
            await tx.feedback.add(Feedback(group.id + 1000, 1, "partner", BOB, {}, NOW))
    with pytest.raises(LookupError, match="member"):
        async with store.transaction() as tx:
            await tx.feedback.add(Feedback(group.id, 1, "partner", STRANGER, {}, NOW))
    with pytest.raises(ValueError, match="naive"):
        async with store.transaction() as tx:
            await tx.feedback.add(Feedback(group.id, 1, "partner", BOB, {}, datetime(2025, 3, 3)))


async def test_concurrent_duplicate_feedback_is_stored_once(stores: list[SqlStore]) -> None:
    await seed(stores[0])
    [group] = await add_groups(stores[0], trio())
    assert group.id is not None
    group_id = group.id

    async def send(store: SqlStore, n: int) -> bool:
        async with store.transaction() as tx:
            return await tx.feedback.add(Feedback(group_id, 1, "partner", BOB, {"n": str(n)}, NOW))

    results = await asyncio.gather(*(send(stores[n % PROCESSES], n) for n in range(CLAIMERS)))
    assert results.count(True) == 1
    async with stores[0].transaction() as tx:
        [stored] = await tx.feedback.list(group_id, 1)
    assert stored.answers == {"n": str(results.index(True))}


async def test_rollback_removes_joins_claims_groups_and_feedback(store: SqlStore) -> None:
    await seed(store)
    [kept] = await add_groups(store, trio(1))
    assert kept.id is not None
    with pytest.raises(RuntimeError):
        async with store.transaction() as tx:
            await tx.rounds.join(PLACE, DAY, DEE, NOW)
            await tx.rounds.claim(PLACE, DAY, NOW)
            await tx.groups.add([pair(2)])
            await tx.groups.save(replace(kept, turn=2))
            await tx.groups.claim_reminder(kept.id)
            await tx.feedback.add(Feedback(kept.id, 1, "partner", BOB, {}, NOW))
            raise RuntimeError
    async with store.transaction() as tx:
        assert await tx.rounds.list_joined(PLACE, DAY) == []
        assert not await tx.rounds.claimed(PLACE, DAY)
        assert await tx.groups.list(PLACE, DAY) == [kept]
        assert await tx.feedback.list(kept.id, 1) == []
        assert await tx.groups.claim_reminder(kept.id)  # the rolled-back claim is gone
        assert await tx.rounds.claim(PLACE, DAY, NOW)


# ---------------------------------------------------------------------- bulk


async def test_members_and_their_pauses_in_bulk(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage.rows, "IN_CHUNK", 2)  # several chunks even for a few members
    await seed(store)
    elsewhere = MemberRef("slack", "T2", "U1")  # the same user id in another workspace
    async with store.transaction() as tx:
        await tx.members.add(Member(elsewhere, "Far"))
        await tx.pauses.replace(ANN, [Pause(DAY, DAY)])  # one day, inclusive
        await tx.pauses.replace(BOB, [Pause(DAY - timedelta(days=9), DAY - timedelta(days=1))])
        # Overlapping pauses: the latest end is when the member is back.
        later = DAY + timedelta(days=6)
        await tx.pauses.replace(CAY, [Pause(DAY, later), Pause(DAY - timedelta(days=3), DAY)])
        await tx.pauses.replace(elsewhere, [Pause(DAY, DAY + timedelta(days=1))])
    asked = [ANN, BOB, CAY, DEE, STRANGER, elsewhere, ANN]  # duplicates and strangers too
    async with store.transaction() as tx:
        found = await tx.members.get_many(asked)
        assert found == {
            ANN: Member(ANN, "Ann"),
            BOB: Member(BOB, "Bob"),
            CAY: Member(CAY, "Cay"),
            DEE: Member(DEE, "Dee"),
            elsewhere: Member(elsewhere, "Far"),
        }
        assert found[ANN] == await tx.members.get(ANN)
        assert await tx.pauses.covering(asked, DAY) == {
            ANN: DAY,
            CAY: later,
            elsewhere: DAY + timedelta(days=1),
        }
        assert await tx.pauses.covering(asked, DAY - timedelta(days=1)) == {
            BOB: DAY - timedelta(days=1),
            CAY: DAY,
        }
        assert await tx.pauses.covering(asked, later + timedelta(days=1)) == {}
        assert await tx.pauses.covering([DEE, STRANGER], DAY) == {}
        assert await tx.members.get_many([]) == {}
        assert await tx.pauses.covering([], DAY) == {}


async def test_large_rounds_take_a_fixed_number_of_statements(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # IN lists of at most 50 ids: the chunking itself is exercised, not only the fast path.
    monkeypatch.setattr(storage.rows, "IN_CHUNK", 50)
    people = [MemberRef("slack", "T1", f"p{i:03}") for i in range(150)]
    people += [MemberRef("slack", "T2", f"q{i:03}") for i in range(60)]  # another workspace
    async with store.transaction() as tx:
        await tx.channels.add(Channel(PLACE))
        for ref in people:
            await tx.members.add(Member(ref, ref.user))
    trios = [people[i : i + 3] for i in range(0, len(people), 3)]
    planned = [
        Group(
            PLACE,
            DAY,
            n,
            tuple(
                Seat(r, role, r.user)
                for r, role in zip(t, (HELPER, BRINGER, OBSERVER), strict=True)
            ),
            "sc",
            "sk",
        )
        for n, t in enumerate(trios, start=1)
    ]
    with statements(store) as sent:
        async with store.transaction() as tx:  # a new transaction: no ids cached yet
            stored = await tx.groups.add(planned)
    # Member ids: 3 chunks in T1 and 2 in T2; the channel id; groups; seats; role tallies
    # (BEGIN/COMMIT may or may not pass through the cursor, depending on the backend).
    assert len([s for s in sent if not s.startswith(("BEGIN", "COMMIT"))]) <= 1 + 5 + 3 * 2
    assert [g.number for g in stored] == list(range(1, len(trios) + 1))
    with statements(store) as sent:
        async with store.transaction() as tx:
            listed = await tx.groups.list(PLACE, DAY)
            recent = await tx.groups.recent_partners(PLACE, DAY + timedelta(days=1), 8)
            counts = await tx.groups.role_counts(PLACE, people)
    assert listed == stored and recent == partners_in(*stored)
    # The channel id; groups and seats; the partners; role counts by id (ids known by now).
    assert len([s for s in sent if not s.startswith(("BEGIN", "COMMIT"))]) <= 1 + 2 + 1 + 5
    assert sorted(c[HELPER] + c[BRINGER] + c[OBSERVER] for c in counts.values()) == [1] * 210
    assert all(c[TRIO] == 1 for c in counts.values())
    assert counts[people[0]][HELPER] == 1 and counts[people[-1]][OBSERVER] == 1
    monkeypatch.setattr(storage.tx.groups, "ROLE_SCAN_MIN", 100)
    with statements(store) as sent:
        async with store.transaction() as tx:
            joined = [await tx.rounds.join(PLACE, DAY, ref, NOW) for ref in people]
            assert all(joined)  # (a statement each, not counted below)
        async with store.transaction() as tx:  # the round as pairing and /round read it
            before = len(sent)
            assert await tx.rounds.list_joined(PLACE, DAY) == people
            assert await tx.rounds.count_joined(PLACE, DAY) == len(people)
            found = await tx.members.get_many(people)
            assert await tx.pauses.covering(people, DAY) == {}
            assert await tx.groups.role_counts(PLACE, people) == counts  # one pass over the channel
            sent_for_round = sent[before:]
    assert found == {ref: Member(ref, ref.user) for ref in people}
    # The channel id, the joins, their count; members and pauses: 3 + 2 chunks each; roles.
    assert len([s for s in sent_for_round if not s.startswith("COMMIT")]) <= 3 + 5 + 5 + 1


# ---------------------------------------------------------------------- migration


async def _upgrade_to(url: str, revision: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(
                lambda c: command.upgrade(alembic_config(c), revision)  # type: ignore[arg-type]
            )
    finally:
        await engine.dispose()


async def _downgrade_to(url: str, revision: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(
                lambda c: command.downgrade(alembic_config(c), revision)  # type: ignore[arg-type]
            )
    finally:
        await engine.dispose()


INSERT_0001_CHANNEL = text(
    "INSERT INTO channels (platform, workspace, channel, timezone, language, nudge_time, "
    "weekdays, professions, difficulty, rotation_cycle, rotation_bag, rotation_position) "
    "VALUES ('slack', 'T1', 'C1', 'Europe/Berlin', 'de', :nudge, '0,2', 'sales', 4, 1, "
    "'s1,s2', 1)"
).bindparams(bindparam("nudge", type_=Time()))


async def test_migration_0002_fills_defaults_for_existing_channels(store_url: str) -> None:
    await _upgrade_to(store_url, "0001")
    assert await current_revision(store_url) == "0001"
    engine = create_engine(store_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(INSERT_0001_CHANNEL, {"nudge": time(8, 30)})
    finally:
        await engine.dispose()
    store = await open_store(store_url)  # upgrades to head
    try:
        assert await current_revision(store_url) == head_revision()  # 0002 and anything later
        async with store.transaction() as tx:
            channel = await tx.channels.get(PLACE)
            assert channel is not None
            assert (channel.pairing_time, channel.repeat_window) == (time(10, 0), 8)
            assert (channel.timezone, channel.nudge_time, channel.weekdays) == (
                "Europe/Berlin",
                time(8, 30),
                frozenset({0, 2}),
            )
            await tx.members.add(Member(ANN, "Ann"))
            assert await tx.rounds.join(PLACE, DAY, ANN, NOW)  # the new tables work
            await tx.channels.save(replace(channel, pairing_time=time(11, 15), repeat_window=2))
        async with store.transaction() as tx:
            channel = await tx.channels.get(PLACE)
        assert channel is not None
        assert (channel.pairing_time, channel.repeat_window) == (time(11, 15), 2)
    finally:
        await store.close()


async def test_migration_0002_downgrades_and_upgrades_again(store_url: str) -> None:
    store = await open_store(store_url)
    try:
        await seed(store)
        [group] = await add_groups(store, trio())
        assert group.id is not None
        async with store.transaction() as tx:
            await tx.feedback.add(Feedback(group.id, 1, "partner", BOB, {}, NOW))
            await tx.rounds.join(PLACE, DAY, ANN, NOW)
            await tx.rounds.claim(PLACE, DAY, NOW)
    finally:
        await store.close()
    await _downgrade_to(store_url, "0001")
    assert await current_revision(store_url) == "0001"
    await _upgrade_to(store_url, "head")
    store = await open_store(store_url, upgrade=False)
    try:
        async with store.transaction() as tx:
            # The channel and members survived the round trip (nothing cascaded away).
            assert await tx.channels.get(PLACE) == Channel(PLACE)
            assert await tx.members.get(ANN) == Member(ANN, "Ann")
            assert await tx.groups.list(PLACE, DAY) == []
    finally:
        await store.close()


# Tables as they were at 0005, only the columns written below: independent of storage.tables.
V5_CHANNELS = table(
    "channels",
    *(column(name, Text) for name in ("platform", "workspace", "channel", "timezone")),
    *(column(name, Text) for name in ("language", "weekdays", "professions", "rotation_bag")),
    *(column(name, Integer) for name in ("difficulty", "rotation_cycle", "rotation_position")),
    column("nudge_time", Time),
    column("id", Integer),
)
V5_MEMBERS = table(
    "members",
    *(column(name, Text) for name in ("platform", "workspace", "user_id", "display_name")),
    column("practice_days", Text),
    *(column(name, Integer) for name in ("streak_current", "streak_longest", "streak_total")),
    column("id", Integer),
)
V5_GROUPS = table(
    "groups",
    column("channel_id", Integer),
    column("local_date", Date),
    column("number", Integer),
    column("scenario_id", Text),
    column("skill_id", Text),
    column("turn", Integer),
    column("id", Integer),
)
V5_SEATS = table(
    "group_seats",
    *(column(name, Integer) for name in ("group_id", "position", "member_id")),
    *(column(name, Text) for name in ("role", "display_name")),
)


async def test_migration_0006_counts_the_seats_stored_before(store_url: str) -> None:
    # The history of test_role_counts_aggregate_first_turn_roles_per_channel, written at 0005.
    await _upgrade_to(store_url, "0005")
    history = {
        PLACE: [
            (DAY, 1, [(ANN, HELPER), (BOB, BRINGER), (CAY, OBSERVER)], 1),
            (DAY, 2, [(EVE, HELPER), (DEE, BRINGER)], 1),
            (DAY + timedelta(days=1), 1, [(BOB, HELPER), (ANN, BRINGER)], 2),  # a later turn
        ],
        OTHER_PLACE: [(DAY, 1, [(ANN, HELPER), (BOB, BRINGER), (CAY, OBSERVER)], 1)],
    }
    engine = create_engine(store_url)
    try:
        async with engine.begin() as connection:
            member_ids: dict[MemberRef, int] = {}
            for ref, name in NAMES.items():
                member_ids[ref] = await connection.scalar(
                    insert(V5_MEMBERS)
                    .values(
                        platform=ref.platform,
                        workspace=ref.workspace,
                        user_id=ref.user,
                        display_name=name,
                        practice_days="0,1,2,3,4",
                        streak_current=0,
                        streak_longest=0,
                        streak_total=0,
                    )
                    .returning(V5_MEMBERS.c.id)
                )
            for place, groups in history.items():
                channel_id = await connection.scalar(
                    insert(V5_CHANNELS)
                    .values(
                        platform=place.platform,
                        workspace=place.workspace,
                        channel=place.channel,
                        timezone="UTC",
                        language="en",
                        nudge_time=time(9, 0),
                        weekdays="0,1,2,3,4",
                        professions="",
                        difficulty=1,
                        rotation_cycle=0,
                        rotation_bag="",
                        rotation_position=0,
                    )
                    .returning(V5_CHANNELS.c.id)
                )
                for day, number, seated, turn in groups:
                    group_id = await connection.scalar(
                        insert(V5_GROUPS)
                        .values(
                            channel_id=channel_id,
                            local_date=day,
                            number=number,
                            scenario_id="sc",
                            skill_id="sk",
                            turn=turn,
                        )
                        .returning(V5_GROUPS.c.id)
                    )
                    await connection.execute(
                        insert(V5_SEATS),
                        [
                            {
                                "group_id": group_id,
                                "position": position,
                                "member_id": member_ids[ref],
                                "role": role,
                                "display_name": NAMES[ref],
                            }
                            for position, (ref, role) in enumerate(seated)
                        ],
                    )
    finally:
        await engine.dispose()
    await _upgrade_to(store_url, "head")
    zero = {HELPER: 0, BRINGER: 0, OBSERVER: 0, TRIO: 0}
    # What role_counts aggregated from the seats before 0006 (the test named above).
    before = {
        PLACE: {
            ANN: {HELPER: 1, BRINGER: 1, OBSERVER: 0, TRIO: 1},
            BOB: {HELPER: 1, BRINGER: 1, OBSERVER: 0, TRIO: 1},
            CAY: {**zero, OBSERVER: 1, TRIO: 1},
            DEE: {**zero, BRINGER: 1},
            EVE: {**zero, HELPER: 1},
            STRANGER: zero,
        },
        OTHER_PLACE: {
            ANN: {**zero, HELPER: 1, TRIO: 1},
            BOB: {**zero, BRINGER: 1, TRIO: 1},
            CAY: {**zero, OBSERVER: 1, TRIO: 1},
            DEE: zero,
            EVE: zero,
            STRANGER: zero,
        },
    }
    asked = [ANN, BOB, CAY, DEE, EVE, STRANGER]
    store = await open_store(store_url, upgrade=False)
    try:
        async with store.transaction() as tx:
            for place, counts in before.items():
                assert await tx.groups.role_counts(place, asked) == counts
            # New rounds add to the backfilled tallies.
            day3 = DAY + timedelta(days=2)
            seats = (seat(DEE, HELPER), seat(EVE, BRINGER), seat(ANN, OBSERVER))
            await tx.groups.add([Group(PLACE, day3, 1, seats, "sc", "sk")])
        after = {
            **before[PLACE],
            ANN: {HELPER: 1, BRINGER: 1, OBSERVER: 1, TRIO: 2},
            DEE: {**zero, HELPER: 1, BRINGER: 1, TRIO: 1},
            EVE: {**zero, HELPER: 1, BRINGER: 1, TRIO: 1},
        }
        async with store.transaction() as tx:
            assert await tx.groups.role_counts(PLACE, asked) == after
    finally:
        await store.close()
    # Down and up again: the tallies are counted afresh from every stored seat.
    await _downgrade_to(store_url, "0005")
    await _upgrade_to(store_url, "head")
    store = await open_store(store_url, upgrade=False)
    try:
        async with store.transaction() as tx:
            assert await tx.groups.role_counts(PLACE, asked) == after
            assert await tx.groups.role_counts(OTHER_PLACE, asked) == before[OTHER_PLACE]
    finally:
        await store.close()


V4_REFLECTIONS = table(
    "reflections",
    *(column(name, Integer) for name in ("member_id", "channel_id")),
    column("day", Date),
    column("created_at", DateTime(timezone=True)),
    column("shared", Boolean),
    column("answers", JSON),
)
V4_PAUSES = table(
    "pauses", column("member_id", Integer), column("start_day", Date), column("end_day", Date)
)


async def test_upgrading_keeps_every_members_data(store_url: str) -> None:
    # A migration that rebuilt the members table (SQLite's batch "copy and move") would drop
    # the old one, and with foreign keys on that cascades into everything a member owns.
    await _upgrade_to(store_url, "0004")
    engine = create_engine(store_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(INSERT_0001_CHANNEL, {"nudge": time(8, 30)})
            channel_id = await connection.scalar(select(V5_CHANNELS.c.id))
            await connection.execute(
                V5_MEMBERS.insert().values(
                    platform=ANN.platform, workspace=ANN.workspace, user_id=ANN.user,
                    display_name="Ann", practice_days="0,1,2,3,4", streak_current=2,
                    streak_longest=3, streak_total=4,
                )
            )  # fmt: skip
            member_id = await connection.scalar(select(V5_MEMBERS.c.id))
            await connection.execute(
                V4_REFLECTIONS.insert().values(
                    member_id=member_id, channel_id=channel_id, day=DAY, created_at=NOW,
                    shared=False, answers={"R1": "keep me"},
                )
            )  # fmt: skip
            await connection.execute(
                V4_PAUSES.insert().values(member_id=member_id, start_day=DAY, end_day=DAY)
            )
    finally:
        await engine.dispose()
    store = await open_store(store_url)  # upgrades to head
    try:
        async with store.transaction() as tx:
            member = await tx.members.get(ANN)
            assert member is not None and not member.dms and member.streak.total == 4
            [reflection] = await tx.reflections.list(ANN)
            assert reflection.answers == {"R1": "keep me"}
            assert await tx.pauses.list(ANN) == [Pause(DAY, DAY)]
    finally:
        await store.close()


async def test_downgrading_below_0005_keeps_every_members_data(store_url: str) -> None:
    store = await open_store(store_url)
    try:
        async with store.transaction() as tx:
            await tx.channels.add(Channel(PLACE))
            await tx.members.add(Member(ANN, "Ann", dms=True))
            await tx.reflections.add(Reflection(ANN, PLACE, DAY, NOW, {"R1": "keep me"}))
    finally:
        await store.close()
    await _downgrade_to(store_url, "0004")
    await _upgrade_to(store_url, "head")
    store = await open_store(store_url, upgrade=False)
    try:
        async with store.transaction() as tx:
            member = await tx.members.get(ANN)
            assert member is not None and not member.dms  # the setting went with its column
            assert [r.answers for r in await tx.reflections.list(ANN)] == [{"R1": "keep me"}]
    finally:
        await store.close()
