"""The daily nudge: once per channel per local day, through the ledger, the outbox and Chat."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.clock import ManualClock
from bot.model import Channel, Place
from bot.practice import ChannelDefaults, Practice
from bot.rules.schedule import due_between
from bot.scheduler import Scheduler
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
    await practice.daily.pick_for(PLACE)  # the channel exists once anyone used it
    return practice


def scheduler_for(practice: Practice, chat: RecordingChat) -> Scheduler:
    return Scheduler(practice.store, practice, {"test": chat}, practice.clock)


async def test_posts_once_per_local_day(practice: Practice) -> None:
    chat = RecordingChat("test")
    scheduler = scheduler_for(practice, chat)
    assert not (await scheduler.tick(utc(2026, 12, 1, 7, 59))).done  # 08:59 in Amsterdam
    [(job, status, note)] = (await scheduler.tick(utc(2026, 12, 1, 8, 0))).of("nudge")  # 09:00
    assert (status, note) == ("done", "on_time") and job.local_date == date(2026, 12, 1)
    assert not (await scheduler.tick(utc(2026, 12, 1, 15))).of("nudge")
    # A restart (new objects, same database) does not post the same day again.
    restarted = scheduler_for(
        Practice(practice.store, practice.catalog, practice.clock, practice.defaults), chat
    )
    assert not (await restarted.tick(utc(2026, 12, 1, 16))).of("nudge")
    assert len(chat.posts) == 1
    assert chat.posts[0][1].title.startswith("Today's skill")
    assert chat.nonces[0] is not None  # every attempt at a notice carries the same nonce


async def test_no_nudge_on_the_weekend(practice: Practice) -> None:
    chat = RecordingChat("test")
    scheduler = scheduler_for(practice, chat)
    await scheduler.tick(utc(2026, 12, 4, 23))  # Friday night: the week is done
    report = await scheduler.tick(utc(2026, 12, 5, 12))  # Saturday
    assert not report.done
    assert [p.card.title for p in chat.sent if p.kind == "channel"] == []


async def test_a_failed_delivery_is_recorded_and_retried(practice: Practice) -> None:
    chat = RecordingChat("test")
    chat.fail = 1
    scheduler = scheduler_for(practice, chat)
    report = await scheduler.tick(utc(2026, 12, 1, 8))
    assert report.delivery.failed and "500" in report.delivery.failed[0]
    async with practice.store.transaction() as tx:
        [record] = await tx.outbox.records(PLACE)
        assert record.status == "pending" and "500" in record.error
    retried = await scheduler.tick(utc(2026, 12, 1, 8, 30))
    assert retried.delivery.sent == 1
    assert len(chat.posts) == 1
    async with practice.store.transaction() as tx:
        [record] = await tx.outbox.records(PLACE)
        assert record.status == "sent" and record.message_ref == "m1" and record.attempts == 2
        assert await tx.work.excused_dates(PLACE) == frozenset()


async def test_advance_runs_every_due_day_in_order(practice: Practice) -> None:
    chat = RecordingChat("test")
    reports = await scheduler_for(practice, chat).advance(utc(2026, 12, 1, 6), utc(2026, 12, 8, 11))
    days = [job.local_date.day for r in reports for job, _, _ in r.of("nudge")]
    # Tue..Fri and the next Monday and Tuesday: six working days, in order.
    assert days == [1, 2, 3, 4, 7, 8]
    skills = [card.title for _, card in chat.posts]
    assert len(set(skills)) == 6  # the bag advanced once per posted pick


async def test_channels_of_other_platforms_are_left_alone(practice: Practice) -> None:
    chat = RecordingChat("test")
    await practice.daily.pick_for(Place("elsewhere", "w", "c"))
    await scheduler_for(practice, chat).tick(utc(2026, 12, 1, 8, 5))
    assert [p for p, _ in chat.posts] == [PLACE]


def test_due_instants_over_a_dst_change() -> None:
    channel = Channel(PLACE, timezone="Europe/Amsterdam", weekdays=frozenset(range(7)))
    instants = due_between(channel, (), utc(2026, 3, 28, 0), utc(2026, 3, 30, 0))
    # Nudge 09:00, pairing 10:00, outcome 14:00, reminder 16:00 local: UTC+1 before the
    # switch on 29 March, UTC+2 after it.
    assert [(i.at.hour, i.kind) for i in instants] == [
        (8, "nudge"),
        (9, "round"),
        (13, "outcome"),
        (15, "reminder"),
        (7, "nudge"),
        (8, "round"),
        (12, "outcome"),
        (14, "reminder"),
    ]
