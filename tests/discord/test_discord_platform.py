"""Discord as a platform of ``ballback run``: which settings start it, and one line for each way
a start can fail (the message names the setting, never the token)."""

from __future__ import annotations

import discord
import pytest

from adapters.discord.platform import PLATFORM as DISCORD
from bot.platform import AdapterError, Capability
from tests.fakes.fake_discord import FakeDiscord
from tests.support.platforms import bare_core, closed_port, settings_from

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.platform-test.token"


@pytest.fixture(autouse=True)
def _restore_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    """The adapter points discord.py's class-level URLs at the test's server: undone after."""
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    gateway = discord.gateway.DiscordWebSocket
    monkeypatch.setattr(gateway, "DEFAULT_GATEWAY", gateway.DEFAULT_GATEWAY)


def test_check(monkeypatch: pytest.MonkeyPatch) -> None:
    unset = DISCORD.check(settings_from(monkeypatch))
    assert (
        not unset.configured
        and unset.line("discord") == "discord: not configured (set DISCORD_TOKEN)"
    )
    assert DISCORD.check(settings_from(monkeypatch, DISCORD_TOKEN=TOKEN)).ready
    assert "DISCORD_TOKEN" in DISCORD.settings
    assert Capability.PRIVATE_MESSAGES_NEED_CONSENT in DISCORD.capabilities


async def test_an_unreachable_discord(monkeypatch: pytest.MonkeyPatch) -> None:
    port = closed_port()
    settings = settings_from(
        monkeypatch,
        DISCORD_TOKEN=TOKEN,
        BALLBACK_DISCORD_API_URL=f"http://127.0.0.1:{port}/api/v10",
        BALLBACK_DISCORD_GATEWAY_URL=f"ws://127.0.0.1:{port}/gateway",
    )
    with pytest.raises(AdapterError) as failed:
        await DISCORD.start(settings, bare_core())
    message = str(failed.value)
    assert message.startswith(f"cannot reach Discord at http://127.0.0.1:{port} and ws://")
    assert TOKEN not in message


async def test_a_refused_token_then_a_good_one(monkeypatch: pytest.MonkeyPatch) -> None:
    async with FakeDiscord(token=TOKEN) as fake:
        urls = {
            "BALLBACK_DISCORD_API_URL": fake.rest_url,
            "BALLBACK_DISCORD_GATEWAY_URL": fake.gateway_url,
        }
        wrong = settings_from(monkeypatch, DISCORD_TOKEN="wrong." + TOKEN, **urls)
        with pytest.raises(AdapterError) as failed:
            await DISCORD.start(wrong, bare_core())
        assert str(failed.value) == "DISCORD_TOKEN: Discord refused the token"
        core = bare_core()
        started = await DISCORD.start(settings_from(monkeypatch, DISCORD_TOKEN=TOKEN, **urls), core)
        try:
            assert started.summary.startswith("connected as ")
            assert "discord" in core.chats
        finally:
            await started.stop()
