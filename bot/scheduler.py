"""Scheduled work per channel and local day: the nudge, the pairing round, the reminder.

``tick(now)`` is the whole job: it finds the channels whose work is due, claims each piece in
the store (so two ticks, a restart or a second process cannot do the same day's work twice),
asks the core for the messages and hands them to the channel's ``Chat``. The nudge's outcome
is recorded; a failed nudge is retried on a later tick of the same local day.
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
from bot.delivery import Courier
from bot.model import Channel, Place
from bot.ports import Chat, Store
from bot.practice import Practice
from bot.rounds import REMINDER_DELAY, Rounds, reminder_due

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


def pairing_due(channel: Channel, now: datetime) -> date | None:
    """The channel's local date when its round is due for pairing at ``now``, else None."""
    local = now.astimezone(ZoneInfo(channel.timezone))
    if local.weekday() in channel.weekdays and local.time() >= channel.pairing_time:
        return local.date()
    return None


def nudge_instants(channel: Channel, start: datetime, end: datetime) -> list[datetime]:
    """Every instant in (start, end] at which some work of the channel falls due, in order:
    the nudge, the pairing and the outcome reminder of each of its days."""
    zone = ZoneInfo(channel.timezone)
    day = start.astimezone(zone).date()
    last = end.astimezone(zone).date()
    instants = []
    while day <= last:
        if day.weekday() in channel.weekdays:
            # A time inside a DST gap resolves like zoneinfo does (the earlier offset).
            paired = datetime.combine(day, channel.pairing_time, zone)
            for instant in (
                datetime.combine(day, channel.nudge_time, zone),
                paired,
                paired + REMINDER_DELAY,
            ):
                if start < instant <= end:
                    instants.append(instant)
        day += timedelta(days=1)
    return sorted(instants)


class Scheduler:
    """Runs due work through the store's ledger and the adapters' ``Chat`` ports."""

    def __init__(
        self,
        store: Store,
        practice: Practice,
        chats: Mapping[str, Chat],
        clock: Clock,
        rounds: Rounds | None = None,
    ) -> None:
        self.store = store
        self.practice = practice
        self.rounds = rounds or Rounds(practice)
        self.chats = dict(chats)
        self.clock = clock
        self.courier = Courier(store, self.chats)

    async def tick(self, now: datetime | None = None) -> list[Delivery]:
        """Post every nudge that is due at ``now`` and not yet posted today."""
        now = now or self.clock.now()
        async with self.store.transaction() as tx:
            channels = [c for c in await tx.list_channels() if c.place.platform in self.chats]
        deliveries = []
        for channel in channels:
            local_date = nudge_due(channel, now)
            if local_date is not None:
                delivery = await self._deliver(channel.place, local_date, now)
                if delivery is not None:
                    deliveries.append(delivery)
            round_date = pairing_due(channel, now)
            if round_date is not None:
                await self.courier.deliver(await self.rounds.pair(channel.place, round_date))
            remind_date = reminder_due(channel, now)
            if remind_date is not None:
                await self.courier.deliver(await self.rounds.remind(channel.place, remind_date))
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
