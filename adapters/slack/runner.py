"""Starting the Slack adapter: client, app, HTTP server or Socket Mode."""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from adapters.slack.app import SlackContext, build_app
from adapters.slack.chat import SlackChat
from adapters.slack.http import events_app
from bot.delivery import Courier
from bot.practice import Practice
from bot.registry import COMMANDS
from bot.rounds import Rounds

log = logging.getLogger("ballback.slack")

EVENTS_PATH = "/slack/events"


class SocketModeError(Exception):
    """Socket Mode could not start (the message names Slack's error, never the token)."""


def make_client(token: str, api_url: str | None = None) -> Any:
    """An ``AsyncWebClient`` that waits out 429s (``Retry-After``) instead of failing."""
    from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
    from slack_sdk.web.async_client import AsyncWebClient

    client = AsyncWebClient(token=token, base_url=api_url or AsyncWebClient.BASE_URL)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=3))
    return client


@dataclass
class SlackAdapter:
    """The running pieces of the Slack adapter."""

    app: Any
    chat: SlackChat
    context: SlackContext
    api_url: str | None = None  # the Web API the bot (and Socket Mode's connect call) talk to
    signed: bool = True  # built with a signing secret: only then may it serve HTTP
    signing_secret: str | None = field(default=None, repr=False)  # never in a log line


def build_adapter(
    practice: Practice,
    rounds: Rounds,
    courier: Courier,
    *,
    token: str,
    signing_secret: str | None,
    api_url: str | None = None,
    pace_seconds: float = 1.0,
    posts_per_minute: float | None = 300.0,
    process_before_response: bool = False,
) -> SlackAdapter:
    """Client, ``Chat`` and app, wired to the shared core.

    ``signing_secret`` may be ``None`` only for Socket Mode, where Slack's requests arrive over
    the app's own WebSocket instead of as signed HTTP requests.
    """
    client = make_client(token, api_url)
    chat = SlackChat(client, pace_seconds=pace_seconds, posts_per_minute=posts_per_minute)
    context = SlackContext(practice, rounds, chat, courier)
    app = build_app(
        context,
        # Without a secret, bolt still gets one nobody knows (not "", which anyone can sign
        # with), so an HTTP request could never pass verification; bolt skips verification
        # for Socket Mode requests, and serve_http refuses such an adapter anyway.
        signing_secret=signing_secret if signing_secret is not None else secrets.token_hex(32),
        client=client,
        process_before_response=process_before_response,
    )
    return SlackAdapter(
        app,
        chat,
        context,
        api_url=api_url,
        signed=signing_secret is not None,
        signing_secret=signing_secret,
    )


async def serve_http(adapter: SlackAdapter, host: str, port: int) -> Callable[[], Awaitable[None]]:
    """Serve events, commands and interactivity on ``http://host:port/slack/events``;
    return the coroutine that stops the server."""
    from aiohttp import web

    if not adapter.signed:
        raise ValueError("HTTP mode verifies Slack's signatures: build the adapter with one")
    runner = web.AppRunner(events_app(adapter, EVENTS_PATH))
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    log.info("Slack adapter listening on %s:%s%s", host, port, EVENTS_PATH)
    return runner.cleanup


async def serve_socket_mode(adapter: SlackAdapter, app_token: str) -> Callable[[], Awaitable[None]]:
    """Connect over Socket Mode (development: no public URL needed); return the coroutine that
    disconnects. Raises :class:`SocketModeError` when Slack refuses ``apps.connections.open``."""
    from aiohttp import ClientError
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
    from slack_sdk.errors import SlackApiError

    # apps.connections.open takes the app-level token and must go to the configured Web API
    # (BALLBACK_SLACK_API_URL), like every bot call; a 429 is waited out there as well.
    web_client = make_client(app_token, adapter.api_url)
    # The first URL is asked for here, so a refused token stops start-up with a message
    # instead of the Socket Mode client's endless "Failed to connect; Retrying..." loop.
    try:
        opened = await web_client.apps_connections_open(app_token=app_token)
    except SlackApiError as exc:
        error = exc.response.get("error")
        raise SocketModeError(f"Slack refused apps.connections.open ({error})") from None
    except (ClientError, OSError) as exc:
        raise SocketModeError(
            f"cannot reach Slack for Socket Mode ({type(exc).__name__})"
        ) from None
    handler = AsyncSocketModeHandler(adapter.app, app_token, web_client=web_client)
    client = handler.client
    client.wss_uri = opened["url"]  # connect() asks for a new URL only when it has none
    await handler.connect_async()
    log.info("Slack adapter connected over Socket Mode")

    async def stop() -> None:
        await handler.close_async()
        # close() only cancels the client's receive, monitor and queue tasks: wait for them,
        # so none is left pending when the loop closes.
        tasks = [
            task
            for task in (client.message_receiver, client.current_session_monitor)
            if task is not None
        ] + [client.message_processor]
        await asyncio.gather(*tasks, return_exceptions=True)
        log.info("Slack adapter disconnected from Socket Mode")

    return stop


def usage_hint() -> str:
    """``/practice``'s usage hint in Slack's command menu: every command of the registry."""
    return " | ".join(COMMANDS.names())


def manifest(base_url: str | None, name: str = "ballback") -> dict[str, Any]:
    """An app manifest that creates the Slack app in one step: for HTTP mode at a public
    ``base_url``, or for Socket Mode when ``base_url`` is None (no request URLs then)."""
    url = None if base_url is None else base_url.rstrip("/") + EVENTS_PATH
    command: dict[str, Any] = {
        "command": "/practice",
        "description": "Today's skill, pair practice, reflections and your streak",
        "usage_hint": usage_hint(),
        "should_escape": True,
    }
    # message.mpim: what a pair types in their practice space (a group DM), for the automatic
    # observer; read only once everyone in the group agreed (/practice observe live).
    events: dict[str, Any] = {"bot_events": ["app_home_opened", "message.mpim"]}
    interactivity: dict[str, Any] = {"is_enabled": True}
    if url is not None:
        command["url"] = events["request_url"] = interactivity["request_url"] = url
    return {
        "display_information": {
            "name": name,
            "description": "Practise conversation skills a few minutes a day: give the ball back.",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": True,
            },
            "bot_user": {"display_name": name, "always_online": False},
            "slash_commands": [command],
        },
        "oauth_config": {
            "scopes": {
                "bot": [
                    "chat:write",
                    "commands",
                    "files:write",  # exports and streak pictures reach members' DMs as files
                    "im:write",
                    "mpim:history",  # the automatic observer's live reading (with consent)
                    "mpim:write",
                    "users:read",
                ]
            }
        },
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": url is None,
            "token_rotation_enabled": False,
        },
    }
