"""Scheduled work: each channel's daily nudge at its local time, posted once per local day.

``tick(now)`` is the whole job: it finds the channels whose nudge is due, claims each in the
store's ledger (so two ticks, a restart or a second process cannot post the same day twice),
asks the core for the card and hands it to the channel's ``Chat``; the outcome is recorded.
A failed delivery is retried on a later tick of the same local day.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.model import Channel, Place
from bot.ports import Chat, Store
from bot.practice import Practice

log = logging.getLogger("ballback.scheduler")


@dataclass(frozen=True, slots=True)
class Delivery:
    """What one tick did for one channel."""

    place: Place
    local_date: date
    sent: bool
    error: str = ""


def nudge_due(channel: Channel, now: datetime) -> date | None:
    """The channel's local date when its nudge is due at ``now``, else None."""
    local = now.astimezone(ZoneInfo(channel.timezone))
    if local.weekday() in channel.weekdays and local.time() >= channel.nudge_time:
        return local.date()
    return None


def nudge_instants(channel: Channel, start: datetime, end: datetime) -> list[datetime]:
    """Every instant in (start, end] at which the channel's nudge falls due, in order."""
    zone = ZoneInfo(channel.timezone)
    day = start.astimezone(zone).date()
    last = end.astimezone(zone).date()
    instants = []
    while day <= last:
        if day.weekday() in channel.weekdays:
            # A nudge time inside a DST gap resolves like zoneinfo does (the earlier offset).
            instant = datetime.combine(day, channel.nudge_time, zone)
            if start < instant <= end:
                instants.append(instant)
        day += timedelta(days=1)
    return instants


class Scheduler:
    """Runs due work through the store's ledger and the adapters' ``Chat`` ports."""

    def __init__(
        self, store: Store, practice: Practice, chats: Mapping[str, Chat], clock: Clock
    ) -> None:
        self.store = store
        self.practice = practice
        self.chats = dict(chats)
        self.clock = clock

    async def tick(self, now: datetime | None = None) -> list[Delivery]:
        """Post every nudge that is due at ``now`` and not yet posted today."""
        now = now or self.clock.now()
        async with self.store.transaction() as tx:
            channels = [c for c in await tx.list_channels() if c.place.platform in self.chats]
        deliveries = []
        for channel in channels:
            local_date = nudge_due(channel, now)
            if local_date is None:
                continue
            delivery = await self._deliver(channel.place, local_date, now)
            if delivery is not None:
                deliveries.append(delivery)
        return deliveries

    async def _deliver(self, place: Place, local_date: date, now: datetime) -> Delivery | None:
        async with self.store.transaction() as tx:
            if not await tx.claim_nudge(place, local_date, now):
                return None
        try:
            card = await self.practice.channel_nudge(place, local_date)
            ref = await self.chats[place.platform].post(place, card)
        except Exception as exc:  # any failure: record it, keep the loop alive, retry later
            log.warning(
                "nudge for %s/%s on %s not delivered: %s",
                place.platform,
                place.channel,
                local_date,
                exc,
            )
            async with self.store.transaction() as tx:
                await tx.finish_nudge(place, local_date, sent=False, now=now)
            return Delivery(place, local_date, sent=False, error=str(exc))
        async with self.store.transaction() as tx:
            await tx.finish_nudge(place, local_date, sent=True, now=now, message_ref=ref)
        return Delivery(place, local_date, sent=True)

    async def advance(self, start: datetime, end: datetime) -> list[Delivery]:
        """Run everything due in (start, end], in time order, then a tick at ``end``.

        The console uses this when its simulated clock jumps forward over several days.
        """
        async with self.store.transaction() as tx:
            channels = [c for c in await tx.list_channels() if c.place.platform in self.chats]
        instants = sorted({i for c in channels for i in nudge_instants(c, start, end)})
        deliveries = []
        for instant in instants:
            deliveries += await self.tick(instant)
        return deliveries + await self.tick(end)

    async def run(self, stop: asyncio.Event, interval: float = 30.0) -> None:
        """Tick every ``interval`` seconds until ``stop`` is set."""
        while not stop.is_set():
            try:
                await self.tick()
            except Exception:  # a broken tick must not end the bot; the next one retries
                log.exception("scheduler tick failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=interval)
