"""Catch-up after downtime and restarts: work is done once, late with a word, or recorded missed.

Every test runs on SQLite and PostgreSQL (the ``store`` fixture). A "restart" is new core
objects on the same database; "down" is a span in which no tick runs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.model import Actor, Job, Place
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds
from bot.scheduler import Scheduler, TickReport
from content import Catalog, load_catalog
from tests.support.chat import RecordingChat

PLACE = Place("test", "w", "team")
MON, TUE = date(2026, 12, 7), date(2026, 12, 8)
ANSWERS = {"R1": "I waited.", "R2": "She found it herself.", "R3": "Wait longer."}


def actor(name: str) -> Actor:
    return Actor("test", "w", name.lower(), name)


ANNA, BOB, CEES = actor("Anna"), actor("Bob"), actor("Cees")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """Amsterdam wall-clock time in December 2026 (UTC+1)."""
    return datetime(day.year, day.month, day.day, hour - 1, minute, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


class World:
    """The core on one store; ``restart`` builds it anew, as a new process would."""

    def __init__(self, store: object, catalog: Catalog, start: datetime) -> None:
        self.store = store
        self.catalog = catalog
        self.clock = ManualClock(start)
        self.chat = RecordingChat("test")
        self.restart()

    def restart(self) -> None:
        self.practice = Practice(
            self.store,  # type: ignore[arg-type]
            self.catalog,
            self.clock,
            ChannelDefaults(timezone="Europe/Amsterdam"),
        )
        self.rounds = Rounds(self.practice)
        self.scheduler = Scheduler(
            self.store,  # type: ignore[arg-type]
            self.practice,
            {"test": self.chat},
            self.clock,
            self.rounds,
        )

    async def tick(self, when: datetime) -> TickReport:
        self.clock.set(when)
        return await self.scheduler.tick(when)

    async def records(self) -> dict[tuple[date, str], tuple[str, str]]:
        async with self.practice.store.transaction() as tx:
            rows = await tx.work.records(PLACE, limit=1000)
        return {(r.local_date, r.kind): (r.status, r.note) for r in rows}

    def titles(self, kind: str = "channel") -> list[str]:
        return [s.card.title for s in self.chat.sent if s.kind == kind]


@pytest.fixture
async def world(store, catalog: Catalog) -> World:
    world = World(store, catalog, at(MON, 7))
    await world.practice.daily.pick_for(
        PLACE, MON
    )  # the channel exists (and is scheduled) from 07:00
    return world


async def test_a_restart_in_the_middle_of_the_day_posts_nothing_twice(world: World) -> None:
    await world.tick(at(MON, 9))  # the nudge, on time
    assert (await world.rounds.join(ANNA, PLACE)).ok
    assert (await world.rounds.join(BOB, PLACE)).ok
    world.restart()  # the process dies at 09:30 and is back at 10:40
    report = await world.tick(at(MON, 10, 40))
    [(_, status, note)] = report.of("round")
    assert (status, note) == ("done", "late")
    spaces = [s.card for s in world.chat.sent if s.kind == "space"]
    assert len(spaces) == 1 and "Paired late: ballback was not running at 10:00" in spaces[0].body
    nudges = [t for t in world.titles() if t.startswith("Today's skill")]
    assert len(nudges) == 1  # the restart did not post the nudge again
    world.restart()
    for hour in (10, 14, 16, 23):
        await world.tick(at(MON, hour, 45 if hour == 10 else 0))
    assert len([s for s in world.chat.sent if s.kind == "space"]) == 2  # + the outcome reminder
    assert world.titles().count(nudges[0]) == 1
    records = await world.records()
    assert records[(MON, "nudge")] == ("done", "on_time")
    assert records[(MON, "outcome")] == ("done", "on_time")
    assert records[(MON, "reminder")] == ("done", "on_time")


async def test_a_nudge_after_downtime_is_posted_late_until_the_pairing_time(world: World) -> None:
    report = await world.tick(at(MON, 9, 50))  # down from before 09:00 until 09:50
    [(_, status, note)] = report.of("nudge")
    assert (status, note) == ("done", "late")
    [card] = [s.card for s in world.chat.sent if s.kind == "channel"]
    assert card.body.startswith("Posted late: ballback was not running at 09:00")


async def test_a_nudge_is_never_posted_late_in_the_evening(world: World) -> None:
    report = await world.tick(at(MON, 23))  # down all day, back at 23:00
    assert {
        kind: (status, note) for (_, kind), (status, note) in (await world.records()).items()
    } == {
        "nudge": ("missed", "downtime"),
        "round": ("missed", "downtime"),
        "outcome": ("missed", "downtime"),
        "reminder": ("missed", "downtime"),
    }
    assert world.chat.sent == []  # nobody joined, so nobody needs telling
    assert {job.kind for job, _, _ in report.done} == {"nudge", "round", "outcome", "reminder"}


async def test_a_whole_day_down_is_recorded_excused_and_told(world: World) -> None:
    # Anna reflects on Friday; Bob and Cees join Monday's round before 08:00; then ballback
    # is down from Monday 08:00 to Tuesday 08:00, so nobody can reflect on Monday.
    world.clock.set(at(date(2026, 12, 4), 18))
    assert (await world.practice.reflections.reflect(ANNA, PLACE, ANSWERS)).ok
    world.clock.set(at(MON, 7, 30))
    assert (await world.rounds.join(BOB, PLACE)).ok
    assert (await world.rounds.join(CEES, PLACE)).ok
    await world.tick(at(MON, 8))
    report = await world.tick(at(TUE, 8))
    records = await world.records()
    for kind in ("nudge", "round", "outcome", "reminder"):
        assert records[(MON, kind)] == ("missed", "downtime"), kind
    assert {job.kind for job, _, _ in report.of("round")} == {"round"}
    # Who joined hears that the round did not happen, privately and once in the channel.
    for who in ("bob", "cees"):
        [told] = world.chat.to(who)
        assert told.title == "Today's pair practice did not happen"
        assert "your streak is safe" in told.body
    assert world.titles() == ["Today's pair practice did not happen"]
    # Joining Monday's round is closed now; Tuesday's goes on as usual.
    world.clock.set(at(TUE, 8, 30))
    async with world.practice.store.transaction() as tx:
        assert MON in await tx.work.excused_dates(PLACE)
        assert await tx.rounds.claimed(PLACE, MON)
    await world.tick(at(TUE, 9))
    assert [t for t in world.titles() if t.startswith("Today's skill")]
    # Monday was ballback's fault: Anna's streak goes on from Friday to Tuesday, and /streak
    # shows Monday as excused (and, on Thursday, Wednesday as the week's forgiven day).
    world.clock.set(at(TUE, 18))
    assert (await world.practice.reflections.reflect(ANNA, PLACE, ANSWERS)).ok
    world.clock.set(at(date(2026, 12, 10), 12))
    card = (await world.practice.reflections.streak(ANNA, PLACE)).cards[0]
    shown = {f.label.split(" (")[0]: f.value for f in card.fields}
    assert shown["Current"] == "2 days"
    assert shown["Excused"] == "2026-12-07"
    assert shown["Forgiven"] == "2026-12-09"


async def test_work_a_crashed_instance_claimed_is_taken_over_after_its_lease(
    world: World,
) -> None:
    # An instance claims the nudge and dies before doing it (nothing recorded but the claim).
    await world.scheduler.plan(at(MON, 9))
    async with world.practice.store.transaction() as tx:
        [job] = await tx.work.claim("dead", at(MON, 9), timedelta(minutes=2), {"test"}, 10)
    assert isinstance(job, Job) and job.kind == "nudge"
    report = await world.tick(at(MON, 9, 1))  # within its lease: left alone
    assert not report.of("nudge") and world.titles() == []
    report = await world.tick(at(MON, 9, 3))  # the lease ran out: taken over, once
    [(taken, status, note)] = report.of("nudge")
    assert (taken.id, taken.attempts, status, note) == (job.id, 2, "done", "on_time")
    assert len(world.titles()) == 1
    async with world.practice.store.transaction() as tx:
        assert not await tx.work.finish(job, "done", "on_time", at(MON, 9, 4))  # too late


async def test_a_notice_a_crashed_instance_was_sending_is_sent_after_its_lease(
    world: World,
) -> None:
    await world.scheduler.tick(at(MON, 9), deliver=False)  # decided, not delivered yet
    async with world.practice.store.transaction() as tx:
        assert await tx.outbox.claim_lane("test:w", "dead", at(MON, 9), timedelta(minutes=2))
        [parcel] = await tx.outbox.claim("test:w", "dead", at(MON, 9), timedelta(minutes=2), 10)
    assert (await world.scheduler.courier.drain(at(MON, 9, 1))).sent == 0  # its lease holds
    assert (await world.scheduler.courier.drain(at(MON, 9, 3))).sent == 1
    assert world.chat.nonces == [parcel.nonce]  # the same nonce as the dead instance's attempt
    async with world.practice.store.transaction() as tx:
        [record] = await tx.outbox.records(PLACE)
    assert (record.status, record.attempts) == ("sent", 2)


async def test_a_reflection_before_the_channel_existed_is_no_promise_of_a_round(
    world: World,
) -> None:
    # A channel first used after its pairing time has no round today: joining says so.
    late = Place("test", "w", "late")
    world.clock.set(at(MON, 19))
    await world.practice.daily.pick_for(late)
    refused = await world.rounds.join(ANNA, late)
    assert "Today's pairs were due at 10:00" in refused.errors[""]
    assert "The next round is on 2026-12-08 at 10:00." in refused.errors[""]


async def test_old_rows_are_pruned_but_misses_stay(world: World) -> None:
    await world.tick(at(MON, 9))  # Monday's nudge: done and sent
    await world.tick(at(TUE, 23))  # the rest of Monday and all of Tuesday: missed
    later = at(MON, 9) + timedelta(days=401)
    gone_work, gone_notices = await world.scheduler.prune(later)
    assert gone_work == 1 and gone_notices == 1  # Monday's nudge and its delivered notice
    async with world.practice.store.transaction() as tx:
        assert await tx.work.excused_dates(PLACE) == frozenset({MON, TUE})
        assert {r.status for r in await tx.work.records(PLACE, limit=100)} == {"missed"}
