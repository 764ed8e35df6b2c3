"""The runner: build, point at a Discord-compatible URL, start and stop."""

from __future__ import annotations

from typing import Any

import discord

from adapters.discord.runner import build_adapter, serve
from bot.clock import ManualClock
from bot.delivery import Courier
from bot.practice import ChannelDefaults, Practice
from bot.rounds import Rounds
from tests.discord.conftest import CATALOG, amsterdam
from tests.fakes.fake_discord import FakeDiscord


async def test_start_and_stop_against_the_urls(store: Any, fake: FakeDiscord) -> None:
    practice = Practice(store, CATALOG, ManualClock(amsterdam(7, 8)), ChannelDefaults("UTC"))
    rounds = Rounds(practice)
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    try:
        adapter = build_adapter(
            practice,
            rounds,
            Courier(store, {}, practice.clock),
            token=fake.token,
            api_url=fake.rest_url,
            gateway_url=fake.gateway_url,
            guild_ready_timeout=0.1,
        )
        stop = await serve(adapter)
        assert adapter.client.is_ready()
        assert fake.calls_to("PUT", "/applications/{application_id}/commands"), "global sync"
        await stop()
        assert adapter.client.is_closed()
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway
