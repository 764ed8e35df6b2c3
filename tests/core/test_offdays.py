"""Off-days: set by channel admins, nothing posted on them, no promise of a round, no broken
streak; bad input gets one clear line and changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.clock import ManualClock
from bot.model import Actor, DateRange, Place
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds
from bot.scheduler import Scheduler
from bot.usecases.offdays import OffDaysUseCase
from content import load_catalog
from tests.support.chat import RecordingChat

PLACE = Place("test", "w", "team")
ADMIN = Actor("test", "w", "tess", "Tess", is_platform_admin=True)
ANNA = Actor("test", "w", "anna", "Anna")
ANSWERS = {"R1": "I waited.", "R2": "She found it herself.", "R3": "Wait longer."}


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """Amsterdam wall-clock time on a December 2026 day (UTC+1)."""
    return datetime(2026, 12, day, hour - 1, minute, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(at(7, 7))  # Monday 7 December 2026


@pytest.fixture
async def practice(store, clock: ManualClock) -> Practice:
    practice = Practice(store, load_catalog(), clock, ChannelDefaults(timezone="Europe/Amsterdam"))
    await practice.daily.pick_for(PLACE)
    return practice


@pytest.fixture
def offdays(practice: Practice) -> OffDaysUseCase:
    return OffDaysUseCase(practice)


async def stored(practice: Practice) -> list[DateRange]:
    async with practice.store.transaction() as tx:
        return list(await tx.offdays.list(PLACE))


async def test_admins_add_list_and_remove_offdays(
    practice: Practice, offdays: OffDaysUseCase
) -> None:
    added = await offdays.offdays(ADMIN, PLACE, "add 2026-12-24..2027-01-01")
    assert added.cards[0].title == "Off-days added: 2026-12-24..2027-01-01"
    again = await offdays.offdays(ADMIN, PLACE, "add 2026-12-24..2027-01-01")
    assert again.cards[0].title == "Already off-days: 2026-12-24..2027-01-01"
    listed = await offdays.offdays(ANNA, PLACE, "")  # anyone may see them
    assert [f.label for f in listed.cards[0].fields] == ["2026-12-24..2027-01-01"]
    removed = await offdays.offdays(ADMIN, PLACE, "remove 2026-12-31")  # cut out of the range
    assert removed.cards[0].title == "Off-days removed: 2026-12-31"
    assert await stored(practice) == [
        DateRange(date(2026, 12, 24), date(2026, 12, 30)),
        DateRange(date(2027, 1, 1), date(2027, 1, 1)),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("add 2027-01-01..2026-12-24", "The range ends (2026-12-24) before it starts (2027-01-01)"),
        ("add 2026-12-24..2028-01-01", "at most 366 days"),
        ("add 2026-12-01", "2026-12-01 is before today (2026-12-07)"),
        ("add 2026-12-32", "“2026-12-32” is not a date"),
        ("add christmas", "“christmas” is not a date or a date range"),
        ("add ２０２６-12-24", "is not a date or a date range"),
        ("add 2026-12-24 2026-12-25", "Use: offdays"),
        ("holidays", "Use: offdays"),
        ("add", "Use: offdays"),
        ("add 2026-12-24..\x00", "is not a date or a date range"),
    ],
)
async def test_bad_ranges_get_one_clear_line_and_change_nothing(
    practice: Practice, offdays: OffDaysUseCase, text: str, message: str
) -> None:
    reply = await offdays.offdays(ADMIN, PLACE, text)
    assert not reply.ok and message in reply.errors[""]
    assert "\n" not in reply.errors[""]
    assert await stored(practice) == []


async def test_only_channel_admins_change_offdays(
    practice: Practice, offdays: OffDaysUseCase
) -> None:
    refused = await offdays.offdays(ANNA, PLACE, "add 2026-12-24")
    assert refused.errors[""] == "Only a channel admin can change the channel's settings."
    assert await stored(practice) == []


async def test_nothing_is_posted_on_an_offday_and_joining_says_so(
    practice: Practice, offdays: OffDaysUseCase, clock: ManualClock
) -> None:
    chat = RecordingChat("test")
    scheduler = Scheduler(practice.store, practice, {"test": chat}, clock)
    assert (await offdays.offdays(ADMIN, PLACE, "add 2026-12-08..2026-12-09")).ok
    clock.set(at(8, 8))
    refused = await Rounds(practice).join(ANNA, PLACE)
    assert "Today is an off-day in this channel (until 2026-12-09)" in refused.errors[""]
    assert "The next round is on 2026-12-10 at 10:00." in refused.errors[""]
    await scheduler.advance(at(7, 7), at(10, 12))
    async with practice.store.transaction() as tx:
        days = {(r.local_date.day, r.kind) for r in await tx.work.records(PLACE, limit=100)}
    assert {d for d, _ in days} == {7, 10}  # Monday and Thursday; Tuesday, Wednesday off
    assert len([s for s in chat.sent if s.card.title.startswith("Today's skill")]) == 2


async def test_joining_on_a_weekend_is_no_promise(practice: Practice, clock: ManualClock) -> None:
    clock.set(at(12, 9))  # Saturday
    refused = await Rounds(practice).join(ANNA, PLACE)
    assert refused.errors[""] == (
        "Today is not a practice day in this channel, so there is no round to join. "
        "The next round is on 2026-12-14 at 10:00."
    )


async def test_an_offday_set_for_today_skips_its_waiting_work(
    practice: Practice, offdays: OffDaysUseCase, clock: ManualClock
) -> None:
    chat = RecordingChat("test")
    scheduler = Scheduler(practice.store, practice, {"test": chat}, clock)
    await scheduler.plan(at(7, 9))  # today's nudge fell due but was not done yet
    clock.set(at(7, 9, 1))
    assert (await offdays.offdays(ADMIN, PLACE, "add 2026-12-07")).ok
    await scheduler.tick(at(7, 9, 2))
    assert chat.sent == []
    async with practice.store.transaction() as tx:
        [nudge] = await tx.work.records(PLACE)
    assert (nudge.kind, nudge.status, nudge.note) == ("nudge", "skipped", "offday")


async def test_an_offday_never_breaks_a_streak(
    practice: Practice, offdays: OffDaysUseCase, clock: ManualClock
) -> None:
    assert (await offdays.offdays(ADMIN, PLACE, "add 2026-12-08..2026-12-11")).ok
    for day in (7, 14):
        clock.set(at(day, 18))
        assert (await practice.reflections.reflect(ANNA, PLACE, ANSWERS)).ok
    card = (await practice.reflections.streak(ANNA, PLACE)).cards[0]
    assert card.fields[0].value == "2 days"  # Tue–Fri were off-days
