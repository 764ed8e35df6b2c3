"""Joining and leaving today's round, and what it looks like so far."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from bot.messages import Card, Field, Reply, Tone
from bot.model import (
    Actor,
    Channel,
    DateRange,
    Place,
)
from bot.rules.schedule import (
    ROUND,
    is_practice_day,
    local_instant,
    next_practice_day,
)
from bot.texts import Texts
from bot.usecases.context import Refused
from bot.usecases.round_base import (
    RoundsBase,
    _hhmm,
)


class Joining(RoundsBase):
    """Join, leave and show today's round."""

    async def join(self, actor: Actor, place: Place) -> Reply:
        """Join today's round in the channel (harmless twice) until it is paired."""
        now = self.clock.now()
        try:
            async with self.store.transaction() as tx:
                channel, member, today = await self._today(tx, actor, place)
                t = self.ctx.texts_for(member, channel)
                offdays = await tx.offdays.list(place)
                if not is_practice_day(channel, today, offdays):
                    raise Refused({"": self._no_round_today(t, channel, offdays, today)})
                if await tx.rounds.claimed(place, today):
                    raise Refused({"": t("round.closed", time=_hhmm(channel))})
                zone = ZoneInfo(channel.timezone)
                if now >= local_instant(today, channel.pairing_time, zone) and (
                    ROUND not in await tx.work.kinds_on(place, today)
                ):
                    # Past the pairing time with no round waiting to be paired (it will not
                    # come today): say so and when the next one is, never promise this one.
                    when = self._next_round(t, channel, offdays, today)
                    raise Refused({"": t("round.too_late", time=_hhmm(channel), next=when)})
                paused = (await tx.pauses.covering([member.ref], today)).get(member.ref)
                if paused is not None:
                    raise Refused({"": t("round.paused", date=paused.isoformat())})
                joined = await tx.rounds.join(place, today, member.ref, now)
                count = await tx.rounds.count_joined(place, today)
        except Refused as refused:
            return Reply(errors=refused.errors)
        key = "round.joined" if joined else "round.already_joined"
        return Reply(
            cards=(
                Card(
                    title=t(key),
                    body=t("round.joined_body", time=_hhmm(channel), count=count),
                    private=True,
                    tone=Tone.SUCCESS,
                ),
            )
        )

    @staticmethod
    def _next_round(t: Texts, channel: Channel, offdays: Sequence[DateRange], today: date) -> str:
        """When the next round after today is (or that none is in sight)."""
        upcoming = next_practice_day(channel, offdays, today)
        if upcoming is None:
            return t("round.next_none")
        return t("round.next", date=upcoming.isoformat(), time=_hhmm(channel))

    @staticmethod
    def _no_round_today(
        t: Texts, channel: Channel, offdays: Sequence[DateRange], today: date
    ) -> str:
        """Why there is no round today, and when the next one is (not a promise for today)."""
        when = Joining._next_round(t, channel, offdays, today)
        off = next((r for r in offdays if r.covers(today)), None)
        if off is not None:
            return t("round.offday", last=off.last.isoformat(), next=when)
        return t("round.not_a_practice_day", next=when)

    async def leave(self, actor: Actor, place: Place) -> Reply:
        """Leave today's round, while it is not paired yet."""
        try:
            async with self.store.transaction() as tx:
                channel, member, today = await self._today(tx, actor, place)
                t = self.ctx.texts_for(member, channel)
                if await tx.rounds.claimed(place, today):
                    raise Refused({"": t("round.closed_leave")})
                left = await tx.rounds.leave(place, today, member.ref)
        except Refused as refused:
            return Reply(errors=refused.errors)
        title = t("round.left") if left else t("round.not_joined")
        return Reply(cards=(Card(title=title, private=True),))

    async def show(self, actor: Actor, place: Place) -> Reply:
        """Today's round: who joined (before pairing) or the groups (after)."""
        async with self.store.transaction() as tx:
            channel, member, today = await self._today(tx, actor, place)
            groups = await tx.groups.list(place, today)
            joined = await tx.rounds.list_joined(place, today)
            stored = await tx.members.get_many(joined)
            names = {r: stored[r].display_name if r in stored else r.user for r in joined}
            claimed = await tx.rounds.claimed(place, today)
        t = self.ctx.texts_for(member, channel)
        if not claimed:
            body = ", ".join(names[r] for r in joined) or t("round.nobody")
            return Reply(
                cards=(
                    Card(
                        title=t("round.open_title", time=_hhmm(channel)),
                        body=body,
                        private=True,
                    ),
                )
            )
        in_groups = {s.member for g in groups for s in g.seats}
        fields = [Field(t("round.group_label", number=g.number), self._names(g, t)) for g in groups]
        fields += [
            Field(t("round.solo_label"), names.get(r, r.user)) for r in joined if r not in in_groups
        ]
        return Reply(
            cards=(
                Card(
                    title=t("round.paired_title"),
                    body="" if fields else t("round.nobody"),
                    fields=tuple(fields),
                    private=True,
                ),
            )
        )
