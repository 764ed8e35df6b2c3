"""Reflection reminders: one a practice day, to members who practised or asked, never after
they reflected, never in their quiet hours, never to those who switched them off."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import ManualClock
from bot.model import Actor, Place
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds
from bot.scheduler import Scheduler
from content import load_catalog
from tests.support.chat import RecordingChat

PLACE = Place("test", "w", "team")
ADMIN = Actor("test", "w", "tess", "Tess", is_platform_admin=True)
ANSWERS = {"R1": "I waited.", "R2": "She found it herself.", "R3": "Wait longer."}
REMINDER = "A minute for your reflection?"


def actor(name: str) -> Actor:
    return Actor("test", "w", name.lower(), name)


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


async def test_who_gets_a_reminder(practice: Practice, clock: ManualClock) -> None:
    chat = RecordingChat("test")
    scheduler = Scheduler(practice.store, practice, {"test": chat}, clock)
    rounds = Rounds(practice)
    anna, bob, cees, dirk, eva, fien = (
        actor(n) for n in ("Anna", "Bob", "Cees", "Dirk", "Eva", "Fien")
    )
    for member in (anna, bob, cees, dirk):  # practise today
        assert (await rounds.join(member, PLACE)).ok
    assert (
        await practice.preferences.settings(bob, PLACE, "reminders off")
    ).ok  # practised, said no
    assert (
        await practice.preferences.settings(eva, PLACE, "reminders on")
    ).ok  # asked, did not practise
    assert (
        await practice.preferences.settings(cees, PLACE, "tz Asia/Tokyo")
    ).ok  # 00:00 there at 16:00
    assert (
        await practice.preferences.settings(fien, PLACE, "quiet off")
    ).ok  # nothing asked: nothing
    await scheduler.advance(at(7, 7), at(7, 15))
    clock.set(at(7, 15, 30))
    assert (await practice.reflections.reflect(dirk, PLACE, ANSWERS)).ok  # reflected already
    await scheduler.advance(at(7, 15), at(7, 23, 59))
    reminded = {s.to.user for s in chat.sent if s.to and s.card.title == REMINDER}
    assert reminded == {"anna", "eva"}  # Cees is in his quiet hours in Tokyo
    [card] = [
        s.card for s in chat.sent if s.to and s.to.user == "anna" and s.card.title == REMINDER
    ]
    assert [a.id for a in card.actions] == ["reflect:team"]  # the button names its channel
    # The next practice day: Eva (asked) again, Anna only if she practises again.
    before = len(chat.sent)
    await scheduler.advance(at(7, 23, 59), at(8, 23))
    assert {s.to.user for s in chat.sent[before:] if s.to and s.card.title == REMINDER} == {"eva"}


async def test_quiet_hours_and_reminders_settings_are_shown_and_checked(
    practice: Practice,
) -> None:
    anna = actor("Anna")
    card = (await practice.preferences.settings(anna, PLACE, "")).cards[0]
    fields = {f.label: f.value for f in card.fields}
    assert fields["Reflection reminders"] == "after a practice round only (the default)"
    assert fields["Quiet hours"] == "21:00–08:00 in your time zone: no reminders then (default)"
    for text, error in (
        ("quiet 21-8", "“21-8” are not quiet hours"),
        ("quiet 21:00-21:00", "“21:00-21:00” are not quiet hours"),
        ("quiet 25:00-08:00", "“25:00-08:00” are not quiet hours"),
        ("quiet", "Give a value too"),
        ("reminders sometimes", "“sometimes” is not a choice"),
    ):
        reply = await practice.preferences.settings(anna, PLACE, text)
        assert not reply.ok and error in reply.errors[""], text
    assert (await practice.preferences.settings(anna, PLACE, "quiet 22:30-07:00")).ok
    assert (await practice.preferences.settings(anna, PLACE, "reminders on")).ok
    card = (await practice.preferences.settings(anna, PLACE, "")).cards[0]
    fields = {f.label: f.value for f in card.fields}
    assert fields["Reflection reminders"] == "every practice day of this channel"
    assert fields["Quiet hours"] == "22:30–07:00 in your time zone: no reminders then"
