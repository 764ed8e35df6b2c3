"""A real slack-bolt app of the adapter, served on loopback, against the fake Slack Web API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from adapters.slack.http import events_app
from adapters.slack.runner import EVENTS_PATH, SlackAdapter, build_adapter
from bot.clock import ManualClock
from bot.delivery import Courier
from bot.ports import Chat
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds
from bot.scheduler import Scheduler
from content import load_catalog
from tests.fakes.fake_slack import FakeSlack
from tests.fakes.servers import serve
from tests.fakes.slack_driver import SlackDriver

SECRET = "test-signing-secret"
CHANNEL = "C0PRACTICE"
CATALOG = load_catalog()


@dataclass
class SlackWorld:
    fake: FakeSlack
    driver: SlackDriver
    adapter: SlackAdapter
    practice: Practice
    rounds: Rounds
    scheduler: Scheduler
    clock: ManualClock

    async def tick(self, when: datetime) -> None:
        self.clock.set(when)
        await self.scheduler.tick(when)


def amsterdam(day: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in Amsterdam in December 2026 (UTC+1)."""
    return datetime(2026, 12, day, hour - 1, minute, tzinfo=UTC)


@pytest.fixture
async def slack(store) -> AsyncIterator[SlackWorld]:
    fake = FakeSlack()
    await fake.start()
    fake.add_user("UTESS", "tess", real_name="Tess", is_admin=True)
    for user, name in (("UANNA", "Anna"), ("UBOB", "Bob"), ("UCEES", "Cees"), ("UEVE", "Eve")):
        fake.add_user(user, name.lower(), real_name=name)
    fake.add_channel(CHANNEL, "practice")
    clock = ManualClock(amsterdam(7, 8))  # Monday 7 December 2026, 08:00
    practice = Practice(store, CATALOG, clock, ChannelDefaults(timezone="Europe/Amsterdam"))
    rounds = Rounds(practice)
    chats: dict[str, Chat] = {}
    courier = Courier(store, chats, clock)
    adapter = build_adapter(
        practice,
        rounds,
        courier,
        token="xoxb-test",
        signing_secret=SECRET,
        api_url=fake.base_url,
        pace_seconds=0,
        posts_per_minute=None,
        process_before_response=True,  # the HTTP answer comes after the work: no waiting
    )
    chats["slack"] = adapter.chat
    scheduler = Scheduler(store, practice, chats, clock, rounds, courier=courier)
    url, stop = await serve(events_app(adapter, EVENTS_PATH))
    driver = SlackDriver(url + EVENTS_PATH, SECRET, fake=fake)
    try:
        yield SlackWorld(fake, driver, adapter, practice, rounds, scheduler, clock)
    finally:
        await driver.close()
        await stop()
        await fake.stop()
