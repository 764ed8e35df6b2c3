"""Starting the Slack adapter: client, app, HTTP server or Socket Mode."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from adapters.slack.app import SlackContext, build_app
from adapters.slack.chat import SlackChat
from bot.delivery import Courier
from bot.practice import Practice
from bot.rounds import Rounds

log = logging.getLogger("ballback.slack")

EVENTS_PATH = "/slack/events"


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


def build_adapter(
    practice: Practice,
    rounds: Rounds,
    courier: Courier,
    *,
    token: str,
    signing_secret: str,
    api_url: str | None = None,
    pace_seconds: float = 1.0,
    process_before_response: bool = False,
) -> SlackAdapter:
    """Client, ``Chat`` and app, wired to the shared core."""
    client = make_client(token, api_url)
    chat = SlackChat(client, pace_seconds=pace_seconds)
    context = SlackContext(practice, rounds, chat, courier)
    app = build_app(
        context,
        signing_secret=signing_secret,
        client=client,
        process_before_response=process_before_response,
    )
    return SlackAdapter(app, chat, context)


async def serve_http(adapter: SlackAdapter, host: str, port: int) -> Callable[[], Awaitable[None]]:
    """Serve events, commands and interactivity on ``http://host:port/slack/events``;
    return the coroutine that stops the server."""
    from aiohttp import web

    runner = web.AppRunner(adapter.app.web_app(path=EVENTS_PATH))
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    log.info("Slack adapter listening on %s:%s%s", host, port, EVENTS_PATH)
    return runner.cleanup


async def serve_socket_mode(adapter: SlackAdapter, app_token: str) -> Callable[[], Awaitable[None]]:
    """Connect over Socket Mode (development: no public URL needed)."""
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    handler = AsyncSocketModeHandler(adapter.app, app_token)
    await handler.connect_async()
    log.info("Slack adapter connected over Socket Mode")
    return handler.close_async


def manifest(base_url: str, name: str = "ballback") -> dict[str, Any]:
    """An app manifest that creates the Slack app in one step for a public ``base_url``."""
    url = base_url.rstrip("/") + EVENTS_PATH
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
            "slash_commands": [
                {
                    "command": "/practice",
                    "url": url,
                    "description": "Today's skill, pair practice, reflections and your streak",
                    "usage_hint": "today | join | reflect | streak | settings | help",
                    "should_escape": True,
                }
            ],
        },
        "oauth_config": {
            "scopes": {
                "bot": [
                    "chat:write",
                    "commands",
                    "im:write",
                    "mpim:write",
                    "users:read",
                ]
            }
        },
        "settings": {
            "event_subscriptions": {"request_url": url, "bot_events": ["app_home_opened"]},
            "interactivity": {"is_enabled": True, "request_url": url},
            "org_deploy_enabled": False,
            "socket_mode_enabled": False,
            "token_rotation_enabled": False,
        },
    }
