"""The ``Chat`` port on Slack: channel posts, DMs, and group DMs as practice spaces."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from typing import Any

from adapters.slack.render import card_blocks, card_text
from bot.messages import Card
from bot.model import MemberRef, Place
from bot.ports import DeliveryError

log = logging.getLogger("ballback.slack")


class SlackChat:
    """Delivers cards through the Web API client (which retries 429s after Retry-After).

    Posts to one conversation are paced (Slack allows about one message per second per
    channel), so a daily fan-out never bursts into rate limits.
    """

    platform = "slack"
    private_needs_consent = False  # a DM from the app is how Slack apps talk to one member

    def __init__(self, client: Any, *, pace_seconds: float = 1.0) -> None:
        self.client = client
        self.pace_seconds = pace_seconds
        self._last_post: dict[str, float] = {}
        self._dm: dict[str, str] = {}
        self._lock = asyncio.Lock()

    async def _pace(self, conversation: str) -> None:
        async with self._lock:
            wait = self._last_post.get(conversation, 0.0) + self.pace_seconds - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self._last_post[conversation] = time.monotonic()

    async def _send(self, conversation: str, card: Card) -> str:
        from slack_sdk.errors import SlackApiError

        await self._pace(conversation)
        try:
            response = await self.client.chat_postMessage(
                channel=conversation,
                text=card_text(card),
                blocks=card_blocks(card),
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            raise DeliveryError(
                f"Slack refused chat.postMessage: {exc.response.get('error')}"
            ) from exc
        except OSError as exc:
            raise DeliveryError(f"Slack could not be reached: {exc}") from exc
        return str(response.get("ts", ""))

    async def post(self, place: Place, card: Card) -> str:
        """Post a card in the channel."""
        return await self._send(place.channel, card)

    async def send_private(self, place: Place, member: MemberRef, card: Card) -> str:
        """Send a card to the member's DM with the app (kept, unlike an ephemeral message)."""
        channel = self._dm.get(member.user)
        if channel is None:
            channel = await self._open([member.user])
            self._dm[member.user] = channel
        return await self._send(channel, card)

    async def open_space(self, place: Place, members: Sequence[MemberRef], title: str) -> str:
        """A group DM with the pair or trio (conversations.open takes 2–8 users)."""
        return await self._open([m.user for m in members])

    async def post_in_space(self, place: Place, space: str, card: Card) -> str:
        """Post a card in the group DM."""
        return await self._send(space, card)

    async def _open(self, users: list[str]) -> str:
        from slack_sdk.errors import SlackApiError

        try:
            response = await self.client.conversations_open(users=",".join(users))
        except SlackApiError as exc:
            raise DeliveryError(
                f"Slack refused conversations.open: {exc.response.get('error')}"
            ) from exc
        return str(response["channel"]["id"])
