"""Today's skill and scenario: what a member asks for, what the scheduler posts, and a preview
that writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot.cards import nudge_card, scenario_cards
from bot.messages import Card, Reply
from bot.model import (
    Actor,
    Channel,
    Cohort,
    DailyPick,
    Place,
)
from bot.ports import Tx
from bot.rules.schedule import is_practice_day
from bot.usecases.context import Context
from bot.usecases.picks import HISTORY_FOR_SCENARIOS, decide_pick, week_ahead


@dataclass(frozen=True)
class _Walk:
    """Where ``Daily._walk`` ended: the picks it made, the channel with its bag moved on, the
    history the next pick sees, and the channel's cohort."""

    made: dict[date, DailyPick]
    current: Channel
    history: list[DailyPick]
    cohort: Cohort | None


class Daily:
    """Today's pick: shown, previewed, posted as the nudge, and its scenario."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    async def pick_for(self, place: Place, local_date: date | None = None) -> DailyPick:
        """The channel's pick for ``local_date`` (default: its local today); created once.

        Creating a pick advances the channel's bag of skills; asking again returns the same pick.
        """
        async with self.ctx.store.transaction() as tx:
            channel = await self.ctx.channel_in(tx, place)
            return await self.ctx.picks.pick_in(
                tx, place, local_date or self.ctx.local_date(channel)
            )

    async def preview_pick(
        self, place: Place, local_date: date | None = None
    ) -> tuple[DailyPick, Channel]:
        """The pick the channel will have on ``local_date`` (default: its local today) and the
        channel, worked out without writing anything: a stored pick as it is; else the picks
        still to come are decided in memory, one per practice day from today on (each day's
        nudge makes one), up to that day. A preview moves no channel's bag of skills."""
        async with self.ctx.store.read() as tx:
            return await self._preview(tx, place, local_date)

    async def _preview(
        self, tx: Tx, place: Place, local_date: date | None
    ) -> tuple[DailyPick, Channel]:
        stored_channel = await tx.channels.get(place)
        channel = stored_channel or self.ctx.default_channel(place)
        day = local_date or self.ctx.local_date(channel)
        stored = await tx.picks.get(place, day)
        if stored is not None:
            return stored, channel
        # The nudges before that day make their picks first; then the day's own.
        walk = await self._walk(tx, stored_channel, channel, day - timedelta(days=1))
        pick, _ = decide_pick(self.ctx.catalog, walk.current, day, walk.history, walk.cohort)
        return pick, channel

    async def calendar(
        self, place: Place, first: date, days: int
    ) -> tuple[tuple[DailyPick, ...], Channel]:
        """The picks of the channel's practice days from ``first`` for ``days`` days and the
        channel: stored picks as they are, the ones to come as their nudges will make them
        (``preview_pick`` for each); nothing is written."""
        last = first + timedelta(days=max(days, 1) - 1)
        async with self.ctx.store.read() as tx:
            made, channel = await self._to_come(tx, place, last)
            picks = []
            for offset in range((last - first).days + 1):
                day = first + timedelta(days=offset)
                pick = made.get(day) or await tx.picks.get(place, day)
                if pick is not None:
                    picks.append(pick)
        return tuple(picks), channel

    async def _to_come(
        self, tx: Tx, place: Place, last: date
    ) -> tuple[dict[date, DailyPick], Channel]:
        # The picks the nudges of the practice days until ``last`` will make, in memory.
        stored_channel = await tx.channels.get(place)
        channel = stored_channel or self.ctx.default_channel(place)
        return (await self._walk(tx, stored_channel, channel, last)).made, channel

    async def _walk(
        self, tx: Tx, stored_channel: Channel | None, channel: Channel, last: date
    ) -> _Walk:
        """The picks each practice day's nudge will make from today (or the day after the last
        stored pick) until ``last``, decided in memory as the nudges will decide them."""
        place = channel.place
        history = list(await tx.picks.recent(place, HISTORY_FOR_SCENARIOS))
        offdays = tuple(await tx.offdays.list(place)) if stored_channel else ()
        cohort = await tx.cohorts.get(place) if stored_channel else None
        today = self.ctx.local_date(channel)
        current = channel
        step = max(today, history[-1].local_date + timedelta(days=1)) if history else today
        made: dict[date, DailyPick] = {}
        while step <= last:
            if is_practice_day(current, step, offdays):
                pick, rotation = decide_pick(self.ctx.catalog, current, step, history, cohort)
                history.append(pick)
                current = replace(current, rotation=rotation)
                made[step] = pick
            step += timedelta(days=1)
        return _Walk(made, current, history, cohort)

    async def channel_nudge(self, place: Place, local_date: date) -> Card:
        """The nudge the scheduler posts for a channel's local date, in the channel's language."""
        async with self.ctx.store.transaction() as tx:
            channel = await self.ctx.channel_in(tx, place)
            pick = await self.ctx.picks.pick_in(tx, place, local_date)
            moved = await tx.channels.get(place) or channel  # its bag after the pick
        week = week_ahead(self.ctx.catalog, moved, pick)
        return nudge_card(self.ctx.catalog, pick, channel.language, week)

    async def _enrol(self, place: Place) -> None:
        # The first use of ballback in a channel starts its daily nudges, also when it is a
        # question; the channel row is all that is written, with its bag untouched.
        async with self.ctx.store.transaction() as tx:
            await self.ctx.channel_in(tx, place)

    async def today(self, actor: Actor, place: Place) -> Reply:
        """Today's pick for the channel, shown in the member's language. It only reads (the
        pick the day's nudge will make, or made; no step of the bag), except that a channel's
        first use enrols it."""
        async with self.ctx.store.read() as tx:
            pick, channel = await self._preview(tx, place, None)
            member = await tx.members.get(actor.ref)
            known = await tx.channels.get(place) is not None
        if not known:
            await self._enrol(place)
        t = self.ctx.texts_for(member, channel)
        return Reply(cards=(nudge_card(self.ctx.catalog, pick, t.lang),))

    async def scenario(self, actor: Actor, place: Place) -> Reply:
        """Today's scenario as anyone may read it before pairing: the situation and the
        helper's side, never the issue-bringer's brief; reads only."""
        async with self.ctx.store.read() as tx:
            pick, channel = await self._preview(tx, place, None)
            member = await tx.members.get(actor.ref)
            known = await tx.channels.get(place) is not None
        if not known:
            await self._enrol(place)
        t = self.ctx.texts_for(member, channel)
        return Reply(cards=scenario_cards(self.ctx.catalog, pick, t.lang))
