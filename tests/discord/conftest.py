"""A real discord.py client of the adapter, logged in to the loopback fake Discord."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from adapters.discord.runner import DiscordAdapter, build_adapter
from bot.clock import ManualClock
from bot.delivery import Courier
from bot.ports import Chat
from bot.practice import ChannelDefaults, Practice
from bot.registry import COMMANDS
from bot.rounds import Rounds
from bot.scheduler import Scheduler
from content import load_catalog
from tests.fakes.fake_discord import (
    CALLBACK_DEFERRED_MESSAGE,
    FakeDiscord,
    InteractionCallback,
    RestCall,
    logged_in_client,
)

CATALOG = load_catalog()
BOB = "4000000000000000011"
CEES = "4000000000000000012"


@dataclass
class DiscordWorld:
    """The fake, the adapter's client logged in to it, and the core it drives."""

    fake: FakeDiscord
    adapter: DiscordAdapter
    practice: Practice
    rounds: Rounds
    scheduler: Scheduler
    clock: ManualClock

    async def tick(self, when: datetime) -> None:
        """Move the clock and run the scheduler."""
        self.clock.set(when)
        await self.scheduler.tick(when)

    async def interact(
        self, payload: Mapping[str, Any]
    ) -> tuple[InteractionCallback, RestCall | None]:
        """Push an interaction; its initial response and (after a defer) its follow-up."""
        await self.fake.push("INTERACTION_CREATE", payload)
        return await self.interact_pushed(payload)

    async def interact_pushed(
        self, payload: Mapping[str, Any]
    ) -> tuple[InteractionCallback, RestCall | None]:
        """The initial response and (after a defer) the follow-up of a pushed interaction."""
        callback = await self.fake.wait_for_callback(str(payload["id"]))
        if callback.type != CALLBACK_DEFERRED_MESSAGE:
            return callback, None
        path = f"/webhooks/{self.fake.app_id}/{payload['token']}"
        [followup] = await self.fake.wait_for(
            lambda call: call.method == "POST" and call.path == path
        )
        return callback, followup

    async def command(
        self, user: str, verb: str, channel: str | None = None, **options: str
    ) -> tuple[InteractionCallback, RestCall | None]:
        """``/practice <verb> [option:value …]`` by ``user``; a verb the registry puts in a
        group is sent nested in it, as Discord does (``/practice admin report``)."""
        return await self.interact(
            self.fake.slash_command(user, channel, options=[sub(verb, options)])
        )


def sub(verb: str, options: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The ``options`` of a ``/practice <verb>`` interaction: the subcommand (type 1) with its
    text options, inside its group (type 2) when the registry names one."""
    subcommand: dict[str, Any] = {"name": verb, "type": 1}
    if options:
        subcommand["options"] = [{"name": k, "type": 3, "value": v} for k, v in options.items()]
    command = COMMANDS.find(verb)
    if command is None or command.name != verb or not command.group:
        return subcommand  # an alias or an unknown word is sent as given
    return {"name": command.group, "type": 2, "options": [subcommand]}


def amsterdam(day: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in Amsterdam in December 2026 (UTC+1)."""
    return datetime(2026, 12, day, hour - 1, minute, tzinfo=UTC)


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    """A started fake with two more members (alice, bob and cees make a trio)."""
    started = FakeDiscord()
    started.add_member(BOB, "bob")
    started.add_member(CEES, "cees")
    async with started:
        yield started
        assert started.unknown == []


def make_world(store: Any, fake: FakeDiscord, *, message_content: bool = False) -> DiscordWorld:
    """The core, a Courier and a Scheduler around a new (not logged-in) adapter."""
    clock = ManualClock(amsterdam(7, 8))  # Monday 7 December 2026, 08:00
    practice = Practice(store, CATALOG, clock, ChannelDefaults(timezone="Europe/Amsterdam"))
    rounds = Rounds(practice)
    chats: dict[str, Chat] = {}
    courier = Courier(store, chats, clock)
    adapter = build_adapter(
        practice,
        rounds,
        courier,
        token=fake.token,
        guild_ids=[int(fake.guild_id)],
        guild_ready_timeout=0.1,
        pace_seconds=0,
        gap_seconds=0,
        message_content=message_content,
    )
    chats["discord"] = adapter.chat
    scheduler = Scheduler(store, practice, chats, clock, rounds, courier=courier)
    return DiscordWorld(fake, adapter, practice, rounds, scheduler, clock)


@pytest.fixture
async def discord_world(store: Any, fake: FakeDiscord) -> AsyncIterator[DiscordWorld]:
    """The adapter's client logged in to the fake and ready."""
    world = make_world(store, fake)
    async with logged_in_client(fake, world.adapter.client):
        yield world
        await asyncio.sleep(0)
