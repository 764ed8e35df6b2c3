"""What a group does in its round: briefs, swaps, a redo, its outcome and the reminder."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from bot.cards import role_brief
from bot.messages import Card, Notice, Reply, Tone
from bot.model import (
    BRINGER,
    HELPER,
    NOT_HAPPENED,
    PRACTISED,
    Actor,
    Job,
    Place,
)
from bot.rules.schedule import (
    ON_TIME,
    Timeliness,
)
from bot.usecases.context import Refused
from bot.usecases.live_reading import finish_live
from bot.usecases.picks import turn_pick
from bot.usecases.round_pairing import Pairing, group_level
from bot.usecases.work import judge, settle


class GroupWork(Pairing):
    """A group's brief, swap (the next turn), outcome and reminder."""

    async def brief(self, actor: Actor, place: Place, *, group_id: int | None = None) -> Reply:
        """The member's own brief for their role in the group's current turn (only theirs:
        a member of another group, or nobody's, is refused)."""
        try:
            async with self.store.transaction() as tx:
                channel, member, t, group = await self._group_in(
                    tx, actor, place, group_id=group_id
                )
                role = group.role_of(member.ref)
                if role is None:
                    raise Refused({"": t("feedback.not_member", number=group.number)})
                pick = await self.ctx.picks.pick_in(tx, group.place, group.local_date)
                seated = [s.member for s in group.seats]
                level = group_level(group, await self.ctx.levels_in(tx, channel, seated), channel)
        except Refused as refused:
            return Reply(errors=refused.errors)
        played, _ = turn_pick(self.catalog, pick, group.turn, channel.professions)
        return Reply(cards=(role_brief(self.practice.catalog, played, role, t.lang, level),))

    async def redo(self, actor: Actor, place: Place, *, group_id: int | None = None) -> Reply:
        """The optional two-minute redo: a group's helper of the turn replays the one moment
        the feedback named, with the same issue-bringer. Posted in the practice space, so the
        issue-bringer knows where to start; nothing else changes (no new turn, no form)."""
        try:
            async with self.store.transaction() as tx:
                channel, member, t, group = await self._group_in(
                    tx, actor, place, group_id=group_id
                )
                if group.role_of(member.ref) != HELPER:
                    raise Refused({"": t("redo.helper_only")})
                bringer = group.member_in(BRINGER)
                names = {s.member: s.display_name for s in group.seats}
                ct = self.ctx.texts_for(None, channel)
                card = Card(
                    title=ct("redo.title"),
                    body=ct(
                        "redo.body",
                        helper=names[member.ref],
                        bringer=names.get(bringer.member, "?") if bringer else "?",
                    ),
                )
                notice = Notice(
                    group.place,
                    card,
                    group_id=group.id,
                    space_members=tuple(s.member for s in group.seats),
                    space_title=self._space_title(group, ct),
                )
                ids = await self._queue(
                    tx, channel, group.local_date, [notice], ["redo"], self.clock.now()
                )
        except Refused as refused:
            return Reply(errors=refused.errors)
        done = Card(title=t("redo.started"), private=True, tone=Tone.SUCCESS)
        return Reply(cards=(done,), notices=(notice,), outbox=ids)

    async def swap(self, actor: Actor, place: Place, *, group_id: int | None = None) -> Reply:
        """Start the next turn of the group: the roles rotate (feedback is per turn)."""
        try:
            async with self.store.transaction() as tx:
                channel, member, t, group = await self._group_in(
                    tx, actor, place, group_id=group_id, for_update=True
                )
                if group.role_of(member.ref) is None:
                    raise Refused({"": t("feedback.not_member", number=group.number)})
                if group.turn >= len(group.seats):
                    raise Refused({"": t("round.no_more_turns", turns=len(group.seats))})
                assert group.id is not None
                # Swapping before any feedback on this turn is allowed, with a word that
                # /feedback still reaches it.
                unsaid = not await tx.feedback.list(group.id, group.turn)
                finished = group.turn
                group = replace(group, turn=group.turn + 1)
                await tx.groups.save(group)
                pick = await self.ctx.picks.pick_in(tx, group.place, group.local_date)
                members = await tx.members.get_many([s.member for s in group.seats])
                levels = await self.ctx.levels_in(tx, channel, [s.member for s in group.seats])
                pairs = self._group_notices(group, members, channel, pick, levels, swapped=True)
                notices = [n for _, n in pairs]
                ids = await self._queue(
                    tx, channel, group.local_date, notices, [k for k, _ in pairs], self.clock.now()
                )
        except Refused as refused:
            return Reply(errors=refused.errors)
        played, fresh = turn_pick(self.catalog, pick, group.turn, channel.professions)
        title = self.catalog.scenario(played.scenario_id).title.get(t.lang)
        case = t("swap.new_case" if fresh else "swap.same_case", title=title)
        warning = t("round.swapped_no_feedback", turn=finished) if unsaid else ""
        body = f"{case}\n\n{warning}" if warning else case
        return Reply(
            cards=(Card(title=t("round.swapped", turn=group.turn), body=body, private=True),),
            notices=tuple(notices),
            outbox=ids,
        )

    async def outcome(
        self, actor: Actor, place: Place, practised: bool, *, group_id: int | None = None
    ) -> Reply:
        """Answer "did you practise?" for the group; the first answer counts."""
        try:
            async with self.store.transaction() as tx:
                _, member, t, group = await self._group_in(
                    tx, actor, place, group_id=group_id, for_update=True
                )
                if group.role_of(member.ref) is None:
                    raise Refused({"": t("feedback.not_member", number=group.number)})
                if group.outcome is not None:
                    raise Refused({"": t("outcome.already", outcome=t(f"outcome.{group.outcome}"))})
                group = replace(
                    group, outcome=PRACTISED if practised else NOT_HAPPENED, outcome_by=member.ref
                )
                await tx.groups.save(group)
                card = Card(
                    title=t(f"outcome.{group.outcome}"),
                    body=t("outcome.thanks", name=member.display_name),
                    tone=Tone.SUCCESS,
                )
                notices = [Notice(group.place, card, group_id=group.id)]
                # Live reading ends here: the observer's card joins the group's feedback.
                gt = self.ctx.texts_for(None, await self.ctx.channel_in(tx, group.place))
                for seen in await finish_live(tx, group, gt, self.clock.now()):
                    notices.append(Notice(group.place, seen, group_id=group.id))
                ids = await tx.outbox.add(
                    notices, kind="outcome", now=self.clock.now(), local_date=group.local_date
                )
        except Refused as refused:
            return Reply(errors=refused.errors)
        return Reply(cards=(replace(card, private=True),), notices=tuple(notices), outbox=ids)

    async def remind_job(
        self, job: Job, now: datetime, on_time: timedelta = ON_TIME
    ) -> tuple[str, str] | None:
        """Do a claimed ``outcome`` job: one reminder per group that has not said whether it
        practised (once, ever); a reminder too late for its day is recorded missed instead."""
        settled: list[tuple[str, str] | None] = []
        await self.remind(job.place, job.local_date, now=now, job=job, on_time=on_time, out=settled)
        return settled[0] if settled else None

    async def remind(
        self,
        place: Place,
        local_date: date,
        *,
        now: datetime | None = None,
        job: Job | None = None,
        on_time: timedelta = ON_TIME,
        out: list[tuple[str, str] | None] | None = None,
    ) -> list[Notice]:
        """One reminder per group that has not answered "did you practise?" (once, ever),
        queued in the outbox; with ``job``, the job is settled in the same transaction."""
        now = now or self.clock.now()
        async with self.store.transaction() as tx:
            channel = await self.ctx.channel_in(tx, place)
            if job is not None:
                when = judge(channel, job, now, on_time)
                outcome = await settle(tx, job, when, now)
                if out is not None:
                    out.append(outcome)
                if outcome is None or when is Timeliness.MISSED:
                    return []
            due = []
            for group in await tx.groups.list(place, local_date):
                open_question = group.outcome is None and group.id is not None
                if open_question and await tx.groups.claim_reminder(group.id):  # type: ignore[arg-type]
                    due.append(group)
            t = self.ctx.texts_for(None, channel)
            notices = [
                Notice(
                    place,
                    Card(
                        title=t("outcome.reminder_title"),
                        body=t("outcome.reminder_body"),
                        actions=self._group_actions(g, t, outcome_only=True),
                    ),
                    group_id=g.id,
                    space_members=tuple(s.member for s in g.seats),
                    space_title=self._space_title(g, t),
                )
                for g in due
            ]
            await self._queue(tx, channel, local_date, notices, ["outcome"] * len(notices), now)
        return notices
