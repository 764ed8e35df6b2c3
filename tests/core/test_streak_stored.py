"""The stored (incremental) streak always equals a full recompute from the history, whatever
happens between reflections: pauses (from today too), resumes, practice days and time zones
changed, the channel's off-days and weekly forgiveness changed, and days ballback itself
missed because it was not running (the scheduler catches up and records them)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.clock import ManualClock
from bot.model import Actor, Place
from bot.practice import ChannelDefaults, Practice
from bot.rules.streak import StreakCalendar, recompute
from bot.scheduler import Scheduler
from bot.usecases.offdays import OffDaysUseCase
from content import load_catalog
from tests.support.chat import RecordingChat

CATALOG = load_catalog()
START = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)  # a Monday
_members = itertools.count()

ACTIONS = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=60),  # hours since the previous action
        st.sampled_from(
            [
                "reflect",
                "reflect",
                "reflect",
                "reflect",
                "pause",
                "resume",
                "days",
                "tz",
                "offdays",
                "forgive",
                "down",
            ]
        ),
        st.integers(min_value=0, max_value=9),  # the action's parameter
    ),
    max_size=25,
)
DAY_SETS = ["mon-fri", "mon,wed,fri", "all", "sat,sun", "tue-thu"]
ZONES = ["Europe/Amsterdam", "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati"]
ANSWERS = {"R1": "a moment", "R2": "what it did", "R3": "next time"}
# The person acting on the channel's settings (off-days, forgiveness) is its admin.
ADMIN = Actor("console", "local", "admin", "Admin", is_platform_admin=True)


def examples(n: int) -> settings:
    return settings(
        max_examples=n,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# Fewer examples on PostgreSQL: its transactions cost more round trips, and the rules are the
# same; what it adds is the storage of every kind of row, which a dozen histories cover.
@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
@examples(25)
@given(actions=ACTIONS)
async def test_stored_streak_equals_recompute(store, actions) -> None:
    await check_history(store, actions)


@pytest.mark.parametrize("store_url", ["postgres"], indirect=True)
@examples(12)
@given(actions=ACTIONS)
async def test_stored_streak_equals_recompute_on_postgres(store, actions) -> None:
    await check_history(store, actions)


async def check_history(store, actions) -> None:
    clock = ManualClock(START)
    practice = Practice(store, CATALOG, clock, ChannelDefaults(timezone="Europe/Amsterdam"))
    place = Place("console", "local", f"c{next(_members)}")
    scheduler = Scheduler(store, practice, {"console": RecordingChat("console")}, clock)
    member = Actor("console", "local", f"p{next(_members)}", "Prop")
    await practice.daily.pick_for(place)  # the channel exists (and is scheduled) from the start
    now = START
    for hours, action, value in actions:
        before, now = now, now + timedelta(hours=hours)
        if action == "down":
            # ballback is not running for ``value`` days: nothing runs until it is back, then
            # the scheduler catches up and records what it missed (those days are excused).
            now += timedelta(days=value)
        else:
            await scheduler.advance(before, now)  # running: everything due on the way
        clock.set(now)
        await scheduler.tick(now)
        if action == "reflect":
            assert (await practice.reflections.reflect(member, place, ANSWERS)).ok
        elif action == "pause":
            until = (now + timedelta(days=value)).astimezone(UTC).date() + timedelta(days=1)
            await practice.preferences.pause(member, place, f"until {until.isoformat()}")
        elif action == "resume":
            await practice.preferences.resume(member, place)
        elif action == "days":
            await practice.preferences.settings(
                member, place, f"days {DAY_SETS[value % len(DAY_SETS)]}"
            )
        elif action == "tz":
            await practice.preferences.settings(member, place, f"tz {ZONES[value % len(ZONES)]}")
        elif action == "offdays":
            today = now.astimezone(UTC).date() + timedelta(days=value % 3)
            last = today + timedelta(days=value)
            span = f"{today.isoformat()}..{last.isoformat()}"
            await OffDaysUseCase(practice).offdays(ADMIN, place, f"add {span}")
        else:
            await practice.preferences.settings(ADMIN, place, f"channel forgive {value % 3}")

    async with store.transaction() as tx:
        stored = await tx.members.get(member.ref)
        if stored is None:
            return
        channel = await tx.channels.get(place)
        assert channel is not None
        calendar = StreakCalendar(
            practice_days=stored.practice_days,
            pauses=tuple(await tx.pauses.list(member.ref)),
            excused=await tx.work.excused_dates(place),
            offdays=tuple(await tx.offdays.list(place)),
            forgive_per_week=channel.forgive_per_week,
        )
        days = [r.day for r in await tx.reflections.list(member.ref)]
    assert stored.streak == recompute(days, calendar)
