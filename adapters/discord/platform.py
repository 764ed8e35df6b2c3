"""Discord as a :class:`bot.platform.Platform`: which settings it needs, and how it starts.

Cheap to import: discord.py and the runner are imported by :meth:`DiscordPlatform.start` only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.platform import AdapterError, Capability, Core, Readiness, url_origin

if TYPE_CHECKING:
    from bot.settings import Settings

SETTINGS = {
    "DISCORD_TOKEN": "the bot's token, from the Discord developer portal",
    "BALLBACK_DISCORD_API_URL": "a Discord-compatible REST API instead of discord.com",
    "BALLBACK_DISCORD_GATEWAY_URL": "a Discord-compatible gateway instead of Discord's",
}


@dataclass
class StartedDiscord:
    summary: str
    adapter: Any  # adapters.discord.runner.DiscordAdapter

    async def stop(self) -> None:
        from adapters.discord.runner import stop

        await stop(self.adapter)


class DiscordPlatform:
    name = "discord"
    settings = SETTINGS
    capabilities = frozenset(
        {Capability.PRIVATE_MESSAGES_NEED_CONSENT, Capability.PRIVATE_THREADS, Capability.FORMS}
    )

    def check(self, settings: Settings) -> Readiness:
        if settings.discord_token is None:
            return Readiness(False, reason="DISCORD_TOKEN")
        return Readiness(True)

    async def start(self, settings: Settings, core: Core) -> StartedDiscord:
        import aiohttp
        import discord

        from adapters.discord.runner import build_adapter, start, stop

        assert settings.discord_token is not None
        quiet_voice_warnings()
        adapter = build_adapter(
            core.practice,
            core.rounds,
            core.courier,
            token=settings.discord_token.get_secret_value(),
            api_url=settings.discord_api_url,
            gateway_url=settings.discord_gateway_url,
            message_content=settings.discord_message_content,
        )
        core.chats[adapter.chat.platform] = adapter.chat
        try:
            await start(adapter)
        except BaseException as exc:
            await stop(adapter)  # closes the HTTP session a failed login leaves open
            if isinstance(exc, discord.LoginFailure):
                raise AdapterError("DISCORD_TOKEN: Discord refused the token") from None
            if isinstance(exc, discord.PrivilegedIntentsRequired):
                if settings.discord_message_content:
                    raise AdapterError(
                        "Discord refused the message-content intent that "
                        "BALLBACK_DISCORD_MESSAGE_CONTENT asks for: enable it under Bot > "
                        "Privileged Gateway Intents in the developer portal, or unset the setting"
                    ) from None
                raise AdapterError(
                    "Discord refused the gateway's intents: ballback asks for no privileged "
                    "intent, so check the application's settings in the developer portal"
                ) from None
            if isinstance(exc, discord.HTTPException):
                raise AdapterError(
                    f"Discord answered {exc.status} at login ({_where(settings)})"
                ) from None
            if isinstance(exc, aiohttp.ClientError | OSError | discord.GatewayNotFound):
                raise AdapterError(
                    f"cannot reach Discord at {_where(settings)} ({type(exc).__name__})"
                ) from None
            if isinstance(exc, TimeoutError):
                raise AdapterError(f"Discord's gateway did not get ready ({exc})") from None
            raise
        return StartedDiscord(f"connected as {adapter.client.user}", adapter)


def _voice_warning(record: logging.LogRecord) -> bool:
    return "voice will NOT be supported" not in str(record.msg)


def quiet_voice_warnings() -> None:
    """Drop discord.py's "PyNaCl is not installed, voice will NOT be supported" lines: ballback
    never joins a voice channel."""
    client_log = logging.getLogger("discord.client")
    if _voice_warning not in client_log.filters:
        client_log.addFilter(_voice_warning)


def _where(settings: Settings) -> str:
    urls = [settings.discord_api_url, settings.discord_gateway_url]
    named = [url_origin(url) for url in urls if url]
    return " and ".join(named) if named else "discord.com"


PLATFORM = DiscordPlatform()
