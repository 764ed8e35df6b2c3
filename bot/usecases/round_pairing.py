"""Pairing a round at its time: groups with roles, their briefs and practice spaces."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.cards import role_brief
from bot.messages import Card, Field, Notice
from bot.model import (
    BRINGER,
    HELPER,
    OBSERVER,
    Channel,
    DailyPick,
    Group,
    Job,
    Level,
    Member,
    MemberRef,
    Place,
    Seat,
)
from bot.ports import TRIO, Tx
from bot.rules import pairing
from bot.rules.levels import clamp as clamp_level
from bot.rules.schedule import (
    ON_TIME,
    Timeliness,
    local_instant,
)
from bot.usecases.picks import channel_key, turn_pick
from bot.usecases.round_base import (
    NEWS_KEEPS,
    RoundsBase,
)
from bot.usecases.work import judge, settle


def group_level(group: Group, levels: Mapping[MemberRef, Level], channel: Channel) -> int:
    """The level a group plays its current turn at: its helper's (else the channel's)."""
    helper = group.member_in(HELPER, group.turn)
    found = levels.get(helper.member) if helper is not None else None
    return clamp_level(found.level if found is not None else channel.difficulty)


class Pairing(RoundsBase):
    """Pair the joined members once per channel and day, and tell them."""

    async def pair_job(
        self, job: Job, now: datetime, on_time: timedelta = ON_TIME
    ) -> tuple[str, str] | None:
        """Do a claimed ``round`` job: pair the round (late, saying so, until its cut-off) or
        record it missed and tell who joined. None when the claim was lost."""
        settled: list[tuple[str, str] | None] = []
        await self.pair(job.place, job.local_date, now=now, job=job, on_time=on_time, out=settled)
        return settled[0] if settled else None

    async def pair(
        self,
        place: Place,
        local_date: date,
        *,
        now: datetime | None = None,
        job: Job | None = None,
        on_time: timedelta = ON_TIME,
        out: list[tuple[str, str] | None] | None = None,
    ) -> list[Notice]:
        """Pair the day's round once (also across processes) and say so to every member.

        The notices (each member's outcome and brief, and one message per group in its practice
        space) go to the outbox in the same transaction and are returned. Empty when the round
        was paired already. With ``job`` (the scheduler's), the job is settled in that
        transaction too: a round done after its cut-off is not paired; its members are told it
        did not happen (and why), and the job is recorded missed.
        """
        now = now or self.clock.now()
        async with self.store.transaction() as tx:
            channel = await self.ctx.channel_in(tx, place)
            when = Timeliness.ON_TIME
            if job is not None:
                when = judge(channel, job, now, on_time)
                outcome = await settle(tx, job, when, now)
                if out is not None:
                    out.append(outcome)
                if outcome is None:
                    return []
            if not await tx.rounds.claim(place, local_date, now):
                return []
            joined = list(await tx.rounds.list_joined(place, local_date))
            if not joined:
                return []
            # In bulk: a round can have 10,000 members, and a statement each would be 20,000.
            stored = await tx.members.get_many(joined)
            if when is Timeliness.MISSED:
                told = [stored[r] for r in joined if r in stored]
                notices, kinds = self._missed_notices(channel, told)
                # Told whenever ballback is back, even on a later day: the news stays true.
                await self._queue(
                    tx, channel, local_date, notices, kinds, now, expires_at=now + NEWS_KEEPS
                )
                return notices
            pick = await self.ctx.picks.pick_in(tx, place, local_date)
            paused_on = await tx.pauses.covering(joined, local_date)
            members: dict[MemberRef, Member] = {}
            paused: list[Member] = []
            for ref in joined:
                found = stored.get(ref)
                if found is None:
                    continue
                if ref in paused_on:
                    paused.append(found)
                else:
                    members[ref] = found
            by_user = {ref.user: ref for ref in members}
            history = await tx.groups.recent_partners(place, local_date, channel.repeat_window)
            counts = await tx.groups.role_counts(place, list(members))
            plan = pairing.plan_round(
                list(by_user),
                {ref.user: [p.user for p in partners] for ref, partners in history.items()},
                {
                    ref.user: pairing.RoleCounts(
                        helper=c.get(HELPER, 0),
                        bringer=c.get(BRINGER, 0),
                        observer=c.get(OBSERVER, 0),
                        trios=c.get(TRIO, 0),
                    )
                    for ref, c in counts.items()
                },
                seed=f"{channel_key(place)}:{local_date.isoformat()}",
            )
            planned = []
            for number, g in enumerate(plan.groups, start=1):
                seats = [
                    Seat(by_user[g.helper], HELPER, members[by_user[g.helper]].display_name),
                    Seat(by_user[g.bringer], BRINGER, members[by_user[g.bringer]].display_name),
                ]
                if g.observer is not None:
                    seats.append(
                        Seat(
                            by_user[g.observer], OBSERVER, members[by_user[g.observer]].display_name
                        )
                    )
                planned.append(
                    Group(place, local_date, number, tuple(seats), pick.scenario_id, pick.skill_id)
                )
            groups = await tx.groups.add(planned)
            late = self._late_note(channel, job) if when is Timeliness.LATE else ""
            notices: list[Notice] = []
            kinds: list[str] = []
            briefs: dict[tuple[str, str, str, int], Card] = {}
            seated = [seat.member for group in groups for seat in group.seats]
            levels = await self.ctx.levels_in(tx, channel, seated)
            for group in groups:
                for kind, notice in self._group_notices(
                    group, members, channel, pick, levels, briefs=briefs, late=late
                ):
                    kinds.append(kind)
                    notices.append(notice)
            for user in plan.solo:
                notices.append(self._solo_notice(channel, members[by_user[user]], pick))
                kinds.append("solo")
            for member in paused:
                t = self.ctx.texts_for(member, channel)
                notices.append(
                    Notice(
                        place, Card(title=t("round.paused_out"), private=True), member=member.ref
                    )
                )
                kinds.append("paused")
            await self._queue(tx, channel, local_date, notices, kinds, now)
        return notices

    async def _queue(
        self,
        tx: Tx,
        channel: Channel,
        local_date: date,
        notices: Sequence[Notice],
        kinds: Sequence[str],
        now: datetime,
        *,
        expires_at: datetime | None = None,
    ) -> tuple[int, ...]:
        """Put a day's notices in the outbox: they make sense until that day ends (unless
        ``expires_at`` says otherwise)."""
        zone = ZoneInfo(channel.timezone)
        day_end = local_instant(local_date + timedelta(days=1), time(0, 0), zone)
        return await tx.outbox.add(
            notices,
            kind=kinds,
            now=now,
            expires_at=expires_at or day_end,
            local_date=local_date,
        )

    def _late_note(self, channel: Channel, job: Job | None) -> str:
        if job is None:
            return ""
        t = self.ctx.texts_for(None, channel)
        due = job.due_at.astimezone(ZoneInfo(channel.timezone)).strftime("%H:%M")
        return t("round.late", time=due)

    def _missed_notices(
        self, channel: Channel, joined: Sequence[Member]
    ) -> tuple[list[Notice], list[str]]:
        """A round that could not be paired in time: each member who joined hears it
        privately, and the channel hears it once (no names)."""
        time_text = channel.pairing_time.strftime("%H:%M")
        notices: list[Notice] = []
        for member in joined:
            t = self.ctx.texts_for(member, channel)
            notices.append(
                Notice(
                    channel.place,
                    Card(
                        title=t("round.missed_title"),
                        body=t("round.missed_body", time=time_text),
                        private=True,
                    ),
                    member=member.ref,
                )
            )
        t = self.ctx.texts_for(None, channel)
        notices.append(
            Notice(
                channel.place,
                Card(title=t("round.missed_title"), body=t("round.missed_public", time=time_text)),
            )
        )
        return notices, ["missed"] * len(notices)

    def _solo_notice(self, channel: Channel, member: Member, pick: DailyPick) -> Notice:
        t = self.ctx.texts_for(member, channel)
        skill = self.catalog.skill(pick.skill_id)
        return Notice(
            channel.place,
            Card(
                title=t("round.solo_title"),
                body=t("round.solo_body"),
                fields=(Field(t("nudge.solo"), skill.solo_micro.get(t.lang)),),
                private=True,
            ),
            member=member.ref,
            fallback=Card(
                title=t("round.solo_public_title"),
                body=t("round.solo_public_body", name=member.display_name),
            ),
        )

    def _group_notices(
        self,
        group: Group,
        members: Mapping[MemberRef, Member],
        channel: Channel,
        pick: DailyPick,
        levels: Mapping[MemberRef, Level],
        *,
        swapped: bool = False,
        briefs: dict[tuple[str, str, str, int], Card] | None = None,
        late: str = "",
    ) -> list[tuple[str, Notice]]:
        """A group's notices with their kinds: each member's role and brief, then the
        practice space's welcome (or, after a swap, its new roles). The group plays at its
        helper's level (``levels``: the members' levels in the channel)."""
        # ``briefs`` keeps each (role, language)'s brief across a round's groups: it is the
        # same card for every helper, and a large round has thousands of them.
        briefs = {} if briefs is None else briefs
        notices: list[tuple[str, Notice]] = []
        # Each turn its own case: after a swap nobody plays one whose secrets they have read.
        pick, _ = turn_pick(self.catalog, pick, group.turn, channel.professions)
        scenario = self.catalog.scenario(pick.scenario_id)
        level = group_level(group, levels, channel)
        for seat in group.seats:
            member = members.get(seat.member)
            t = self.ctx.texts_for(member, channel)
            role = group.role_of(seat.member) or HELPER
            partners = ", ".join(s.display_name for s in group.seats if s.member != seat.member)
            outcome = Card(
                title=t("round.you_are", role=t(f"role.{role}")),
                body=t(
                    "round.paired_with",
                    partners=partners,
                    title=scenario.title.get(t.lang),
                    minutes=scenario.duration_min,
                ),
                private=True,
            )
            brief = briefs.get((role, t.lang, pick.scenario_id, level))
            if brief is None:
                brief = role_brief(self.practice.catalog, pick, role, t.lang, level)
                briefs[(role, t.lang, pick.scenario_id, level)] = brief
            notices.append(("role", Notice(group.place, outcome, member=seat.member)))
            notices.append(("brief", Notice(group.place, brief, member=seat.member)))
        t = self.ctx.texts_for(None, channel)
        body = t(
            "round.space_body",
            title=scenario.title.get(t.lang),
            minutes=scenario.duration_min,
        )
        space = Card(
            title=t(
                "round.swapped_title" if swapped else "round.space_welcome", number=group.number
            ),
            body=f"{late}\n\n{body}" if late else body,
            fields=(Field(t("round.roles"), self._names(group, t)),),
            actions=self._group_actions(group, t),
        )
        notices.append(
            (
                "space",
                Notice(
                    group.place,
                    space,
                    group_id=group.id,
                    space_members=tuple(s.member for s in group.seats),
                    space_title=self._space_title(group, t),
                ),
            )
        )
        return notices
