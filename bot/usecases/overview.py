"""A member's overview (the App Home on Slack) and the help of every command."""

from __future__ import annotations

from collections.abc import Sequence

from bot.cards import nudge_card
from bot.messages import Card, Field, Reply
from bot.model import (
    Actor,
    Place,
)
from bot.registry import COMMANDS, Registry
from bot.rules.streak import (
    credited_day,
    current_at,
)
from bot.usecases.context import Context
from bot.usecases.streaks import calendar_of
from content.limits import MAX_FIELDS


class Overview:
    """The member's home view across channels, and the help."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    async def home(self, actor: Actor) -> Reply:
        """A member's overview across channels: their streak, today's skill where they
        practise, and their settings (the App Home on Slack)."""
        now = self.ctx.clock.now()
        async with self.ctx.store.transaction() as tx:
            member = await self.ctx.member_in(tx, actor)
            reflections = await tx.reflections.list(member.ref)
            places = list(dict.fromkeys(r.place for r in reversed(reflections)))
            channels = [c for p in places[:5] if (c := await tx.channels.get(p)) is not None]
            picks = [
                await self.ctx.picks.pick_in(tx, c.place, self.ctx.local_date(c, now))
                for c in channels
            ]
            home = channels[0] if channels else None
            calendar = await calendar_of(tx, member, home.place) if home else None
        t = self.ctx.texts_for(member, home)
        current = 0
        if home is not None and calendar is not None:
            today = credited_day(now, self.ctx.zone_of(member, home), self.ctx.grace)
            current = current_at(member.streak, today, calendar)
        cards = [
            Card(
                title=t("streak.title"),
                body=t("streak.none") if member.streak.total == 0 else "",
                fields=(
                    Field(t("streak.current"), t("streak.days", n=current)),
                    Field(t("streak.longest"), t("streak.days", n=member.streak.longest)),
                    Field(t("streak.total"), t("streak.days", n=member.streak.total)),
                ),
            )
        ]
        cards += [nudge_card(self.ctx.catalog, pick, t.lang) for pick in picks]
        cards.append(
            Card(
                title=t("settings.title"),
                fields=(
                    Field(t("settings.timezone"), member.timezone or "-"),
                    Field(t("settings.language"), member.language or "-"),
                    Field(t("settings.days"), t.days(member.practice_days)),
                ),
            )
        )
        return Reply(cards=tuple(cards))

    async def help(
        self,
        actor: Actor,
        place: Place,
        *,
        prefix: str = "/",
        also: Sequence[Registry] = (),
        aliases: bool = True,
        groups: bool = False,
    ) -> Reply:
        """The commands of ``bot.registry`` with one line each, spelled with the platform's
        ``prefix`` (and, with ``groups``, in their Discord subcommand group: ``/practice admin
        report``); adapters add their own (``also``)."""
        async with self.ctx.store.transaction() as tx:
            channel = await tx.channels.get(place)
            member = await tx.members.get(actor.ref)
        t = self.ctx.texts_for(member, channel)
        fields = tuple(
            line
            for registry in (COMMANDS, *also)
            for line in registry.help_fields(t, prefix, aliases=aliases, groups=groups)
        )
        # A card shows at most MAX_FIELDS fields on every platform (Discord's embed):
        # the rest of the commands follow on a second card.
        parts = [fields[i : i + MAX_FIELDS] for i in range(0, len(fields), MAX_FIELDS)] or [()]
        return Reply(
            cards=tuple(
                Card(
                    title=t("help.title"),
                    body=f"{t('help.body')}\n\n{t('help.safety')}" if i == 0 else "",
                    fields=part,
                    private=True,
                )
                for i, part in enumerate(parts)
            )
        )
