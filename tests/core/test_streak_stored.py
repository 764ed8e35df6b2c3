"""The stored (incremental) streak always equals a full recompute from the history."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.clock import ManualClock
from bot.model import Actor, Place
from bot.practice import ChannelDefaults, Practice
from bot.rules.streak import StreakCalendar, recompute
from content import load_catalog

CATALOG = load_catalog()
PLACE = Place("console", "local", "property")
START = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)  # a Monday
_members = itertools.count()

ACTIONS = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=60),  # hours since the previous action
        st.sampled_from(["reflect", "reflect", "reflect", "pause", "resume", "days", "tz"]),
        st.integers(min_value=0, max_value=9),  # the action's parameter
    ),
    max_size=25,
)
DAY_SETS = ["mon-fri", "mon,wed,fri", "all", "sat,sun", "tue-thu"]
ZONES = ["Europe/Amsterdam", "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati"]
ANSWERS = {"R1": "a moment", "R2": "what it did", "R3": "next time"}


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=ACTIONS)
async def test_stored_streak_equals_recompute(store, actions) -> None:
    clock = ManualClock(START)
    practice = Practice(store, CATALOG, clock, ChannelDefaults(timezone="Europe/Amsterdam"))
    member = Actor("console", "local", f"p{next(_members)}", "Prop")
    now = START
    for hours, action, value in actions:
        now += timedelta(hours=hours)
        clock.set(now)
        if action == "reflect":
            assert (await practice.reflect(member, PLACE, ANSWERS)).ok
        elif action == "pause":
            until = (now + timedelta(days=value)).astimezone(UTC).date() + timedelta(days=1)
            await practice.pause(member, PLACE, f"until {until.isoformat()}")
        elif action == "resume":
            await practice.resume(member, PLACE)
        elif action == "days":
            await practice.settings(member, PLACE, f"days {DAY_SETS[value % len(DAY_SETS)]}")
        else:
            await practice.settings(member, PLACE, f"tz {ZONES[value % len(ZONES)]}")

    async with store.transaction() as tx:
        stored = await tx.get_member(member.ref)
        if stored is None:
            return
        calendar = StreakCalendar(
            practice_days=stored.practice_days,
            pauses=tuple(await tx.list_pauses(member.ref)),
            excused=await tx.work.excused_dates(PLACE),
        )
        days = [r.day for r in await tx.list_reflections(member.ref)]
    assert stored.streak == recompute(days, calendar)
