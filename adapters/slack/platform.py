"""Slack as a :class:`bot.platform.Platform`: which settings it needs, and how it starts.

Cheap to import: the SDK and the runner are imported by :meth:`SlackPlatform.start` only.
"""

from __future__ import annotations

import errno
import logging
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.platform import AdapterError, Capability, Core, Readiness, present, url_origin

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from bot.settings import Settings

SETTINGS = {
    "SLACK_BOT_TOKEN": "the bot's token (xoxb-…): ballback posts and reads with it",
    "SLACK_SIGNING_SECRET": "verifies Slack's requests (HTTP mode)",
    "SLACK_APP_TOKEN": "an app-level token (xapp-…) for Socket Mode, instead of a public URL",
    "BALLBACK_SLACK_HOST": "the address to listen on in HTTP mode (default 0.0.0.0)",
    "BALLBACK_SLACK_PORT": "the port to listen on in HTTP mode (default 3000)",
    "BALLBACK_SLACK_API_URL": "a Slack-compatible Web API instead of slack.com",
    "BALLBACK_SLACK_POSTS_PER_MINUTE": "messages a minute into one workspace (default 300)",
}


@dataclass
class StartedSlack:
    summary: str
    _stop: Callable[[], Awaitable[None]]

    async def stop(self) -> None:
        await self._stop()


class SlackPlatform:
    name = "slack"
    settings = SETTINGS
    capabilities = frozenset({Capability.GROUP_MESSAGES, Capability.HOME_TAB, Capability.FORMS})

    def check(self, settings: Settings) -> Readiness:
        if not present(settings, "slack_bot_token", "slack_signing_secret", "slack_app_token"):
            return Readiness(
                False, reason="SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN"
            )
        if settings.slack_bot_token is None:
            return Readiness(
                True,
                ("SLACK_BOT_TOKEN",),
                "SLACK_BOT_TOKEN is missing: the bot's token is needed to post in Slack",
            )
        if settings.slack_signing_secret is None and settings.slack_app_token is None:
            return Readiness(
                True,
                ("SLACK_SIGNING_SECRET or SLACK_APP_TOKEN",),
                "SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) is missing: "
                "with SLACK_BOT_TOKEN alone ballback cannot receive Slack's requests",
            )
        if settings.slack_app_token is not None:
            return Readiness(True, reason="Socket Mode")
        return Readiness(True, reason=f"HTTP mode on {settings.slack_host}:{settings.slack_port}")

    async def start(self, settings: Settings, core: Core) -> StartedSlack:
        from adapters.slack.runner import (
            EVENTS_PATH,
            SocketModeError,
            build_adapter,
            serve_http,
            serve_socket_mode,
        )

        quiet_client_warning()
        token, secret = settings.slack_bot_token, settings.slack_signing_secret
        app_token = settings.slack_app_token
        assert token is not None and (secret is not None or app_token is not None)
        adapter = build_adapter(
            core.practice,
            core.rounds,
            core.courier,
            token=token.get_secret_value(),
            # Socket Mode needs no signing secret (its requests are not signed HTTP requests).
            signing_secret=secret.get_secret_value() if secret is not None else None,
            api_url=settings.slack_api_url,
            posts_per_minute=settings.slack_posts_per_minute,
        )
        core.chats[adapter.chat.platform] = adapter.chat
        if app_token is not None:
            await _verify(adapter.app.client, settings.slack_api_url)
            try:
                stop = await serve_socket_mode(adapter, app_token.get_secret_value())
            except SocketModeError as exc:
                raise AdapterError(f"SLACK_APP_TOKEN: {exc}") from None
            return StartedSlack("Socket Mode", stop)
        host, port = settings.slack_host, settings.slack_port
        try:
            stop = await serve_http(adapter, host, port)
        except OSError as exc:
            raise AdapterError(_listen_problem(exc, host, port)) from None
        try:
            await _verify(adapter.app.client, settings.slack_api_url)
        except BaseException:
            await stop()
            raise
        return StartedSlack(f"HTTP mode on {host}:{port}{EVENTS_PATH}", stop)


def _client_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("As you gave `client` as well")


def quiet_client_warning() -> None:
    """Drop bolt's "`token` will be unused" warning: bolt reads SLACK_BOT_TOKEN from the
    environment itself, and ballback hands it a client built with that token on purpose."""
    bolt = logging.getLogger("slack_bolt.AsyncApp")
    if _client_warning not in bolt.filters:
        bolt.addFilter(_client_warning)


def _listen_problem(exc: OSError, host: str, port: int) -> str:
    """One line on why the HTTP server could not listen on ``host:port``."""
    if isinstance(exc, socket.gaierror):
        return f"BALLBACK_SLACK_HOST: cannot listen on {host!r}: the name does not resolve"
    if exc.errno == errno.EADDRINUSE:
        return f"BALLBACK_SLACK_PORT: port {port} on {host} is already in use"
    reason = exc.strerror or type(exc).__name__
    return f"BALLBACK_SLACK_HOST/BALLBACK_SLACK_PORT: cannot listen on {host}:{port} ({reason})"


async def _verify(client: Any, api_url: str | None) -> None:
    """``auth.test``: Slack is reachable and knows the bot token (a start fails here rather than
    at the first nudge)."""
    from aiohttp import ClientError
    from slack_sdk.errors import SlackApiError

    try:
        await client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error")
        raise AdapterError(f"SLACK_BOT_TOKEN: Slack refused auth.test ({error})") from None
    except (ClientError, OSError, TimeoutError) as exc:
        where = f"BALLBACK_SLACK_API_URL {url_origin(api_url)}" if api_url else "slack.com"
        raise AdapterError(f"cannot reach Slack at {where} ({type(exc).__name__})") from None


PLATFORM = SlackPlatform()
