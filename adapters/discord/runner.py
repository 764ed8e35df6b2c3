"""Starting the Discord adapter: the gateway client, its ``Chat``, and the invite link."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

import discord
import yarl

from adapters.discord.app import BallbackClient, DiscordContext
from adapters.discord.chat import GAP_SECONDS, PACE_SECONDS, DiscordChat
from bot.delivery import Courier
from bot.practice import Practice
from bot.rounds import Rounds

log = logging.getLogger("ballback.discord")

INVITE_SCOPES = "bot applications.commands"


def invite_permissions() -> discord.Permissions:
    """The least the bot needs: see the channel, post embeds with buttons, and open private
    threads it can post in and add members to (the creator of a private thread may add
    members; Manage Threads is not needed). No mention, no message-content access."""
    return discord.Permissions(
        view_channel=True,
        send_messages=True,
        embed_links=True,
        create_private_threads=True,
        send_messages_in_threads=True,
    )


def invite_url(app_id: str | int) -> str:
    """The OAuth2 URL that adds the bot with its slash commands and minimum permissions."""
    query = urlencode(
        {
            "client_id": str(app_id),
            "scope": INVITE_SCOPES,
            "permissions": str(invite_permissions().value),
        },
        quote_via=quote,
    )
    return f"https://discord.com/oauth2/authorize?{query}"


@dataclass
class DiscordAdapter:
    """The running pieces of the Discord adapter."""

    client: BallbackClient
    chat: DiscordChat
    context: DiscordContext
    token: str
    task: asyncio.Task[None] | None = field(default=None)


def point_at(api_url: str | None = None, gateway_url: str | None = None) -> None:
    """Send discord.py's REST and gateway traffic elsewhere (a fake or a proxy).

    Both are class attributes, read on every request and connection, so they hold for the
    whole process (``BALLBACK_DISCORD_API_URL`` / ``BALLBACK_DISCORD_GATEWAY_URL``).
    """
    if api_url:
        discord.http.Route.BASE = api_url.rstrip("/")
    if gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)


def build_adapter(
    practice: Practice,
    rounds: Rounds,
    courier: Courier,
    *,
    token: str,
    api_url: str | None = None,
    gateway_url: str | None = None,
    guild_ids: Sequence[int] = (),
    sync_commands: bool = True,
    guild_ready_timeout: float = 2.0,
    pace_seconds: float = PACE_SECONDS,
    gap_seconds: float = GAP_SECONDS,
    message_content: bool = False,
) -> DiscordAdapter:
    """Client, ``Chat`` and context, wired to the shared core (not connected yet).

    ``pace_seconds`` and ``gap_seconds`` pace the ``Chat``'s sends (per channel and between
    any two; tests pass 0). ``message_content`` asks for the privileged intent, so the
    automatic observer can read practice threads (with the group's consent)."""
    point_at(api_url, gateway_url)
    context = DiscordContext(practice, rounds, courier)
    client = BallbackClient(
        context,
        guild_ids=guild_ids,
        sync_commands=sync_commands,
        guild_ready_timeout=guild_ready_timeout,
        message_content=message_content,
    )
    chat = DiscordChat(client, pace_seconds=pace_seconds, gap_seconds=gap_seconds)
    return DiscordAdapter(client, chat, context, token)


async def start(adapter: DiscordAdapter, *, timeout: float = 30.0) -> None:
    """Log in, connect in the background (reconnecting on drops) and wait until ready."""
    await adapter.client.login(adapter.token)
    adapter.task = asyncio.create_task(adapter.client.connect(reconnect=True), name="discord")
    ready = asyncio.create_task(adapter.client.wait_until_ready())
    done, _ = await asyncio.wait(
        {ready, adapter.task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
    )
    if ready not in done:
        ready.cancel()
        if adapter.task in done:
            adapter.task.result()  # raises LoginFailure, PrivilegedIntentsRequired, …
        raise TimeoutError(f"Discord was not ready within {timeout}s")
    log.info("Discord adapter connected as %s", adapter.client.user)


async def stop(adapter: DiscordAdapter) -> None:
    """Close the gateway connection and the HTTP session."""
    await adapter.client.close()
    if adapter.task is not None:
        try:
            await asyncio.wait_for(adapter.task, 10.0)
        except (TimeoutError, asyncio.CancelledError):
            adapter.task.cancel()
        except Exception as exc:  # the connection's last error: we are stopping anyway
            log.info("Discord connection ended: %s", exc)
        adapter.task = None


async def serve(adapter: DiscordAdapter) -> Callable[[], Awaitable[None]]:
    """Start the adapter; return the coroutine function that stops it (like the Slack runner's
    ``serve_http``, for ``bot.cli``)."""
    await start(adapter)

    async def stopper() -> None:
        await stop(adapter)

    return stopper
