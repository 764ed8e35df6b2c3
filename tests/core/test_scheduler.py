"""The daily nudge: once per channel per local day, through the Chat port, recorded."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.clock import ManualClock
from bot.model import Place
from bot.practice import ChannelDefaults, Practice
from bot.scheduler import Scheduler, nudge_instants
from content import load_catalog
from tests.support.chat import RecordingChat

PLACE = Place("test", "w1", "c1")


def utc(y: int, m: int, d: int, h: int, minute: int = 0) -> datetime:
    return datetime(y, m, d, h, minute, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(utc(2026, 12, 1, 6))


@pytest.fixture
async def practice(store, clock: ManualClock) -> Practice:
    practice = Practice(store, load_catalog(), clock, ChannelDefaults(timezone="Europe/Amsterdam"))
    await practice.pick_for(PLACE)  # the channel exists once anyone used it
    return practice


def scheduler_for(practice: Practice, chat: RecordingChat) -> Scheduler:
    return Scheduler(practice.store, practice, {"test": chat}, practice.clock)


async def test_posts_once_per_local_day(practice: Practice) -> None:
    chat = RecordingChat("test")
    scheduler = scheduler_for(practice, chat)
    assert await scheduler.tick(utc(2026, 12, 1, 7, 59)) == []  # 08:59 in Amsterdam
    [delivery] = await scheduler.tick(utc(2026, 12, 1, 8, 0))  # 09:00
    assert delivery.sent and delivery.local_date == date(2026, 12, 1)
    assert await scheduler.tick(utc(2026, 12, 1, 15)) == []
    # A restart (new objects, same database) does not post the same day again.
    restarted = scheduler_for(
        Practice(practice.store, practice.catalog, practice.clock, practice.defaults), chat
    )
    assert await restarted.tick(utc(2026, 12, 1, 16)) == []
    assert len(chat.posts) == 1
    assert chat.posts[0][1].title.startswith("Today's skill")


async def test_no_nudge_on_the_weekend(practice: Practice) -> None:
    chat = RecordingChat("test")
    assert await scheduler_for(practice, chat).tick(utc(2026, 12, 5, 12)) == []  # Saturday


async def test_a_failed_delivery_is_recorded_and_retried(practice: Practice) -> None:
    chat = RecordingChat("test")
    chat.fail = 1
    scheduler = scheduler_for(practice, chat)
    [failed] = await scheduler.tick(utc(2026, 12, 1, 9))
    assert not failed.sent and "500" in failed.error
    async with practice.store.transaction() as tx:
        assert await tx.failed_nudge_dates(PLACE) == frozenset({date(2026, 12, 1)})
    [retried] = await scheduler.tick(utc(2026, 12, 1, 9, 30))
    assert retried.sent
    assert len(chat.posts) == 1
    async with practice.store.transaction() as tx:
        assert await tx.failed_nudge_dates(PLACE) == frozenset()


async def test_advance_runs_every_due_day_in_order(practice: Practice) -> None:
    chat = RecordingChat("test")
    deliveries = await scheduler_for(practice, chat).advance(
        utc(2026, 12, 1, 6), utc(2026, 12, 8, 11)
    )
    # Tue..Fri and the next Monday and Tuesday: six working days, in order.
    assert [d.local_date.day for d in deliveries] == [1, 2, 3, 4, 7, 8]
    skills = [card.title for _, card in chat.posts]
    assert len(set(skills)) == 6  # the bag advanced once per posted pick


async def test_channels_of_other_platforms_are_left_alone(practice: Practice) -> None:
    chat = RecordingChat("test")
    await practice.pick_for(Place("elsewhere", "w", "c"))
    await scheduler_for(practice, chat).tick(utc(2026, 12, 1, 12))
    assert [p for p, _ in chat.posts] == [PLACE]


def test_nudge_instants_over_a_dst_change() -> None:
    from bot.model import Channel

    channel = Channel(PLACE, timezone="Europe/Amsterdam", weekdays=frozenset(range(7)))
    instants = nudge_instants(channel, utc(2026, 3, 28, 0), utc(2026, 3, 30, 0))
    # Nudge 09:00, pairing 10:00, reminder 14:00 local: UTC+1 before the switch on 29 March,
    # UTC+2 after it.
    assert [i.astimezone(UTC).hour for i in instants] == [8, 9, 13, 7, 8, 12]
