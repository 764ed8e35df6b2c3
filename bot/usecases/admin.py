"""For channel admins and trainers: the channel's report, who may set it up, and setup."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

from bot.access import Action, allows
from bot.messages import Card, Field, Reply, Tone
from bot.model import (
    Actor,
    Member,
    MemberRef,
    Place,
    SharedItem,
)
from bot.parsing import (
    InputError,
    number_in,
)
from bot.usecases.context import Context, Refused
from bot.usecases.preferences import Preferences
from bot.usecases.setting_words import change_channel, check_channel
from bot.usecases.sharing import item_fields
from bot.usecases.trainer_report import cohort_picture, report_cards, trainer_report

COHORT_PICTURE = "cohort.png"

REPORT_WEEKS = 4  # what a trainer's report covers unless they ask for more


class Admin:
    """What channel and workspace admins do: the trainer's report, grants and setup."""

    def __init__(self, ctx: Context, preferences: Preferences) -> None:
        self.ctx = ctx
        self.preferences = preferences

    async def report(self, actor: Actor, place: Place, text: str = "") -> Reply:
        """For channel admins (trainers): counts of the channel's practice over the last
        ``text`` weeks (default 4, at most 52). Counts only: what anyone wrote stays private."""
        words = text.split()
        try:
            async with self.ctx.store.transaction() as tx:
                channel = await self.ctx.channel_in(tx, place)
                member = await self.ctx.member_in(tx, actor)
                t = self.ctx.texts_for(member, channel)
                cohort = await tx.cohorts.get(place)
                roles = await self.ctx.roles_of(tx, actor, place)
                if not allows(roles, Action.SEE_REPORT):
                    raise Refused({"": t("error.not_trainer_or_admin")})
                if len(words) > 1 or (words and not _weeks_ok(words[0])):
                    raise Refused({"": t("error.bad_weeks", value=" ".join(words))})
                weeks = number_in(words[0], 1, 52) or REPORT_WEEKS if words else REPORT_WEEKS
                last = self.ctx.local_date(channel)
                first = last - timedelta(days=7 * weeks - 1)
                seen = await tx.reports.channel_activity(place, first, last)
                # A training group's trainers read it per member and per skill too.
                shared = allows(roles, Action.READ_SHARED)
                detail = (
                    await trainer_report(self.ctx, tx, place, first, last, with_shared=shared)
                    if cohort is not None and allows(roles, Action.SEE_TRAINER_REPORT)
                    else None
                )
        except Refused as refused:
            return Reply(errors=refused.errors)
        unanswered = seen.groups - seen.practised - seen.not_happened
        fields = (
            Field(t("report.nudges"), str(seen.nudges)),
            Field(
                t("report.joined"), t("report.joined_value", joins=seen.joins, members=seen.joiners)
            ),
            Field(
                t("report.groups"),
                t(
                    "report.groups_value",
                    groups=seen.groups,
                    practised=seen.practised,
                    not_happened=seen.not_happened,
                    unanswered=unanswered,
                ),
            ),
            Field(t("report.feedback"), str(seen.feedback)),
            Field(
                t("report.reflections"),
                t(
                    "report.reflections_value",
                    count=seen.reflections,
                    members=seen.reflectors,
                    shared=seen.shared,
                ),
            ),
        )
        card = Card(
            title=t("report.title", first=first.isoformat(), last=last.isoformat()),
            body=t("report.body"),
            fields=fields,
            private=True,
        )
        if detail is None:
            return Reply(cards=(card,))

        def name(skill_id: str) -> str:
            return self.ctx.catalog.skill(skill_id).name.get(t.lang)

        def describe(item: SharedItem) -> tuple[Field, ...]:
            return item_fields(self.ctx, item, t.lang)

        members, *rest = report_cards(detail, t, name, describe)
        # Drawn off the event loop, like the streak picture.
        picture = await asyncio.to_thread(cohort_picture, detail, t)
        members = replace(members, image_png=picture, image_name=COHORT_PICTURE)
        return Reply(cards=(card, members, *rest))

    async def grant(
        self, actor: Actor, place: Place, user: str, name: str, *, allowed: bool = True
    ) -> Reply:
        """A workspace admin allows (or stops allowing) a member to set up this channel."""
        try:
            async with self.ctx.store.transaction() as tx:
                channel = await self.ctx.channel_in(tx, place)
                member = await self.ctx.member_in(tx, actor)
                t = self.ctx.texts_for(member, channel)
                if not await self.ctx.allows(tx, actor, place, Action.GRANT_SETUP):
                    raise Refused({"": t("error.not_workspace_admin")})
                target = MemberRef(place.platform, place.workspace, user)
                if await tx.members.get(target) is None:
                    await tx.members.add(Member(ref=target, display_name=name or user))
                await tx.admins.set(place, target, allowed, self.ctx.clock.now())
        except Refused as refused:
            return Reply(errors=refused.errors)
        key = "setup.granted" if allowed else "setup.revoked"
        return Reply(
            cards=(Card(title=t(key, name=name or user), private=True, tone=Tone.SUCCESS),)
        )

    async def setup(self, actor: Actor, place: Place, text: str = "") -> Reply:
        """Channel admins set several channel settings at once, e.g.
        ``time 09:00 pairing 10:00 tz Europe/Amsterdam days mon-fri lang nl professions arts``.
        Without text: the current settings and how to change them.
        """
        words = text.split()
        if not words:
            return await self.preferences.settings(actor, place, "")
        try:
            async with self.ctx.store.transaction() as tx:
                channel = await self.ctx.channel_in(tx, place, for_update=True)
                member = await self.ctx.member_in(tx, actor)
                t = self.ctx.texts_for(member, channel)
                if not await self.ctx.allows(tx, actor, place, Action.CHANGE_CHANNEL):
                    raise Refused({"": t("error.not_admin")})
                if len(words) % 2:
                    raise Refused({"": t("error.channel_setting_usage")})
                before = channel
                try:
                    for key, value in zip(words[::2], words[1::2], strict=True):
                        channel = change_channel(channel, [key, value])
                    check_channel(channel)
                except InputError as error:
                    raise Refused({"": t(error.key, **error.params)}) from None
                await self.preferences.save_channel(tx, before, channel)
                pauses = await tx.pauses.list(member.ref)
        except Refused as refused:
            return Reply(errors=refused.errors)
        card = self.preferences.settings_card(t, member, channel, pauses)
        return Reply(cards=(replace(card, title=t("settings.updated"), tone=Tone.SUCCESS),))


def _weeks_ok(text: str) -> bool:
    return number_in(text, 1, 52) is not None
