"""Cohorts in the core (issue 12, item 1): a channel admin starts one, its trainers set a
curriculum, the daily pick follows it, a change from a date on leaves past picks as they were,
and bad input changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.commands import Commands
from bot.model import Actor, Place
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds
from content import load_catalog

PLACE = Place("console", "local", "course")
ADMIN = Actor("console", "local", "trainer", "Tess", is_platform_admin=True)
MEMBER = Actor("console", "local", "anna", "Anna")
MONDAY = date(2027, 1, 11)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2027, 1, 4, 8, tzinfo=UTC))


@pytest.fixture
def practice(store, clock: ManualClock) -> Practice:
    return Practice(store, load_catalog(), clock, ChannelDefaults(timezone="UTC"))


@pytest.fixture
def commands(practice: Practice) -> Commands:
    return Commands(practice, Rounds(practice), prefix="/")


async def picks(practice: Practice, clock: ManualClock, first: date, days: int) -> list[str]:
    made = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        if day.weekday() < 5:
            clock.set(datetime(day.year, day.month, day.day, 8, tzinfo=UTC))
            made.append((await practice.daily.pick_for(PLACE, day)).skill_id)
    return made


async def test_the_daily_pick_follows_the_curriculum(
    commands: Commands, practice: Practice, clock: ManualClock
) -> None:
    assert not (await commands.run(MEMBER, PLACE, "cohort", "start 2027-01-11")).ok
    started = await commands.run(ADMIN, PLACE, "cohort", "start 2027-01-11")
    assert started.ok and started.cards[0].title == "Training group updated"
    shown = await commands.run(MEMBER, PLACE, "cohort", "")
    assert shown.cards[0].title == "Training group since 2027-01-11"
    assert not (await commands.run(ADMIN, PLACE, "cohort", "start 2027-01-18")).ok  # once
    assert not (await commands.run(MEMBER, PLACE, "cohort", "weekly handen stilte")).ok
    weekly = await commands.run(
        ADMIN, PLACE, "cohort", "weekly from 2027-01-11 handen Stilte-laten-werken"
    )
    assert weekly.ok, weekly.errors
    # Week 1: Sit on your hands; week 2: Let silence do its work; week 3: the rotation again.
    made = await picks(practice, clock, MONDAY, 21)
    assert made[:5] == ["handen"] * 5 and made[5:10] == ["stilte"] * 5
    assert len(set(made[10:15])) == 5  # the rotation, one skill a day
    # Members see the cohort; a change from week 2 on leaves week 1's stored picks alone.
    shown = await commands.run(MEMBER, PLACE, "groep", "")
    assert "2027-01-11–2027-01-17: Sit on your hands" in shown.cards[0].body
    changed = await commands.run(ADMIN, PLACE, "cohort", "weekly from 2027-01-18 fotos")
    assert changed.ok
    again = [
        (await practice.daily.pick_for(PLACE, MONDAY + timedelta(days=d))).skill_id
        for d in range(5)
    ]
    assert again == ["handen"] * 5
    # A stored pick never changes: week 2 was picked already.
    assert (await practice.daily.pick_for(PLACE, MONDAY + timedelta(days=7))).skill_id == "stilte"
    ended = await commands.run(ADMIN, PLACE, "cohort", "end")
    assert ended.ok and ended.cards[0].title == "Training group updated"


async def test_a_set_lesson_with_a_scenario_and_the_calendar(
    commands: Commands, practice: Practice
) -> None:
    assert (await commands.run(ADMIN, PLACE, "cohort", "start 2027-01-11")).ok
    set_ = await commands.run(ADMIN, PLACE, "cohort", "set 2027-W03 fotos s04-perfectie")
    assert set_.ok, set_.errors
    days, _ = await practice.daily.calendar(PLACE, date(2027, 1, 18), 7)
    assert {(p.skill_id, p.scenario_id) for p in days} == {("fotos", "s04-perfectie")}


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("weekly luisteren", "is not a skill"),
        ("set 2027-01-12 handen s99-nope", "is not a scenario id"),
        ("set 2027-01-04 handen", "before the training group starts"),
        ("set 2028-06-01 handen", "more than a year"),
        ("set 2027-W99 handen", "2027-W99"),
        ("set ² handen", "²"),
        ("weekly from 2027-13-01 handen", "2027-13-01"),
        ("weekly", "Use: cohort start"),
        ("frobnicate", "Use: cohort start"),
    ],
)
async def test_bad_curricula_are_refused_and_change_nothing(
    commands: Commands, practice: Practice, text: str, says: str
) -> None:
    assert (await commands.run(ADMIN, PLACE, "cohort", "start 2027-01-11")).ok
    assert (await commands.run(ADMIN, PLACE, "cohort", "weekly from 2027-01-11 handen")).ok
    async with practice.store.read() as tx:
        before = await tx.cohorts.get(PLACE)
    refused = await commands.run(ADMIN, PLACE, "cohort", text)
    assert not refused.ok and says in refused.errors[""], refused.errors
    async with practice.store.read() as tx:
        assert await tx.cohorts.get(PLACE) == before


async def test_channel_admins_choose_the_trainers(
    commands: Commands, practice: Practice, clock: ManualClock
) -> None:
    assert (await commands.run(ADMIN, PLACE, "cohort", "start 2027-01-11")).ok
    assert not (await commands.run(MEMBER, PLACE, "cohort", "weekly handen")).ok
    unknown = await commands.run(ADMIN, PLACE, "cohort", "trainer add nobody")
    assert not unknown.ok and "is not known in this channel" in unknown.errors[""]
    await commands.run(MEMBER, PLACE, "settings", "")  # Anna uses ballback here
    assert not (await commands.run(MEMBER, PLACE, "cohort", "trainer add anna")).ok
    assert (await commands.run(ADMIN, PLACE, "cohort", "trainer add anna")).ok
    assert (await commands.run(MEMBER, PLACE, "cohort", "weekly from 2027-01-11 handen")).ok
    assert (await commands.run(ADMIN, PLACE, "cohort", "trainer remove anna")).ok
    assert not (await commands.run(MEMBER, PLACE, "cohort", "weekly from 2027-01-11 fotos")).ok
    for odd in ("trainer", "trainer add", "trainer hire anna", "trainer add \x00"):
        assert not (await commands.run(ADMIN, PLACE, "cohort", odd)).ok, odd
