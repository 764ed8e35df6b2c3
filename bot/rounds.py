"""Pair practice: joining today's round, pairing with roles, briefs, feedback and outcomes.

``Rounds`` holds the use cases the adapters call for peer role-play, next to ``Practice``
(whose helpers for channels, members, texts and picks it shares). Every use case runs in one
store transaction: a refusal (not your group, a second submission, bad answers) stores nothing.
Messages for other people come back as ``Notice``s, which the adapter or the scheduler
delivers through ``Chat``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.cards import role_brief
from bot.forms import answer_label, clean_answers, feedback_form
from bot.messages import Action, Card, Field, Notice, Reply, Tone
from bot.model import (
    BRINGER,
    HELPER,
    NOT_HAPPENED,
    OBSERVER,
    PRACTISED,
    Actor,
    Channel,
    DailyPick,
    DateRange,
    Feedback,
    Group,
    Job,
    Member,
    MemberRef,
    Place,
    Seat,
)
from bot.parsing import number_in
from bot.ports import TRIO, Tx
from bot.practice import Practice
from bot.rules import pairing
from bot.rules.schedule import (
    ON_TIME,
    ROUND,
    Timeliness,
    is_practice_day,
    local_instant,
    next_practice_day,
)
from bot.texts import Texts
from bot.usecases.context import Refused
from bot.usecases.picks import channel_key
from bot.usecases.work import judge, settle

FORM_FOR_ROLE = {HELPER: "self_assessment", BRINGER: "partner", OBSERVER: "observer"}
FORM_KEY_PREFIX = "fb"
NEWS_KEEPS = timedelta(days=1)  # how long "your round did not happen" is worth delivering


def form_key(group_id: int, turn: int, form_id: str) -> str:
    """The id of a feedback form: it carries what the submission needs, so it survives restarts."""
    return f"{FORM_KEY_PREFIX}:{group_id}:{turn}:{form_id}"


def parse_form_key(key: str) -> tuple[int, int, str] | None:
    """``(group_id, turn, form_id)`` from a form id, or None when it is not a feedback form."""
    parts = key.split(":")
    if len(parts) != 4 or parts[0] != FORM_KEY_PREFIX:
        return None
    group_id, turn = number_in(parts[1]), number_in(parts[2])
    if group_id is None or turn is None:
        return None
    return group_id, turn, parts[3]


class Rounds:
    """The use cases of pair practice."""

    def __init__(self, practice: Practice) -> None:
        self.practice = practice
        self.ctx = practice.context  # channel and member lookup, texts, zones, refusals
        self.store = practice.store
        self.catalog = practice.catalog
        self.clock = practice.clock

    # ------------------------------------------------------------------ helpers

    async def _today(self, tx: Tx, actor: Actor, place: Place) -> tuple[Channel, Member, date]:
        channel = await self.ctx.channel_in(tx, place)
        member = await self.ctx.member_in(tx, actor)
        return channel, member, self.ctx.local_date(channel)

    def _names(self, group: Group, t: Texts, turn: int | None = None) -> str:
        roles = [(group.role_of(s.member, turn), s.display_name) for s in group.seats]
        order = {HELPER: 0, BRINGER: 1, OBSERVER: 2}
        roles.sort(key=lambda r: order.get(r[0] or "", 3))
        return ", ".join(f"{name} ({t(f'role.{role}')})" for role, name in roles)

    def _space_title(self, group: Group, t: Texts) -> str:
        return t("round.space_title", number=group.number)

    # ------------------------------------------------------------------ joining

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
        when = Rounds._next_round(t, channel, offdays, today)
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

    # ------------------------------------------------------------------ the round

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
            briefs: dict[tuple[str, str], Card] = {}
            for group in groups:
                for kind, notice in self._group_notices(
                    group, members, channel, pick, briefs=briefs, late=late
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
        *,
        swapped: bool = False,
        briefs: dict[tuple[str, str], Card] | None = None,
        late: str = "",
    ) -> list[tuple[str, Notice]]:
        """A group's notices with their kinds: each member's role and brief, then the
        practice space's welcome (or, after a swap, its new roles)."""
        # ``briefs`` keeps each (role, language)'s brief across a round's groups: it is the
        # same card for every helper, and a large round has thousands of them.
        briefs = {} if briefs is None else briefs
        notices: list[tuple[str, Notice]] = []
        scenario = self.catalog.scenario(pick.scenario_id)
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
            brief = briefs.get((role, t.lang))
            if brief is None:
                brief = role_brief(self.practice.catalog, pick, role, t.lang, channel.difficulty)
                briefs[(role, t.lang)] = brief
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

    async def _group_in(
        self,
        tx: Tx,
        actor: Actor,
        place: Place,
        *,
        group_id: int | None = None,
        number: int | None = None,
        for_update: bool = False,
    ) -> tuple[Channel, Member, Texts, Group]:
        """The group a request is about, with its channel, the member and their texts.

        By ``group_id`` (a button carries it; the group's own channel then applies), by
        ``number`` in today's round, or else the member's own group today. Refuses (rolls back)
        when there is none; membership is the caller's check.
        """
        group: Group | None = None
        if group_id is not None:
            group = await tx.groups.get(group_id, for_update=for_update)
            same_workspace = group is not None and (
                (group.place.platform, group.place.workspace) == (place.platform, place.workspace)
            )
            if group is None or not same_workspace:
                group = None
            else:
                place = group.place
        channel = await self.ctx.channel_in(tx, place)
        member = await self.ctx.member_in(tx, actor)
        t = self.ctx.texts_for(member, channel)
        today = self.ctx.local_date(channel)
        if group_id is not None:
            if group is None:
                raise Refused({"": t("feedback.unknown_form")})
        elif number is not None:
            today_groups = await tx.groups.list(place, today)
            group = next((g for g in today_groups if g.number == number), None)
            if group is None:
                raise Refused({"": t("feedback.no_such_group", number=number)})
        else:
            group = await tx.groups.group_of(place, today, member.ref)
            if group is None and not await tx.rounds.claimed(place, today):
                raise Refused({"": t("round.not_paired_yet", time=_hhmm(channel))})
            if group is None:
                raise Refused({"": t("round.no_group")})
            if for_update and group.id is not None:
                group = await tx.groups.get(group.id, for_update=True) or group
        return channel, member, t, group

    @staticmethod
    def _group_actions(group: Group, t: Texts, *, outcome_only: bool = False) -> tuple[Action, ...]:
        """Buttons for a group's space; each carries the group id and re-checks who clicks."""
        verbs = (
            ("done", "notdone")
            if outcome_only
            else ("brief", "feedback", "swap", "done", "notdone")
        )
        return tuple(Action(f"{verb}:{group.id}", t(f"action.{verb}")) for verb in verbs)

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
        except Refused as refused:
            return Reply(errors=refused.errors)
        return Reply(
            cards=(role_brief(self.practice.catalog, pick, role, t.lang, channel.difficulty),)
        )

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
                pairs = self._group_notices(group, members, channel, pick, swapped=True)
                notices = [n for _, n in pairs]
                ids = await self._queue(
                    tx, channel, group.local_date, notices, [k for k, _ in pairs], self.clock.now()
                )
        except Refused as refused:
            return Reply(errors=refused.errors)
        warning = t("round.swapped_no_feedback", turn=finished) if unsaid else ""
        return Reply(
            cards=(Card(title=t("round.swapped", turn=group.turn), body=warning, private=True),),
            notices=tuple(notices),
            outbox=ids,
        )

    # ------------------------------------------------------------------ outcome

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
                notice = Notice(group.place, card, group_id=group.id)
                ids = await tx.outbox.add(
                    [notice], kind="outcome", now=self.clock.now(), local_date=group.local_date
                )
        except Refused as refused:
            return Reply(errors=refused.errors)
        return Reply(cards=(replace(card, private=True),), notices=(notice,), outbox=ids)

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

    # ------------------------------------------------------------------ feedback

    async def feedback(
        self,
        actor: Actor,
        place: Place,
        number: int | None = None,
        *,
        group_id: int | None = None,
    ) -> Reply:
        """The feedback due for the member in a group: a form, or what they received."""
        try:
            async with self.store.transaction() as tx:
                _, member, t, group = await self._group_in(
                    tx, actor, place, group_id=group_id, number=number
                )
                role = group.role_of(member.ref)
                if role is None:
                    raise Refused({"": t("feedback.not_member", number=group.number)})
                assert group.id is not None
                every_turn = await tx.feedback.in_groups([group.id])
        except Refused as refused:
            return Reply(errors=refused.errors)
        # An earlier turn whose form this member still owes comes first: a swap never makes
        # feedback unreachable.
        for turn in range(1, group.turn + 1):
            role_then = group.role_of(member.ref, turn)
            form_id = FORM_FOR_ROLE[role_then] if role_then else ""
            owed = role_then is not None and not any(
                f.turn == turn and f.giver == member.ref and f.form_id == form_id
                for f in every_turn
            )
            if owed:
                key = form_key(group.id, turn, form_id)
                form = feedback_form(self.catalog, form_id, group.skill_id, t.lang, key)
                if turn < group.turn:
                    form = replace(form, intro=t("feedback.earlier_turn", turn=turn))
                return Reply(form=form)
        given = [f for f in every_turn if f.turn == group.turn]
        if role == HELPER:
            return Reply(cards=self._received(group, given, t))
        return Reply(cards=(Card(title=t("feedback.already"), private=True),))

    async def submit_feedback(
        self, actor: Actor, place: Place, key: str, answers: Mapping[str, str]
    ) -> Reply:
        """Store a feedback form. Only the group's member in the right role, once per turn."""
        now = self.clock.now()
        parsed = parse_form_key(key)
        try:
            async with self.store.transaction() as tx:
                if parsed is None:
                    channel = await self.ctx.channel_in(tx, place)
                    member = await self.ctx.member_in(tx, actor)
                    t = self.ctx.texts_for(member, channel)
                    raise Refused({"": t("feedback.unknown_form")})
                group_id, turn, form_id = parsed
                # The form may be submitted anywhere (a DM, a modal): the group's channel counts.
                channel, member, t, group = await self._group_in(
                    tx, actor, place, group_id=group_id
                )
                role = group.role_of(member.ref, turn)
                if role is None:
                    raise Refused({"": t("feedback.not_member", number=group.number)})
                if FORM_FOR_ROLE.get(role) != form_id:
                    raise Refused({"": t("feedback.wrong_form", role=t(f"role.{role}"))})
                # A second submission is refused as such, before its answers are looked at.
                earlier = await tx.feedback.list(group_id, turn)
                if any(f.giver == member.ref and f.form_id == form_id for f in earlier):
                    raise Refused({"": t("feedback.already")})
                form = feedback_form(self.catalog, form_id, group.skill_id, t.lang, key)
                cleaned, problems = clean_answers(form, answers, t)
                if problems:
                    raise Refused({p.field_id: p.message for p in problems})
                stored = Feedback(group_id, turn, form_id, member.ref, cleaned, now)
                if not await tx.feedback.add(stored):
                    raise Refused({"": t("feedback.already")})
                given = await tx.feedback.list(group_id, turn)
                helper_seat = group.member_in(HELPER, turn)
                helper = await tx.members.get(helper_seat.member) if helper_seat else None
                notices = self._feedback_notices(group, given, stored, helper, channel, turn)
                ids = await tx.outbox.add(
                    notices, kind="feedback", now=now, local_date=group.local_date
                )
        except Refused as refused:
            return Reply(errors=refused.errors)
        done = Card(title=t("feedback.saved"), private=True, tone=Tone.SUCCESS)
        if form_id == FORM_FOR_ROLE[HELPER]:
            return Reply(cards=(done, *self._received(group, given, t, turn)))
        return Reply(cards=(done,), notices=notices, outbox=ids)

    def _feedback_notices(
        self,
        group: Group,
        given: Sequence[Feedback],
        stored: Feedback,
        helper: Member | None,
        channel: Channel,
        turn: int,
    ) -> tuple[Notice, ...]:
        """What the helper gets when a partner's feedback arrives, once the helper wrote their
        own self-assessment (before that, they read it all together afterwards)."""
        helper_done = any(f.form_id == FORM_FOR_ROLE[HELPER] for f in given)
        if stored.form_id == FORM_FOR_ROLE[HELPER] or helper is None or not helper_done:
            return ()
        ht = self.ctx.texts_for(helper, channel)
        # Where the helper gets no direct messages, a pointer in the space says it arrived.
        pointer = Card(title=ht("feedback.arrived", name=helper.display_name))
        return tuple(
            Notice(
                group.place,
                card,
                member=helper.ref,
                group_id=group.id,
                space_members=tuple(s.member for s in group.seats),
                space_title=self._space_title(group, ht),
                fallback=pointer,
            )
            for card in self._received(group, [stored], ht, turn, empty_note=False)
        )

    def _received(
        self,
        group: Group,
        given: Sequence[Feedback],
        t: Texts,
        turn: int | None = None,
        *,
        empty_note: bool = True,
    ) -> tuple[Card, ...]:
        """The partners' answers, as the helper sees them (member text is marked untrusted)."""
        names = {s.member: s.display_name for s in group.seats}
        cards = []
        for item in given:
            if item.form_id == FORM_FOR_ROLE[HELPER]:
                continue
            assert group.id is not None
            form = feedback_form(
                self.catalog,
                item.form_id,
                group.skill_id,
                t.lang,
                form_key(group.id, item.turn, item.form_id),
            )
            labels = {f.id: f.label for f in form.fields}
            role = group.role_of(item.giver, turn) or BRINGER
            cards.append(
                Card(
                    title=t(
                        "feedback.from", name=names.get(item.giver, "?"), role=t(f"role.{role}")
                    ),
                    fields=tuple(
                        Field(labels.get(k, k), answer_label(form, k, v), untrusted=True)
                        for k, v in item.answers.items()
                    ),
                    private=True,
                )
            )
        if not cards and empty_note:
            cards.append(Card(title=t("feedback.none_yet"), private=True))
        return tuple(cards)


def _hhmm(channel: Channel) -> str:
    return channel.pairing_time.strftime("%H:%M")
