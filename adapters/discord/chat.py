"""The ``Chat`` port on Discord: channel posts, DMs, and private threads as practice spaces."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from typing import Any

import discord

from adapters.discord.render import clip, send_kwargs
from bot.messages import Card
from bot.model import MemberRef, Place
from bot.ports import DeliveryError

log = logging.getLogger("ballback.discord")

DMS_CLOSED = 50007  # "Cannot send messages to this user"
THREAD_NAME_LIMIT = 100
THREAD_ARCHIVE_MINUTES = 1440
# Discord allows about 5 messages per 5 s in a channel and 50 requests per second in all.
PACE_SECONDS = 1.0
GAP_SECONDS = 0.05
FORGET_AFTER = 1024  # channels remembered before the free ones are forgotten


class DiscordChat:
    """Delivers cards through a logged-in ``discord.Client`` (discord.py waits out 429s).

    Every send has ``AllowedMentions.none()``: nothing ballback posts ever pings anyone.
    Sends are paced so the daily fan-out to many channels never bursts into 429s: at most one
    per ``pace_seconds`` in a channel (thread, DM) and ``gap_seconds`` between any two. A send
    reserves its slot at once, so a paced channel never holds up another one.
    """

    platform = "discord"
    # Discord flags bots that send unasked DMs: members get one only after `settings dms on`.
    private_needs_consent = True
    posts_per_minute = None  # paced here: per channel, and a gap between any two sends

    def __init__(
        self,
        client: discord.Client,
        *,
        pace_seconds: float = PACE_SECONDS,
        gap_seconds: float = GAP_SECONDS,
    ) -> None:
        self.client = client
        self.pace_seconds = pace_seconds
        self.gap_seconds = gap_seconds
        self._slots: list[float] = []  # reserved send times, for the global gap
        self._next_in: dict[str, float] = {}  # per channel: the next free send time

    async def _pace(self, channel_id: str) -> None:
        """Wait for this send's slot (reserved without awaiting, so no lock is needed)."""
        now = time.monotonic()
        slot = self._reserve(channel_id, now)
        if slot > now:
            await asyncio.sleep(slot - now)

    def _reserve(self, channel_id: str, now: float) -> float:
        """The earliest time at or after the channel's next free one that keeps
        ``gap_seconds`` from every other reserved send; reserved."""
        gap = self.gap_seconds
        slot = max(now, self._next_in.get(channel_id, 0.0))
        if gap > 0:
            self._slots = sorted(taken for taken in self._slots if taken > now - gap)
            for taken in self._slots:
                if slot + gap <= taken:
                    break
                slot = max(slot, taken + gap)
            self._slots.append(slot)
        if self.pace_seconds > 0:
            if len(self._next_in) > FORGET_AFTER:
                self._next_in = {key: at for key, at in self._next_in.items() if at > now}
            self._next_in[channel_id] = slot + self.pace_seconds
        return slot

    async def _channel(self, channel_id: str) -> Any:
        channel = self.client.get_channel(int(channel_id))
        if channel is None:
            try:
                channel = await self.client.fetch_channel(int(channel_id))
            except discord.HTTPException as exc:
                raise DeliveryError(
                    f"Discord channel unavailable: {exc.status}", permanent=exc.status in (403, 404)
                ) from exc
        return channel

    async def _send(self, target: Any, card: Card, place: Place, nonce: str | None) -> str:
        await self._pace(str(getattr(target, "id", "")))
        extra: dict[str, Any] = {}
        if nonce is not None:
            # discord.py sends enforce_nonce with it: a retry with the same nonce shortly after
            # returns the message already created instead of a second one.
            extra["nonce"] = nonce
        try:
            message = await target.send(**send_kwargs([card], place), **extra)
        except discord.Forbidden as exc:
            raise DeliveryError(f"Discord refused the message: {exc.code}", permanent=True) from exc
        except discord.NotFound as exc:
            raise DeliveryError(f"Discord has no such channel: {exc.code}", permanent=True) from exc
        except discord.HTTPException as exc:
            raise DeliveryError(f"Discord failed the message: {exc.status} {exc.code}") from exc
        except OSError as exc:
            raise DeliveryError(f"Discord could not be reached: {exc}") from exc
        return str(message.id)

    async def post(self, place: Place, card: Card, *, nonce: str | None = None) -> str:
        """Post a card (embed + buttons) in the channel."""
        return await self._send(await self._channel(place.channel), card, place, nonce)

    async def send_private(
        self, place: Place, member: MemberRef, card: Card, *, nonce: str | None = None
    ) -> str:
        """Send a card as a DM. Closed DMs (403/50007) raise ``DeliveryError``: the member
        still has ``/practice brief``."""
        try:
            dm = await self.client.create_dm(discord.Object(int(member.user)))
        except discord.HTTPException as exc:
            raise DeliveryError(
                f"Discord refused the DM channel: {exc.status}", permanent=exc.status in (403, 404)
            ) from exc
        try:
            return await self._send(dm, card, place, nonce)
        except DeliveryError:
            log.info("a member's DMs are closed or failed; the card was not delivered")
            raise

    async def open_space(self, place: Place, members: Sequence[MemberRef], title: str) -> str:
        """A private thread (type 12) in the practice channel with the members added."""
        channel = await self._channel(place.channel)
        try:
            thread = await channel.create_thread(
                name=clip(title or "practice", THREAD_NAME_LIMIT),
                type=discord.ChannelType.private_thread,
                invitable=False,
                auto_archive_duration=THREAD_ARCHIVE_MINUTES,
            )
            for member in members:
                await thread.add_user(discord.Object(int(member.user)))
        except discord.HTTPException as exc:
            raise DeliveryError(f"Discord refused the thread: {exc.status} {exc.code}") from exc
        return str(thread.id)

    async def post_in_space(
        self, place: Place, space: str, card: Card, *, nonce: str | None = None
    ) -> str:
        """Post a card in the practice thread."""
        return await self._send(await self._channel(space), card, place, nonce)
