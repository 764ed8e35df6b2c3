"""A channel's off-days: ``offdays``, ``offdays add RANGE``, ``offdays remove RANGE``.

On an off-day nothing is posted and no round is paired, and nobody's streak breaks. Channel
admins add and remove them; everyone may see them. A range is ``YYYY-MM-DD`` or
``YYYY-MM-DD..YYYY-MM-DD`` (both ends included), at most a year long, and may not start before
today: the past stays as it was (streaks already counted it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from bot.access import Action
from bot.messages import Card, Field, Reply, Tone
from bot.model import Actor, DateRange, Place
from bot.parsing import InputError, parse_date_range
from bot.practice import Practice
from bot.texts import Texts
from bot.usecases.context import Refused
from bot.usecases.rescheduling import rescheduled

MAX_RANGES = 100  # off-day ranges one channel may hold
SHOWN = 20  # ranges listed


class OffDaysUseCase:
    """The off-day commands of every adapter."""

    def __init__(self, practice: Practice) -> None:
        self.practice = practice

    async def offdays(self, actor: Actor, place: Place, text: str = "") -> Reply:
        """List (no words), ``add RANGE`` or ``remove RANGE``; changes need a channel admin."""
        practice = self.practice
        words = text.split()
        verb = words[0].lower() if words else ""
        now = practice.clock.now()
        try:
            async with practice.store.transaction() as tx:
                channel = await practice.context.channel_in(tx, place)
                member = await practice.context.member_in(tx, actor)
                t = practice.context.texts_for(member, channel)
                today = practice.context.local_date(channel, now)
                if verb in ("", "list", "lijst"):
                    ranges = await tx.offdays.list(place)
                    return Reply(cards=(self._card(t, ranges, today, t("offdays.title")),))
                if verb not in ("add", "remove", "toevoegen", "verwijderen", "weg"):
                    raise Refused({"": t("error.offdays_usage")})
                if not await practice.context.allows(tx, actor, place, Action.CHANGE_OFFDAYS):
                    raise Refused({"": t("error.not_admin")})
                if len(words) != 2:
                    raise Refused({"": t("error.offdays_usage")})
                try:
                    first, last = parse_date_range(words[1])
                except InputError as error:
                    raise Refused({"": t(error.key, **error.params)}) from None
                days = DateRange(first, last)
                adding = verb in ("add", "toevoegen")
                if adding:
                    if first < today:
                        raise Refused(
                            {"": t("error.offday_past", first=first.isoformat(), today=today)}
                        )
                    if len(await tx.offdays.list(place)) >= MAX_RANGES:
                        raise Refused({"": t("error.offdays_full", max=MAX_RANGES)})
                    changed = await tx.offdays.add(place, days, now)
                else:
                    changed = bool(await tx.offdays.remove(place, days))
                ranges = await tx.offdays.list(place)
                await rescheduled(tx, channel, ranges, now)
        except Refused as refused:
            return Reply(errors=refused.errors)
        span = days.label
        if adding:
            title = t("offdays.added", days=span) if changed else t("offdays.already", days=span)
        else:
            title = (
                t("offdays.removed", days=span) if changed else t("offdays.none_there", days=span)
            )
        card = replace(self._card(t, ranges, today, title), tone=Tone.SUCCESS)
        return Reply(cards=(card,))

    @staticmethod
    def _card(t: Texts, ranges: Sequence[DateRange], today: date, title: str) -> Card:
        """The channel's off-days from today on (the past ones are history)."""
        current = [r for r in ranges if r.last >= today]
        fields = tuple(
            Field(r.label, t("offdays.days", n=min(r.days, (r.last - today).days + 1)))
            for r in current[:SHOWN]
        )
        body = t("offdays.body") if current else t("offdays.none")
        return Card(title=title, body=f"{body}\n{t('offdays.usage')}", fields=fields, private=True)
