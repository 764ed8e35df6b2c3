"""Settings and pauses: what a member sets for themselves, and a channel admin for the channel."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from bot.access import Action
from bot.messages import Card, Field, Reply, Tone
from bot.model import (
    Actor,
    Channel,
    Level,
    Member,
    Pause,
    Place,
)
from bot.parsing import (
    InputError,
    number_in,
    parse_date,
)
from bot.ports import Tx
from bot.rules.levels import HIGHEST, LOWEST
from bot.texts import Texts
from bot.usecases.context import Context, Refused
from bot.usecases.rescheduling import rescheduled
from bot.usecases.setting_words import change_channel, change_member, check_channel, quiet_text
from bot.usecases.streaks import calendar_of, recomputed, store_recomputed

MAX_SHOWN = 40  # characters of a refused value shown back


class Preferences:
    """A member's and a channel's settings, and pauses."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    async def settings(self, actor: Actor, place: Place, text: str = "") -> Reply:
        """Show or change settings: ``tz ZONE``, ``lang nl|en``, ``days mon-fri``, and for
        channel admins ``channel time|tz|days|lang|professions|difficulty VALUE``.
        """
        words = text.split()
        try:
            async with self.ctx.store.transaction() as tx:
                channel = await self.ctx.channel_in(tx, place)
                member = await self.ctx.member_in(tx, actor, for_update=True)
                t = self.ctx.texts_for(member, channel)
                if not words:
                    pauses = await tx.pauses.list(member.ref)
                    level = await self._level(tx, channel, member)
                    return Reply(cards=(self.settings_card(t, member, channel, pauses, level),))
                try:
                    if words[0].lower() in ("level", "niveau"):
                        # Per channel: how hard the issue-bringer makes it when they help here.
                        value = " ".join(words[1:])
                        wanted = number_in(value, LOWEST, HIGHEST)
                        if wanted is None:
                            raise InputError("error.bad_level", value=value[:MAX_SHOWN])
                        await tx.levels.save(place, member.ref, Level(wanted))
                    elif words[0].lower() == "channel":
                        if not await self.ctx.allows(tx, actor, place, Action.CHANGE_CHANNEL):
                            raise Refused({"": t("error.not_admin")})
                        before = channel
                        channel = check_channel(change_channel(channel, words[1:]))
                        await self.save_channel(tx, before, channel)
                    else:
                        member = change_member(member, words, place)
                        member = replace(
                            member,
                            streak=await recomputed(
                                tx, member, await calendar_of(tx, member, place)
                            ),
                        )
                        await tx.members.save(member)
                except InputError as error:
                    raise Refused({"": t(error.key, **error.params)}) from None
                t = self.ctx.texts_for(member, channel)
                pauses = await tx.pauses.list(member.ref)
                level = await self._level(tx, channel, member)
        except Refused as refused:
            return Reply(errors=refused.errors)
        card = self.settings_card(t, member, channel, pauses, level)
        return Reply(cards=(replace(card, title=t("settings.updated"), tone=Tone.SUCCESS),))

    async def save_channel(self, tx: Tx, before: Channel, after: Channel) -> None:
        """Store changed channel settings and what follows from them: its scheduled work is
        planned anew, and a new weekly forgiveness is applied to the whole history of every
        member who reflected here (it counts retroactively, so their stored streaks are
        recomputed)."""
        await tx.channels.save(after)
        await rescheduled(tx, after, await tx.offdays.list(after.place), self.ctx.clock.now())
        if before.forgive_per_week != after.forgive_per_week:
            for ref in await tx.members.reflecting_in(after.place):
                member = await tx.members.get(ref, for_update=True)
                if member is not None:
                    await store_recomputed(tx, member, after.place)

    async def _level(self, tx: Tx, channel: Channel, member: Member) -> int:
        return (await self.ctx.levels_in(tx, channel, [member.ref]))[member.ref].level

    def settings_card(
        self,
        t: Texts,
        member: Member,
        channel: Channel,
        pauses: Sequence[Pause],
        level: int | None = None,
    ) -> Card:
        """Every setting of the member (their level here, when given) and of the channel, with
        how to change them."""
        today = self.ctx.clock.now().astimezone(self.ctx.zone_of(member, channel)).date()
        paused = next((p for p in pauses if p.end >= today), None)
        none = t("settings.channel_default")
        fields = [
            Field(t("settings.timezone"), member.timezone or f"{channel.timezone} ({none})"),
            Field(t("settings.language"), member.language or f"{channel.language} ({none})"),
            Field(t("settings.days"), t.days(member.practice_days)),
            Field(t("settings.dms"), t("settings.dms_on" if member.dms else "settings.dms_off")),
            Field(t("settings.reminders"), self._reminders_text(t, member, channel)),
            Field(t("settings.quiet"), quiet_text(t, member)),
            *(
                (Field(t("settings.level"), t("settings.level_value", level=level)),)
                if level is not None
                else ()
            ),
            Field(
                t("settings.paused"),
                t("settings.paused_until", date=paused.end.isoformat()) if paused else "-",
            ),
            Field(
                t("settings.channel"),
                t(
                    "settings.channel_value",
                    time=channel.nudge_time.strftime("%H:%M"),
                    pairing=channel.pairing_time.strftime("%H:%M"),
                    timezone=channel.timezone,
                    days=t.days(channel.weekdays),
                    language=channel.language,
                    professions=", ".join(channel.professions) or "-",
                    reminder=channel.reminder_time.strftime("%H:%M"),
                    forgive=channel.forgive_per_week,
                    difficulty=channel.difficulty,
                    window=channel.repeat_window,
                    latest=(channel.late_until or channel.pairing_time).strftime("%H:%M"),
                ),
            ),
        ]
        return Card(
            title=t("settings.title"), body=t("settings.usage"), fields=tuple(fields), private=True
        )

    @staticmethod
    def _reminders_text(t: Texts, member: Member, channel: Channel) -> str:
        if member.reminders is None:
            return t("settings.reminders_auto")
        if not member.reminders:
            return t("settings.reminders_off")
        if member.reminder_channel == channel.place.channel:
            return t("settings.reminders_on")
        return t("settings.reminders_elsewhere")

    async def pause(self, actor: Actor, place: Place, text: str) -> Reply:
        """Pause until a date (``until YYYY-MM-DD``): paused days neither count nor break."""
        now = self.ctx.clock.now()
        words = text.split()
        if words and words[0].lower() in ("until", "tot"):
            words = words[1:]
        try:
            async with self.ctx.store.transaction() as tx:
                channel = await self.ctx.channel_in(tx, place)
                member = await self.ctx.member_in(tx, actor, for_update=True)
                t = self.ctx.texts_for(member, channel)
                try:
                    if len(words) != 1:
                        raise InputError("error.pause_usage")
                    until = parse_date(words[0])
                except InputError as error:
                    raise Refused({"": t(error.key, **error.params)}) from None
                today = now.astimezone(self.ctx.zone_of(member, channel)).date()
                if until < today:
                    raise Refused({"": t("error.pause_past", date=until.isoformat())})
                pauses = [p for p in await tx.pauses.list(member.ref) if p.end < today]
                pauses.append(Pause(today, until))
                await tx.pauses.replace(member.ref, pauses)
                await store_recomputed(tx, member, place)
        except Refused as refused:
            return Reply(errors=refused.errors)
        return Reply(
            cards=(
                Card(
                    title=t("pause.title"),
                    body=t("pause.done", date=until.isoformat()),
                    private=True,
                    tone=Tone.SUCCESS,
                ),
            )
        )

    async def resume(self, actor: Actor, place: Place) -> Reply:
        """End a pause from today on."""
        now = self.ctx.clock.now()
        async with self.ctx.store.transaction() as tx:
            channel = await self.ctx.channel_in(tx, place)
            member = await self.ctx.member_in(tx, actor, for_update=True)
            t = self.ctx.texts_for(member, channel)
            today = now.astimezone(self.ctx.zone_of(member, channel)).date()
            pauses = list(await tx.pauses.list(member.ref))
            active = [p for p in pauses if p.end >= today]
            if not active:
                return Reply(cards=(Card(title=t("resume.not_paused"), private=True),))
            kept = [p for p in pauses if p.end < today]
            kept += [Pause(p.start, today - timedelta(days=1)) for p in active if p.start < today]
            await tx.pauses.replace(member.ref, kept)
            await store_recomputed(tx, member, place)
        return Reply(cards=(Card(title=t("resume.done"), private=True, tone=Tone.SUCCESS),))
